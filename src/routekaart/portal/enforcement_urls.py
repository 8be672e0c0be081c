"""Onderzoek naar uw uitkering: the investigations the person shown has been informed of."""

from django.urls import path

from . import enforcement_views as views

urlpatterns = [
    path("onderzoek/", views.investigations, name="investigations"),
]
