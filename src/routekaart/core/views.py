"""One answer for a page whose access check refused: a rendered 403 page with the refusal's message.

Dependency-free: an app that wants more on the page (an offer of emergency access) names a context function in
`settings.ROUTEKAART_DENIED_CONTEXT`; core imports it by its dotted path, never by an import.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

DENIED_TEMPLATE = "denied.html"


def _extra_context(request: HttpRequest, view_kwargs: dict) -> dict:
    path = getattr(settings, "ROUTEKAART_DENIED_CONTEXT", "")
    return import_string(path)(request, view_kwargs) if path else {}


def access_denied_page(request: HttpRequest, denied: PermissionDenied, view_kwargs: dict | None = None) -> HttpResponse:
    """The 403 page: the message, the note that the attempt was logged, and what the app adds. Nothing of the
    address is printed: a number typed into it may be a BSN."""
    context = {"message": str(denied.args[0]) if denied.args and denied.args[0] else ""}
    context.update(_extra_context(request, view_kwargs or {}))
    return render(request, DENIED_TEMPLATE, context, status=403)


def access_denied_as_403(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a refused access check (`PermissionDenied`, AccessDenied included) with the 403 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            return access_denied_page(request, denied, kwargs)

    return wrapper
