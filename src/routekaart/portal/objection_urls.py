"""Mijn bezwaren: the objections of the person shown, and their letters."""

from django.urls import path

from . import objection_views as views

urlpatterns = [
    path("bezwaren/", views.objections, name="objections"),
    path("bezwaren/<id:pk>/brief/<slug:kind>/", views.objection_letter, name="objection_letter"),
]
