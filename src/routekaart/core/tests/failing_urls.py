"""The project's addresses plus one view that fails unexpectedly, for the tests of the 500 answer."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from routekaart.urls import handler400, handler403, handler404, handler500
from routekaart.urls import urlpatterns as project_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def fail(request: HttpRequest, number: str) -> HttpResponse:
    raise RuntimeError(f"onverwacht bij {number}")


urlpatterns = [
    path("kapot/<str:number>/", fail),
    path("api/v1/kapot/<str:number>/", fail),
    *project_urlpatterns,
]
