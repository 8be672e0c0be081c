from django.urls import include, path

urlpatterns = [
    path("", include("routekaart.legal.api.objections_urls")),
    path("", include("routekaart.legal.api.complaints_urls")),
    path("", include("routekaart.legal.api.enforcement_urls")),
    path("", include("routekaart.legal.api.quality_urls")),
]
