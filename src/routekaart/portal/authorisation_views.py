"""Portal pages: authorisation (placeholder until built)."""

from django.http import Http404, HttpRequest, HttpResponse

from .session import portal_view


@portal_view
def consents(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the authorisation lane


@portal_view
def consent_withdraw(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the authorisation lane


@portal_view
def authorisations(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the authorisation lane


@portal_view
def authorisation_withdraw(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the authorisation lane


@portal_view
def person_switch(request: HttpRequest, **kwargs) -> HttpResponse:
    raise Http404  # built by the authorisation lane
