"""Mijn Routekaart: a complaint about how you were treated, and the satisfaction survey."""

from django.urls import path

from . import complaint_views as views

urlpatterns = [
    path("klacht-behandeling/", views.conduct_complaint, name="conduct_complaint"),
    path("vragenlijst/bedankt/", views.survey_thanks, name="survey_thanks"),
    path("vragenlijst/<id:pk>/", views.survey, name="survey"),
]
