"""Every write operation of the API, at and beyond the limits its own schema declares: the value just inside is not
refused for that limit; the value just beyond (maxLength + 1, minimum - 1, maximum + 1, a wrong type, a choice that
does not exist, a date that is no date) is refused with 400 problem details naming that field with a Dutch reason,
and no table changed.

Generic over the schema, one test per operation: a limit added to a serializer or a model field (and so to the
schema) is tested the moment it appears. The path's object is found in the fuzz dataset: the first caller and id
for which a wrong body reaches the body's validation (400 naming a body field).
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from routekaart.testing import database_fingerprint, problem_fields

from .test_api_answers_problem_details_in_dutch import ENGLISH
from .test_api_fuzz import (
    _REAL_VALUES,
    _session_for,
    dataset,  # noqa: F401  (the fixture)
)

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch", "delete")


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


SCHEMA = _schema()


def _resolve(node: dict) -> dict:
    """A schema with its $ref and allOf followed, as one object schema."""
    if "$ref" in node:
        return _resolve(SCHEMA["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]])
    if "allOf" in node:
        merged: dict = {"properties": {}, "required": []}
        for part in node["allOf"]:
            part = _resolve(part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return {**node, **merged}
    return node


def _operations() -> Iterator[Any]:
    for path, operations in SCHEMA["paths"].items():
        for method, operation in operations.items():
            if method in WRITES:
                yield pytest.param(path, method, operation, id=f"{method.upper()} {path}")


class Case:
    def __init__(self, field: str, value: Any, refused: bool, why: str) -> None:
        self.field, self.value, self.refused, self.why = field, value, refused, why

    def __repr__(self) -> str:
        return f"{self.field}: {self.why}"


def _wrong_type(prop: dict) -> Any:
    kind = prop.get("type")
    if "enum" in prop:
        return "bestaat-niet-als-keuze"
    if kind in ("integer", "number"):
        return "geen getal"
    if kind == "boolean":
        return "misschien"
    if kind == "array":
        return {"geen": "lijst"}
    if kind == "object" or "properties" in prop:
        return ["geen", "object"]
    if prop.get("format") in ("date", "date-time"):
        return "31-12-2024"
    if kind == "string":
        return {"geen": "tekst"}
    return None


def cases_for(body_schema: dict) -> list[Case]:
    """The boundary and beyond-boundary values of each field the schema declares, and a wrong type for each."""
    cases = []
    for name, prop in _resolve(body_schema).get("properties", {}).items():
        prop = _resolve(prop) if "$ref" in prop or "allOf" in prop else prop
        if prop.get("readOnly"):
            continue
        if (length := prop.get("maxLength")) is not None:
            cases += [Case(name, "x" * length, False, "maxLength"), Case(name, "x" * (length + 1), True, "maxLength+1")]
        if (minimum := prop.get("minimum")) is not None:
            cases += [Case(name, minimum, False, "minimum"), Case(name, minimum - 1, True, "minimum-1")]
        if (maximum := prop.get("maximum")) is not None:
            cases += [Case(name, maximum, False, "maximum"), Case(name, maximum + 1, True, "maximum+1")]
        if prop.get("format") == "date":
            cases.append(Case(name, "0001-01-01", None, "too early"))  # refused wherever the field has a range
        if (wrong := _wrong_type(prop)) is not None:
            cases.append(Case(name, wrong, True, "wrong type"))
    return cases


def _body(operation: dict) -> dict | None:
    content = operation.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def _path_candidates(path: str, operation: dict) -> list[dict[str, Any]]:
    names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"]
    if not names:
        return [{}]
    candidates = [{}]
    for name in names:
        values = _REAL_VALUES.get(name) or _REAL_VALUES["id"]
        candidates = [{**c, name: v} for c in candidates for v in values]
    return candidates


def _client(user) -> Client:
    cookies = _session_for(user)
    client = Client(HTTP_X_CSRFTOKEN=cookies["csrftoken"])
    for key, value in cookies.items():
        client.cookies[key] = value
    return client


def _send(client: Client, method: str, url: str, body: Any):
    return getattr(client, method)(url, body, content_type="application/json")


def _context(callers: dict, path: str, method: str, operation: dict, fields: set[str]):
    """The first caller and path values for which a wrong body reaches validation (400 naming a body field)."""
    probe = {field: ["geen", "waarde"] for field in fields}
    for caller in ("superuser", "coordinator", "employer_adviser", "provider"):  # the desk: the provider's own only
        client = _client(callers[caller])
        for values in _path_candidates(path, operation):
            url = path.format(**values)
            response = _send(client, method, url, probe)
            assert response.status_code < 500, (url, response.content)
            if response.status_code == 400 and fields & set(problem_fields(response)):
                return client, url
    return None, None


def _assert_dutch(reasons: list[str]) -> None:
    for reason in reasons:
        assert reason and not ENGLISH.search(reason), reason


@pytest.mark.parametrize(("path", "method", "operation"), list(_operations()))
def test_every_write_refuses_values_beyond_its_declared_limits_in_dutch_and_changes_nothing(
    request, path, method, operation
):
    body_schema = _body(operation)
    if body_schema is None:
        pytest.skip("no body: nothing to send beyond a limit")
    cases = cases_for(body_schema)
    if not cases:
        pytest.skip("the body declares no field to send beyond a limit")
    fields = {case.field for case in cases}
    client, url = _context(request.getfixturevalue("dataset"), path, method, operation, fields)
    if client is None:
        pytest.skip("no object of the fuzz dataset lets this caller reach the body's validation")

    before = database_fingerprint()
    for case in [c for c in cases if c.refused is not False]:
        response = _send(client, method, url, {case.field: case.value})
        assert response.status_code < 500, (case, response.content)
        if case.refused is None and response.status_code != 400:
            continue
        assert response.status_code == 400, (case, response.status_code, response.content)
        reasons = problem_fields(response)
        if case.refused:
            assert case.field in reasons or any(name.startswith(f"{case.field}.") for name in reasons), (case, reasons)
        _assert_dutch([r for rs in reasons.values() for r in rs])
    assert database_fingerprint() == before

    for case in [c for c in cases if c.refused is False]:
        response = _send(client, method, url, {case.field: case.value})
        assert response.status_code < 500, (case, response.content)
        if response.status_code == 400:
            codes = {p["code"] for p in response.json()["invalidParams"] if p["name"] == case.field}
            assert not codes & {"max_length", "min_value", "max_value"}, (case, response.json())
