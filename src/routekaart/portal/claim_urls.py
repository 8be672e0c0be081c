"""Mijn terugbetalingen: the person's claims and their letters."""

from django.urls import path

from . import claim_views as views

urlpatterns = [
    path("terugbetalingen/", views.claims, name="claims"),
    path("terugbetalingen/<int:pk>/<slug:letter>.pdf", views.claim_letter, name="claim_letter"),
]
