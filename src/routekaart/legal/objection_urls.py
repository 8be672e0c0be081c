"""Bezwaar en beroep under /klantbeheer/bezwaar/ (namespace `legal`): the list, registering, one objection's file,
one POST url per step of the procedure, and the letters."""

from django.urls import path

from . import objection_views as views

urlpatterns = [
    path("", views.objection_list, name="objection_list"),
    path("registreren/", views.objection_register, name="objection_register"),
    path("<int:objection_id>/", views.objection_detail, name="objection_detail"),
    path("<int:objection_id>/brief/<slug:kind>/", views.objection_letter, name="objection_letter"),
    path("<int:objection_id>/<slug:step>/", views.objection_step, name="objection_step"),
]
