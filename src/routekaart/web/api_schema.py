"""The API's refusals documented once for every operation, so a client (and the fuzzer) can rely on the schema.

Every view answers errors the same way (DRF's exception handler): 400 with messages per field, 401/403/404 with one
`detail` message. Rather than repeat that on each of the apps' views, the schema class adds those responses to each
operation where they can happen: 400 where the operation takes a body or query parameters, 401/403 where it needs
a signed-in caller, 404 where the path or the body names an object.
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

_DETAIL = {
    "type": "object",
    "description": "One message why the request was refused.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Per field the messages of what was wrong: a list of messages, or for a nested field its own object of "
        "field errors (per item for a list). `non_field_errors` holds messages about the request as a whole, "
        "`detail` one message when the body could not be read at all."
    ),
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}
# A view may also raise a bare ValidationError("..."): DRF then answers a list of messages.
_BAD_REQUEST = {"anyOf": [{"$ref": "#/components/schemas/FieldErrors"}, {"type": "array", "items": {"type": "string"}}]}

_ERROR_RESPONSES = {
    "400": "The request is invalid: per field what is wrong.",
    "401": "Not signed in, or the token is invalid or expired.",
    "403": "Refused: this role or involvement gives no right to these data or this action.",
    "404": "Not found, or not visible to this user.",
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
        registry.register_on_missing(
            ResolvedComponent(name="ErrorDetail", type=ResolvedComponent.SCHEMA, schema=_DETAIL, object="ErrorDetail")
        )
        registry.register_on_missing(
            ResolvedComponent(
                name="FieldErrors", type=ResolvedComponent.SCHEMA, schema=_FIELD_ERRORS, object="FieldErrors"
            )
        )
        parameters = operation.get("parameters", [])
        codes = []
        if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
            codes.append("400")
        if operation.get("security") and {} not in operation["security"]:
            codes += ["401", "403"]
        # A named object that does not exist or is not visible: in the path, or in the body (the case of a plan).
        if "requestBody" in operation or any(p.get("in") == "path" for p in parameters):
            codes.append("404")
        responses = operation["responses"]
        for code in codes:
            if code in responses:
                continue
            schema = _BAD_REQUEST if code == "400" else {"$ref": "#/components/schemas/ErrorDetail"}
            responses[code] = {
                "description": _ERROR_RESPONSES[code],
                "content": {"application/json": {"schema": schema}},
            }
        return operation
