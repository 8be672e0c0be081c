"""Portal pages: login (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse


def login(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the login lane


def logout(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the login lane


def unknown(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the login lane


def refused(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the login lane
