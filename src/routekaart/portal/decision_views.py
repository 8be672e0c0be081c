"""Portal pages: decision (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from .session import portal_view


@portal_view
def decisions(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the decision lane


@portal_view
def decision_letter(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the decision lane


@portal_view
def objection(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the decision lane
