"""Portal pages: regulation (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from .session import portal_view


@portal_view
def regulations(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the regulation lane


@portal_view
def regulation_apply(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the regulation lane
