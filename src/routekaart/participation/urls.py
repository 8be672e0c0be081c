from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("", views.team, name="team"),
    path("inwoners/<int:resident_id>/", views.profile, name="profile"),
    path("inwoners/<int:resident_id>/afstand/", views.assessment_create, name="assessment_create"),
    path("inwoners/<int:resident_id>/loonwaarde/", views.wage_value_create, name="wage_value_create"),
    path("inwoners/<int:resident_id>/doelgroepenregister/", views.register_record, name="register_record"),
    path("inwoners/<int:resident_id>/vrijstelling/", views.exemption_create, name="exemption_create"),
    path("inwoners/<int:resident_id>/opdrachten/nieuw/", views.assignment_create, name="assignment_create"),
    path(
        "inwoners/<int:resident_id>/opdrachten/<int:assignment_id>/",
        views.assignment_detail,
        name="assignment_detail",
    ),
    path("rapportage/", views.reports, name="reports"),
    path("budget/", views.budget, name="budget"),
    path("instrumenten/", views.instruments, name="instruments"),
]
