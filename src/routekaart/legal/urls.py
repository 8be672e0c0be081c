"""Klantbeheer's pages under /klantbeheer/, in one namespace `legal`; each part's url names carry its prefix
(objection_, complaint_, enforcement_, survey_ / quality_, deadline_)."""

from django.urls import include, path

app_name = "legal"

urlpatterns = [
    path("", include("routekaart.legal.deadline_urls")),
    path("bezwaar/", include("routekaart.legal.objection_urls")),
    path("klachten/", include("routekaart.legal.complaint_urls")),
    path("handhaving/", include("routekaart.legal.enforcement_urls")),
    path("kwaliteit/", include("routekaart.legal.quality_urls")),
]
