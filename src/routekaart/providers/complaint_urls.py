"""Complaints (Awb chapter 9) and the contract review, under /markt/klachten/ (namespace `market`)."""

from django.urls import path

from . import complaint_views as views

urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("nieuw/", views.complaint_create, name="complaint_create"),
    path("evaluatie/", views.review, name="review"),
    path("<int:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    path("<int:complaint_id>/<slug:step>/", views.complaint_step, name="complaint_step"),
]
