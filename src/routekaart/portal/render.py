"""One way to render a portal page: the page's context plus the menu and the scope the portal shell shows."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .navigation import portal_menu


def portal_render(request: HttpRequest, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    scope = getattr(request, "portal", None)
    return render(
        request,
        template,
        {"portal": scope, "portal_menu": portal_menu() if scope is not None else [], **(context or {})},
        status=status,
    )
