"""The API's refusals documented once for every operation, so a client (and the fuzzer) can rely on the schema.

Every view answers errors the same way (core.api's exception handler): problem details, `application/problem+json`
(RFC 9457, as the NLGov API design rules ask), a 400 with `invalidParams` per field. Rather than repeat that on each
of the apps' views, the schema class adds those responses to each operation where they can happen: 400 where the
operation takes a body or query parameters, 415 where it takes a body, 401/403 where it needs a signed-in caller,
404 where the path or the body names an object, 406 everywhere (the answer is only JSON). A refusal a view declares
itself (422) gets the same content.
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

PROBLEM_CONTENT_TYPE = "application/problem+json"
_PROBLEM = {
    "type": "object",
    "description": (
        "Problem details (RFC 9457, NLGov API design rules): why the request was refused, in Dutch. `instance` "
        "names this one occurrence; `code` the kind of refusal for a program."
    ),
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "The kind of problem (its status' definition)."},
        "code": {"type": "string", "description": "The refusal's code: not_found, permission_denied, invalid …"},
        "title": {"type": "string", "description": "The kind of problem, in a few Dutch words."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What was refused and what to do, in Dutch."},
        "instance": {"type": "string", "description": "This occurrence: urn:uuid:…"},
    },
    "required": ["type", "code", "title", "status", "detail", "instance"],
}
_INVALID_PARAM = {
    "type": "object",
    "properties": {
        "name": {
            "type": "string",
            "description": "The field's path in the request (`goals.0`, `members.1.bsn`); `non_field_errors` for "
            "the request as a whole.",
        },
        "code": {"type": "string", "description": "What kind of fault: required, max_length, invalid …"},
        "reason": {"type": "string", "description": "What is wrong and what to do, in Dutch."},
    },
    "required": ["name", "code", "reason"],
}
_VALIDATION_PROBLEM = {
    "allOf": [
        {"$ref": "#/components/schemas/Problem"},
        {
            "type": "object",
            "properties": {"invalidParams": {"type": "array", "items": {"$ref": "#/components/schemas/InvalidParam"}}},
            "required": ["invalidParams"],
        },
    ]
}
_COMPONENTS = {"Problem": _PROBLEM, "InvalidParam": _INVALID_PARAM, "ValidationProblem": _VALIDATION_PROBLEM}

_ERROR_RESPONSES = {
    "400": "The request is invalid: per field (invalidParams) what is wrong, or the body is no JSON.",
    "401": "Not signed in, or the token is invalid or expired.",
    "403": "Refused: this role or involvement gives no right to these data or this action, or the CSRF token of a "
    "session is missing.",
    "404": "Not found, or not visible to this user.",
    "406": "The answer exists only as JSON.",
    "415": "The body is not JSON (nor a form).",
}


def _answers_null(field: serializers.Field, direction: str) -> bool:
    """In an answer, a field is null when it defaults to None (DRF's answer when an attribute on its source path is
    None) or when its source runs through a nullable model field (an organisation without a region)."""
    if direction != "response" or field.allow_null:
        return False
    if field.default is None:
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    for attr in getattr(field, "source_attrs", []):
        if model is None:
            return False
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return False
        if model_field.null:
            return True
        model = model_field.related_model
    return False


class RoutekaartSessionScheme(SessionScheme):
    """The session sign-in (core.authentication, DRF's with a Dutch CSRF refusal) is the same cookie scheme."""

    target_class = "routekaart.core.authentication.SessionAuthentication"


class RoutekaartAutoSchema(AutoSchema):
    def _get_serializer_field_meta(self, field, direction):
        """Document null where the answer can be null, rather than each serializer repeating allow_null."""
        meta = super()._get_serializer_field_meta(field, direction)
        if isinstance(field, serializers.Field) and _answers_null(field, direction):
            meta["nullable"] = True
        return meta

    def get_operation(self, path, path_regex, path_prefix, method, registry) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for name, schema in _COMPONENTS.items():
            registry.register_on_missing(
                ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
            )
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        codes = ["406"]
        if has_body or any(p.get("in") == "query" for p in parameters):
            codes.append("400")
        if has_body:
            codes.append("415")
        if operation.get("security") and {} not in operation["security"]:
            codes += ["401", "403"]
        # A named object that does not exist or is not visible: in the path, or in the body (the case of a plan).
        if has_body or any(p.get("in") == "path" for p in parameters):
            codes.append("404")
        responses = operation["responses"]
        for code in codes:
            responses.setdefault(code, {"description": _ERROR_RESPONSES[code]})
        for code, response in responses.items():
            # Every refusal, also one a view declares itself (422), answers problem details.
            if str(code)[0] in "45":
                ref = "ValidationProblem" if str(code) == "400" else "Problem"
                response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": f"#/components/schemas/{ref}"}}}
        return operation
