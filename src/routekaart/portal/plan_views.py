"""Portal pages: plan (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from .session import portal_view


@portal_view
def home(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the plan lane


@portal_view
def plan(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the plan lane


@portal_view
def agreement_done(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the plan lane


@portal_view
def agreement_question(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the plan lane


@portal_view
def route(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the plan lane
