"""Portal pages: privacy (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from .session import portal_view


@portal_view
def processing_log(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the privacy lane


@portal_view
def export(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the privacy lane


@portal_view
def export_json(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the privacy lane


@portal_view
def export_pdf(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the privacy lane
