"""The API's one way to answer a refusal: 403 with the service's message, 400 with a message per field.

Dependency-free: Django and DRF only, nothing of Routekaart, so every app's API may use it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _as_400(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    )


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: any Django PermissionDenied (the access check's AccessDenied too)
    answers 403 `{"detail": <its message>}`; DRF's own errors (400 per field, 401, 404 …) stay as DRF makes them.

    DRF's handler alone would answer a Django PermissionDenied with its generic English text and drop the
    message. The refusal's log entry survives the rollback this implies (audit writes refusals after the view).
    """
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc.args[0]) if exc.args and exc.args[0] else None
        exc = exceptions.PermissionDenied(message)
    elif isinstance(exc, DjangoValidationError):
        exc = _as_400(exc)
    return drf_exception_handler(exc, context)


@contextmanager
def django_validation_as_400() -> Iterator[None]:
    """Services raise Django's ValidationError; the API answers it as 400 with the same messages per field."""
    try:
        yield
    except DjangoValidationError as error:
        raise _as_400(error) from error


class HasRulesPermission(BasePermission):
    """Let a DRF view demand the same django-rules permission its HTML page demands (`view.required_permission`)."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.required_permission)
