"""Enforcement's API, for klantbeheer (client_admin): /api/v1/handhaving/signalen/ and /onderzoeken/."""

from django.urls import path

from .enforcement import (
    InvestigationClose,
    InvestigationDetail,
    InvestigationFindings,
    InvestigationHear,
    InvestigationInform,
    InvestigationList,
    SignalAssess,
    SignalDetail,
    SignalList,
)

urlpatterns = [
    path("handhaving/signalen/", SignalList.as_view(), name="legal-enforcement-signals"),
    path("handhaving/signalen/<id:pk>/", SignalDetail.as_view(), name="legal-enforcement-signal"),
    path("handhaving/signalen/<id:pk>/beoordeling/", SignalAssess.as_view(), name="legal-enforcement-signal-assess"),
    path("handhaving/onderzoeken/", InvestigationList.as_view(), name="legal-investigations"),
    path("handhaving/onderzoeken/<id:pk>/", InvestigationDetail.as_view(), name="legal-investigation"),
    path(
        "handhaving/onderzoeken/<id:pk>/bevindingen/",
        InvestigationFindings.as_view(),
        name="legal-investigation-findings",
    ),
    path(
        "handhaving/onderzoeken/<id:pk>/informeren/", InvestigationInform.as_view(), name="legal-investigation-inform"
    ),
    path("handhaving/onderzoeken/<id:pk>/horen/", InvestigationHear.as_view(), name="legal-investigation-hear"),
    path("handhaving/onderzoeken/<id:pk>/afronden/", InvestigationClose.as_view(), name="legal-investigation-close"),
]
