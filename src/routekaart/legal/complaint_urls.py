"""Conduct complaints (Awb chapter 9) under /klantbeheer/klachten/ (namespace `legal`)."""

from django.urls import path

from . import complaint_views as views

urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("nieuw/", views.complaint_register, name="complaint_register"),
    path("<id:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    path("<id:complaint_id>/<slug:step>/", views.complaint_step, name="complaint_step"),
]
