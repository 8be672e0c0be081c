"""Portal pages: income (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from .session import portal_view


@portal_view
def income(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the income lane


@portal_view
def income_report(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the income lane


@portal_view
def change_report(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the income lane
