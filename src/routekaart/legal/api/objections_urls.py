"""Objections' API, for klantbeheer (legal) and coordinators: /api/v1/bezwaren/."""

from django.urls import path

from .objections import (
    ObjectionAcknowledge,
    ObjectionDecide,
    ObjectionDetail,
    ObjectionHearing,
    ObjectionList,
    ObjectionWithdraw,
)

urlpatterns = [
    path("bezwaren/", ObjectionList.as_view(), name="legal-objections"),
    path("bezwaren/<id:pk>/", ObjectionDetail.as_view(), name="legal-objection"),
    path("bezwaren/<id:pk>/ontvangstbevestiging/", ObjectionAcknowledge.as_view(), name="legal-objection-acknowledge"),
    path("bezwaren/<id:pk>/hoorzitting/", ObjectionHearing.as_view(), name="legal-objection-hearing"),
    path("bezwaren/<id:pk>/beslissing/", ObjectionDecide.as_view(), name="legal-objection-decide"),
    path("bezwaren/<id:pk>/intrekking/", ObjectionWithdraw.as_view(), name="legal-objection-withdraw"),
]
