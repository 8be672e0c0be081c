"""The API's one way to answer a refusal: problem details (core.problems) in Dutch, whatever raised it.

A service's PermissionDenied answers 403 with its message, a service's ValidationError 400 with its messages per
field (`invalidParams`); DRF's own refusals (401, 404, 405, 406, 415, 429, a body that is no JSON) answer with a
Dutch sentence of ours instead of DRF's, Django's or a library's English text, which may also name internals
("No Case matches the given query.", "JSON parse error - Expecting property name …", "CSRF Failed: …").

Dependency-free: Django and DRF only, nothing of Routekaart, so every app's API may use it.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .limits import FieldLimits, PlausibleDateValidator, limits_of, range_tighten
from .problems import PROBLEM_CONTENT_TYPE, problem

# The name of an error about the request as a whole (DRF's own name for it).
NON_FIELD = "non_field_errors"


def _as_400(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD: error.messages}
    )


def _untranslated() -> list[tuple[re.Pattern, str]]:
    """DRF's field messages that its Dutch catalogue lacks (DRF 3.18), as patterns of the English text, with ours."""
    table = [
        ("Not a valid string.", _("Geef tekst.")),
        ("Must be a valid boolean.", _("Kies waar of niet waar (true of false).")),
        ("A valid biginteger is required.", _("Geef een geheel getal.")),
        ("Must be a valid UUID.", _("Geef een geldige UUID.")),
        ("Datetime value out of range.", _("Dit tijdstip valt buiten het mogelijke bereik.")),
        ('Invalid datetime for the timezone "{timezone}".', _("Dit tijdstip bestaat niet in tijdzone %(timezone)s.")),
        ("This dictionary may not be empty.", _("Vul dit gegeven in; het mag niet leeg zijn.")),
        ("Integer value too large to convert to float", _("Dit getal is te groot.")),
        ("Ensure this field has no more than {max_length} elements.", _("Geef ten hoogste %(max_length)s items.")),
        ("Ensure this field has at least {min_length} elements.", _("Geef ten minste %(min_length)s items.")),
        (
            'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.',
            _("Gebruik alleen letters, cijfers, liggende streepjes en koppeltekens."),
        ),
    ]
    patterns = []
    for english, dutch in table:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(english))
        patterns.append((re.compile(pattern), dutch))
    return patterns


def dutch_reason(reason: str) -> str:
    """The reason in Dutch: DRF's few field messages without a Dutch translation get ours."""
    for pattern, dutch in _untranslated():
        if match := pattern.fullmatch(reason):
            return dutch % match.groupdict() if match.groupdict() else dutch
    return reason


def invalid_params(detail: Any, name: str = "") -> list[dict[str, str]]:
    """DRF's errors per field (nested dicts and lists) as one flat list: the field's path (`goals.0`,
    `members.1.bsn`), DRF's code and the Dutch reason."""
    if isinstance(detail, dict):
        return [param for key, value in detail.items() for param in invalid_params(value, _join(name, str(key)))]
    if isinstance(detail, list):
        params = []
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                params += invalid_params(item, _join(name, str(index)))
            else:
                params += invalid_params(item, name)
        return params
    code = getattr(detail, "code", None) or "invalid"
    return [{"name": name or NON_FIELD, "code": code, "reason": dutch_reason(str(detail))}]


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _own_message(exc: exceptions.APIException, request) -> str:
    """Our Dutch sentence for a DRF refusal; None keeps the exception's own message (a service's Dutch text)."""
    method = getattr(request, "method", "")
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # Also a library's English ("Invalid token."): what went wrong with a credential is nobody else's business.
        return _("Log in, of stuur een geldige API-sleutel mee (kopregel Authorization: Token …).")
    if isinstance(exc, exceptions.ParseError):
        if exc.get_codes() != "parse_error":
            return str(exc.detail)  # our parser's own Dutch refusal (too deep, too large)
        return _("De inhoud van het verzoek is geen geldige JSON.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("De methode %(method)s is hier niet toegestaan.") % {"method": method}
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Dit antwoord is er alleen als JSON; vraag om application/json.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Stuur de inhoud als JSON (Content-Type: application/json).")
    if isinstance(exc, exceptions.Throttled):
        return _("Te veel verzoeken; probeer het over %(wait)s seconden opnieuw.") % {"wait": exc.wait or 1}
    if isinstance(exc, exceptions.ValidationError):
        return _("Het verzoek bevat gegevens die niet kloppen; zie per gegeven de reden.")
    if not hasattr(exc, "default_detail") or str(exc.detail) != str(exc.default_detail):
        return str(exc.detail)
    if isinstance(exc, exceptions.NotFound):
        return _("Dit bestaat niet, of u mag het niet zien.")
    if isinstance(exc, exceptions.PermissionDenied):
        return _("U hebt geen toegang tot deze gegevens of deze handeling.")
    return _("Dit verzoek kon niet worden verwerkt.")


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def as_problem(exc: exceptions.APIException, request=None) -> dict[str, Any]:
    """The problem-details body of a DRF refusal, in Dutch."""
    detail = _own_message(exc, request)
    if isinstance(exc, exceptions.ValidationError):
        return problem(exc.status_code, detail, code="invalid", invalid_params=invalid_params(exc.detail))
    params = None
    if exc.status_code == 400:  # a body that could not be read: the request as a whole is invalid
        params = [{"name": NON_FIELD, "code": _code(exc), "reason": detail}]
    return problem(exc.status_code, detail, code=_code(exc), invalid_params=params)


class Unprocessable(exceptions.APIException):
    """422: the request is well formed, but its facts do not allow the answer (a calculation without its norms)."""

    status_code = 422
    default_code = "unprocessable"


def _to_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        # Django's message names the model in English ("No Case matches the given query.").
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc.args[0]) if exc.args and exc.args[0] else None
        return exceptions.PermissionDenied(message)
    if isinstance(exc, DjangoValidationError):
        return _as_400(exc)
    return exc


def _json_problem(response: Response, request) -> Response:
    """Render as JSON whatever the caller asked for (the refusal of a bad Accept too), as problem+json."""
    response.content_type = PROBLEM_CONTENT_TYPE
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = PROBLEM_CONTENT_TYPE
    return response


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every refusal as problem details in Dutch.

    DRF's handler alone would answer a Django PermissionDenied with its generic text and drop the message. The
    refusal's log entry survives the rollback this implies (audit writes refusals after the view). Anything else
    is a server error: handler500 (core.errors) answers it, as problem details too.
    """
    exc = _to_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    response.data = as_problem(exc, request)
    return _json_problem(response, request)


def refusal(exc: exceptions.APIException, request=None) -> Response:
    """Answer a refusal without raising it (the request's transaction then commits, e.g. the logged refusal)."""
    response = Response(as_problem(exc, request), status=exc.status_code)
    return _json_problem(response, request)


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


class ModelLimitsMixin:
    """A plain serializer whose fields named as fields of `limits_model` take that field's limits (core.limits):
    a text its max_length, a number its minimum and maximum, a date its plausible range, each with the model's
    Dutch validator, so the schema declares them (maxLength, minimum, maximum) and the API refuses what the save
    would. `limits_renamed` maps a serializer field to the model field where the names differ. Mix in before
    `serializers.Serializer`."""

    limits_model: type | None = None
    limits_renamed: dict[str, str] = {}

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.limits_model is not None:
            for name, limits in limits_of(self.limits_model, fields, self.limits_renamed).items():
                apply_serializer_limits(fields[name], limits)
        return fields


def apply_serializer_limits(field: Any, limits: FieldLimits) -> None:
    """Give a plain serializer field its model field's limits; a tighter limit of the serializer's is kept, a field
    of another kind (a choice, a relation) is left as it is."""
    if isinstance(field, serializers.ChoiceField | serializers.RelatedField):
        return
    if isinstance(field, serializers.CharField):
        if limits.max_length and (field.max_length is None or field.max_length > limits.max_length):
            field.max_length = limits.max_length
            field.validators.extend(v for v in limits.validators if isinstance(v, MaxLengthValidator))
    elif isinstance(field, serializers.IntegerField | serializers.DecimalField | serializers.FloatField):
        range_tighten(field, limits)
    elif isinstance(field, serializers.DateField | serializers.DateTimeField):
        field.validators.extend(v for v in limits.validators if isinstance(v, PlausibleDateValidator))
