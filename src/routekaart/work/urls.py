from django.urls import path

from . import views

app_name = "work"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("werkgevers/", views.employer_list, name="employer_list"),
    path("werkgevers/nieuw/", views.employer_create, name="employer_create"),
    path("werkgevers/<int:employer_id>/", views.employer_detail, name="employer_detail"),
    path("werkgevers/<int:employer_id>/contact/", views.contact_moment_create, name="contact_moment_create"),
    path("werkgevers/<int:employer_id>/contactpersoon/", views.contact_person_create, name="contact_person_create"),
    path("werkgevers/<int:employer_id>/vestiging/", views.branch_create, name="branch_create"),
    path("werkgevers/<int:employer_id>/afspraak/", views.agreement_create, name="agreement_create"),
    path("vacatures/", views.opening_list, name="opening_list"),
    path("vacatures/nieuw/", views.vacancy_create, name="vacancy_create"),
    path("vacatures/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("arrangementen/nieuw/", views.arrangement_create, name="arrangement_create"),
    path("arrangementen/<int:pk>/", views.arrangement_detail, name="arrangement_detail"),
    path("<slug:kind>/<int:pk>/sluiten/", views.opening_close, name="opening_close"),
    path("<slug:kind>/<int:pk>/kandidaten/", views.ranking, name="ranking"),
    path("<slug:kind>/<int:pk>/kandidaten/toevoegen/", views.include_by_number, name="include_by_number"),
    path("<slug:kind>/<int:pk>/kandidaten/<int:profile_id>/besluit/", views.decision_create, name="decision_create"),
    path("<slug:kind>/<int:pk>/kandidaten/<int:profile_id>/voorstellen/", views.propose, name="propose"),
    path("besluiten/<int:decision_id>/terugdraaien/", views.decision_lift, name="decision_lift"),
    path("kandidaten/", views.candidate_list, name="candidate_list"),
    path("kandidaten/<int:profile_id>/", views.candidate_detail, name="candidate_detail"),
    path("werkprofielen/", views.work_profile_list, name="work_profile_list"),
    path("werkprofiel/<int:resident_id>/", views.work_profile_edit, name="work_profile_edit"),
    path("plaatsingen/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("plaatsingen/<int:pk>/<slug:step>/", views.placement_step, name="placement_step"),
    path("controles/<int:check_id>/", views.check_record, name="check_record"),
    path("vacatureservice/", views.vacancy_service, name="vacancy_service"),
    path("werkgever/", views.employer_page, name="employer_page"),
    path("social-return/", views.sroi_list, name="sroi_list"),
    path("social-return/nieuw/", views.sroi_create, name="sroi_create"),
    path("social-return/<int:pk>/", views.sroi_detail, name="sroi_detail"),
]
