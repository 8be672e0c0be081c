"""Every API refusal is problem details (RFC 9457, as the NLGov API design rules ask) in Dutch: a body nested
thousands deep, a body that is no JSON, an unknown id, a missing CSRF token, and each of DRF's own refusals."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.test import Client
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from routekaart.core.api import exception_handler
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint, problem_fields

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
# Words of DRF's, Django's and the libraries' English refusals; none is Dutch.
ENGLISH = re.compile(
    r"\b(the|not|was|request|found|method|allowed|permission|failed|expecting|matches|query|credentials|"
    r"provided|invalid|throttled|unsupported|could|expected|available|seconds|parse|error|malformed|perform|"
    r"action|authentication|cookie|set|token header|satisfy)\b",
    re.IGNORECASE,
)


def assert_dutch_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    assert body["instance"].startswith("urn:uuid:")
    texts = [body["title"], body["detail"]] + [p["reason"] for p in body.get("invalidParams", [])]
    for text in texts:
        assert not ENGLISH.search(text), text
    return body


def test_json_nested_thousands_deep_is_refused_in_dutch_and_changes_nothing(staff_client):
    client, _user = staff_client(Role.COORDINATOR)
    before = database_fingerprint()

    response = client.post("/api/v1/routes/trajectories/", "[" * 5000 + "]" * 5000, content_type="application/json")

    body = assert_dutch_problem(response, 400)
    assert "te diep genest" in body["detail"]
    assert database_fingerprint() == before


def test_a_body_larger_than_the_bound_is_refused_in_dutch(staff_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client, _user = staff_client(Role.COORDINATOR)

    response = client.post("/api/v1/signals/", '{"summary": "' + "x" * 2000 + '"}', content_type="application/json")

    assert "te groot" in assert_dutch_problem(response, 400)["detail"]


def test_brackets_inside_strings_do_not_count_as_nesting(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.post(
        "/api/v1/signals/", {"summary": "[" * 100, "household": "x"}, content_type="application/json"
    )

    assert "household" in problem_fields(response)


def test_a_body_that_is_no_json_is_refused_in_dutch_without_the_parsers_words(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.post("/api/v1/signals/", "{'household': 1,}", content_type="application/json")

    body = assert_dutch_problem(response, 400)
    assert body["detail"] == "De inhoud van het verzoek is geen geldige JSON."
    assert "Expecting" not in response.text
    assert problem_fields(response) == {"non_field_errors": [body["detail"]]}


def test_an_unknown_case_is_not_found_in_dutch(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.get("/api/v1/cases/999999/")

    body = assert_dutch_problem(response, 404)
    assert "Case" not in body["detail"]


def test_an_api_write_without_csrf_token_is_refused_in_dutch(demo_login):
    from routekaart.organisations.tests.factories import UserFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role=Role.COORDINATOR, is_demo=True))
    before = database_fingerprint()

    response = client.post("/api/v1/signals/", {"summary": "Melding"}, content_type="application/json")

    assert "CSRF-token" in assert_dutch_problem(response, 403)["detail"]
    assert database_fingerprint() == before


def test_a_form_without_csrf_token_gets_a_dutch_page_in_the_sites_layout(demo_login):
    from routekaart.organisations.tests.factories import UserFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role=Role.COORDINATOR, is_demo=True))

    response = client.post("/huishoudens/1/noodtoegang/", {})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "Uw formulier is verlopen." in response.text
    assert "Forbidden" not in response.text and "CSRF verification failed" not in response.text
    assert "utrecht-heading-1" in response.text


def test_the_csrf_failure_under_api_is_problem_details(rf):
    from routekaart.core.errors import csrf_failure

    response = csrf_failure(rf.post("/api/v1/signals/"), reason="CSRF cookie not set.")

    assert_dutch_problem(response, 403)


def test_anonymous_and_a_bad_token_are_refused_in_dutch(client):
    assert_dutch_problem(client.get("/api/v1/households/"), 401)
    assert_dutch_problem(client.get("/api/v1/households/", HTTP_AUTHORIZATION="Token nietgeldig"), 401)


def test_a_method_a_media_type_and_an_answer_form_not_offered_are_refused_in_dutch(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    assert_dutch_problem(client.delete("/api/v1/signals/"), 405)
    assert_dutch_problem(client.post("/api/v1/signals/", "summary", content_type="text/plain"), 415)
    assert_dutch_problem(client.get("/api/v1/households/", HTTP_ACCEPT="application/xml"), 406)


def test_a_field_error_names_the_field_path_with_a_code_and_a_dutch_reason(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.post(
        "/api/v1/plans/", {"case": 1, "goals": [None, "Werk"], "agreements": []}, content_type="application/json"
    )

    body = assert_dutch_problem(response, 400)
    assert {"name": "goals.0", "code": "null", "reason": "Dit veld mag niet leeg zijn."} in body["invalidParams"]


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (exceptions.ValidationError({"naam": ["Dit veld is vereist."]}), 400),
        (exceptions.ParseError(), 400),
        (exceptions.AuthenticationFailed("Invalid token."), 401),
        (exceptions.NotAuthenticated(), 401),
        (exceptions.PermissionDenied(), 403),
        (DjangoPermissionDenied(), 403),
        (exceptions.NotFound(), 404),
        (Http404("No Case matches the given query."), 404),
        (exceptions.MethodNotAllowed("PATCH"), 405),
        (exceptions.NotAcceptable(), 406),
        (exceptions.UnsupportedMediaType("text/plain"), 415),
        (exceptions.Throttled(wait=3), 429),
        (exceptions.APIException(), 500),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_every_kind_of_drf_refusal_answers_problem_details_in_dutch(exc, status):
    request = APIRequestFactory().patch("/api/v1/signals/")

    response = exception_handler(exc, {"request": Request(request), "view": None})

    assert response.status_code == status
    body = response.data
    assert body["status"] == status and body["instance"].startswith("urn:uuid:")
    assert response.content_type == PROBLEM
    for text in [body["title"], body["detail"]] + [p["reason"] for p in body.get("invalidParams", [])]:
        assert not ENGLISH.search(text), text


def test_a_field_of_the_wrong_type_is_refused_with_a_dutch_reason_even_where_drf_has_none(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    body = {"summary": {"a": 1}, "urgent": "misschien"}

    response = client.post("/api/v1/signals/", body, content_type="application/json")

    fields = problem_fields(response)
    assert fields["summary"] == ["Geef tekst."]
    for reasons in fields.values():
        assert not any(ENGLISH.search(reason) for reason in reasons), fields


def test_a_calculation_that_cannot_be_made_answers_422_problem_details_and_is_documented(client):
    from django.urls import reverse

    from routekaart.core.api import Unprocessable, refusal

    response = refusal(Unprocessable("Voor deze maand is geen bijstandsnorm vastgesteld."))
    schema = client.get(reverse("api-schema") + "?format=json").json()
    documented = schema["paths"]["/api/v1/income/households/{id}/calculation/"]["get"]["responses"]["422"]

    assert response.status_code == 422 and response.content_type == PROBLEM
    assert response.data["detail"] == "Voor deze maand is geen bijstandsnorm vastgesteld."
    assert documented["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
