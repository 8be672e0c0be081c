"""Conduct complaints' API, for klantbeheer."""

from django.urls import path

from .complaints import ConductComplaintDetail, ConductComplaintList

urlpatterns = [
    path("klachten-bejegening/", ConductComplaintList.as_view(), name="legal-conduct-complaints"),
    path("klachten-bejegening/<id:pk>/", ConductComplaintDetail.as_view(), name="legal-conduct-complaint"),
]
