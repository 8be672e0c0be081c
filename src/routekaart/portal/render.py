"""One way to render a portal page: the page's context plus the menu and the scope the portal shell shows."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..core.views import service_form_submit
from .navigation import portal_menu


def portal_render(request: HttpRequest, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    scope = getattr(request, "portal", None)
    return render(
        request,
        template,
        {"portal": scope, "portal_menu": portal_menu() if scope is not None else [], **(context or {})},
        status=status,
    )


def portal_form_page(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[dict[str, Any]], Any],
    *,
    success: str | Callable[[Any], str],
    then: str,
    template: str,
    context: dict | None = None,
) -> HttpResponse:
    """A portal page with one form handled by one service call: a valid POST goes to the service and on to `then`
    with the `success` message (core.views.service_form_submit); else the page with the form, 400 with its errors."""
    return service_form_submit(request, form, service, success=success, then=then) or portal_render(
        request, template, {"form": form, **(context or {})}, status=400 if form.errors else 200
    )
