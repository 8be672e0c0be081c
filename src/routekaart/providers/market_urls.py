"""Beheer markt under /markt/: contracts, providers and products (contract_urls), complaints and contract review
(complaint_urls)."""

from django.urls import include, path

app_name = "market"
urlpatterns = [
    path("", include("routekaart.providers.contract_urls")),
    path("klachten/", include("routekaart.providers.complaint_urls")),
]
