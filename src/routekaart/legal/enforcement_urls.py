"""Enforcement (handhaving) under /klantbeheer/handhaving/ (namespace `legal`): signals and investigations."""

from django.urls import path

from . import enforcement_views as views

urlpatterns = [
    path("", views.signal_list, name="enforcement_signal_list"),
    path("nieuw/", views.signal_record, name="enforcement_signal_record"),
    path("<int:signal_id>/", views.signal_detail, name="enforcement_signal_detail"),
    path("onderzoeken/", views.investigation_list, name="investigation_list"),
    path("onderzoeken/<int:investigation_id>/", views.investigation_detail, name="investigation_detail"),
    path("onderzoeken/<int:investigation_id>/<slug:step>/", views.investigation_step, name="investigation_step"),
]
