"""What every app's pages share: one answer for a page whose access check refused (a rendered 403 page with the
refusal's message), and one handling of a form page's POST that calls a service (`service_form_submit`).

Dependency-free: an app that wants more on the page (an offer of emergency access) names a context function in
`settings.ROUTEKAART_DENIED_CONTEXT`; core imports it by its dotted path, never by an import.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string

from .forms import service_errors_to_form

T = TypeVar("T")

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


def service_form_submit(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str],
    then: str | Callable[[T], str | HttpResponse],
) -> HttpResponse | None:
    """A form page's POST, handled one way everywhere: a valid form goes to one service with its cleaned data; the
    service's refusal is shown on the form, and the answer is None so the caller renders the form again (status 400,
    nothing changed); on success a message and a redirect to `then` (a URL, URL name or response, or a function of
    what the service returned). A GET, or a form that does not validate, also answers None.

    The page's access check is the caller's, before the form is made: it stays visible in each view."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except ValidationError as error:
        service_errors_to_form(form, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    target = then(result) if callable(then) else then
    return target if isinstance(target, HttpResponse) else redirect(target)


def step_form_submit(
    request: HttpRequest,
    record: Any,
    step: str,
    *,
    record_name: str,
    forms_by_step: dict[str, type[forms.Form]],
    services: dict[str, Callable[..., Any]],
    successes: dict[str, str],
    then: str,
    page: Callable[..., HttpResponse],
) -> HttpResponse:
    """A step form's POST on a record's page (a complaint, an investigation): the step's form goes to the step's
    service as `service(actor=user, <record_name>=record, **cleaned_data)`; on a refusal the record's page again
    (`page(request, record, {step: form}, status=400)`) with that form and its errors.

    The caller checks that `step` exists and fetches `record` through its access check first: both stay visible in
    each view, as with `service_form_submit`."""
    form = forms_by_step[step](request.POST, prefix=step)
    response = service_form_submit(
        request,
        form,
        lambda data: services[step](actor=request.user, **{record_name: record}, **data),
        success=successes[step],
        then=then,
    )
    if response is not None:
        return response
    record.refresh_from_db()
    return page(request, record, {step: form}, status=400)
