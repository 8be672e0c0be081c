"""Recovery's API, for klantbeheer and the coordinator: /api/v1/vorderingen/."""

from django.urls import path

from .recovery import ClaimArrangementCreate, ClaimDetail, ClaimList

urlpatterns = [
    path("vorderingen/", ClaimList.as_view(), name="income-claims"),
    path("vorderingen/<id:pk>/", ClaimDetail.as_view(), name="income-claim"),
    path("vorderingen/<id:pk>/afspraak/", ClaimArrangementCreate.as_view(), name="income-claim-arrangement"),
]
