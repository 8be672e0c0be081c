"""Mijn Routekaart, under /mijn/: one URL module per part of the portal."""

from django.urls import include, path

app_name = "portal"

urlpatterns = [
    path("", include("routekaart.portal.login_urls")),
    path("", include("routekaart.portal.plan_urls")),
    path("", include("routekaart.portal.decision_urls")),
    path("", include("routekaart.portal.care_urls")),
    path("", include("routekaart.portal.income_urls")),
    path("", include("routekaart.portal.regulation_urls")),
    path("", include("routekaart.portal.privacy_urls")),
    path("", include("routekaart.portal.authorisation_urls")),
    path("", include("routekaart.portal.objection_urls")),
    path("", include("routekaart.portal.complaint_urls")),
    path("", include("routekaart.portal.enforcement_urls")),
    path("", include("routekaart.portal.claim_urls")),
    path("", include("routekaart.portal.payment_urls")),
]
