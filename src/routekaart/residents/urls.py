from django.urls import path

from . import authorisation_views, journal_views, registration_views, search_views, timeline_views, views

app_name = "residents"
urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("overzicht/", views.household_summary, name="household_summary"),
    path("zoeken/", search_views.search, name="search"),
    path("zoeken/noodtoegang/", search_views.search_break_glass, name="search_break_glass"),
    path("inschrijven/", registration_views.register, name="register"),
    path("inschrijven/handmatig/", registration_views.register_manual, name="register_manual"),
    path("<int:household_id>/", views.household_detail, name="household_detail"),
    path("<int:household_id>/brp/", registration_views.brp_compare, name="brp_compare"),
    path("<int:household_id>/noodtoegang/", views.break_glass, name="break_glass"),
    path("<int:household_id>/tijdlijn/", timeline_views.household_timeline, name="timeline"),
    path("<int:household_id>/toestemmingen/nieuw/", views.consent_create, name="consent_create"),
    path(
        "<int:household_id>/toestemmingen/<int:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "<int:household_id>/machtigingen/nieuw/",
        authorisation_views.authorisation_create,
        name="authorisation_create",
    ),
    path("<int:household_id>/journaal/", journal_views.journal, name="journal"),
    path("<int:household_id>/journaal/notitie/", journal_views.note_create, name="note_create"),
    path("<int:household_id>/journaal/document/", journal_views.document_upload, name="document_upload"),
    path(
        "<int:household_id>/journaal/documenten/<int:document_id>/",
        journal_views.document_download,
        name="document_download",
    ),
]
