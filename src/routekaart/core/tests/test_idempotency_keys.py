"""API writes with an Idempotency-Key: a retry answers the first answer and writes nothing; a key names one request;
refusals are kept; a server error is not; the answer commits with the write; keys last 24 hours."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from routekaart.core import idempotency
from routekaart.core.models import IdempotencyKey
from routekaart.organisations.api.views import OrganisationViewSet
from routekaart.organisations.models import Organisation
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import database_fingerprint

pytestmark = [pytest.mark.django_db]

URL = "/api/v1/organisations/"
TEAM = {"kind": "team", "code": "wijkteam-oost", "name": "Wijkteam Oost", "team_kind": "neighbourhood"}
KEY = "4f1c2a7e-0b1d-4c55-9a34-7d2f0e6b9c10"
REUSED = "Deze Idempotency-Key is al gebruikt voor een ander verzoek."
IN_PROGRESS = "Een verzoek met deze Idempotency-Key wordt nog verwerkt."


@pytest.fixture
def admin(demo_login):
    return UserFactory(role=Role.FUNCTIONAL_ADMIN, is_demo=True)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(client, body: dict, key: str | None = KEY, url: str = URL):
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_retry_with_the_same_key_answers_the_first_answer_and_writes_nothing(client, admin):
    client.force_login(admin)  # the browser session, as the API's session authentication reads it
    first = post(client, TEAM)
    assert first.status_code == 201, first.content
    before = database_fingerprint()

    retry = post(client, TEAM)

    assert retry.status_code == 201
    assert retry.content == first.content
    assert retry["Content-Type"] == first["Content-Type"]
    assert retry["Idempotent-Replayed"] == "true"
    assert database_fingerprint() == before
    assert Organisation.objects.filter(code="wijkteam-oost").count() == 1


def test_the_same_key_with_another_request_answers_422_in_dutch_and_writes_nothing(admin):
    client = api(admin)
    assert post(client, TEAM).status_code == 201
    before = database_fingerprint()

    other = post(client, {**TEAM, "code": "wijkteam-west", "name": "Wijkteam West"})

    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["detail"].startswith(REUSED)
    assert other.json()["code"] == "idempotency_key_reused"
    assert database_fingerprint() == before
    assert not Organisation.objects.filter(code="wijkteam-west").exists()


def test_a_refusal_is_kept_and_a_retry_gets_the_same_refusal(admin):
    client = api(admin)
    without_kind = {key: value for key, value in TEAM.items() if key != "team_kind"}
    refused = post(client, without_kind)
    assert refused.status_code == 400
    before = database_fingerprint()

    retry = post(client, without_kind)

    assert retry.status_code == 400
    assert retry.json() == refused.json()  # the same occurrence (`instance`): the kept answer, not a new one
    assert retry["Idempotent-Replayed"] == "true"
    assert database_fingerprint() == before
    # The key named the refused request; the corrected request needs a key of its own.
    assert post(client, TEAM).status_code == 422
    assert post(client, TEAM, key="een-nieuwe-sleutel").status_code == 201


def test_keys_belong_to_their_user(admin):
    colleague = UserFactory(role=Role.FUNCTIONAL_ADMIN, is_demo=True)
    assert post(api(admin), TEAM).status_code == 201

    other = post(api(colleague), {**TEAM, "code": "wijkteam-west", "name": "Wijkteam West"})

    assert other.status_code == 201
    assert "Idempotent-Replayed" not in other
    assert Organisation.objects.filter(code="wijkteam-west").exists()
    assert IdempotencyKey.objects.filter(key=KEY).count() == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "sleutel-é", "tab\there"])
def test_a_key_that_is_empty_too_long_or_not_printable_answers_400_in_dutch_and_writes_nothing(admin, key):
    client = api(admin)
    before = database_fingerprint()

    response = post(client, TEAM, key=key)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"] == [
        {
            "name": "Idempotency-Key",
            "code": "invalid",
            "reason": "Geef in de kopregel Idempotency-Key 1 tot 255 leesbare tekens (letters, cijfers, leestekens).",
        }
    ]
    assert database_fingerprint() == before


def test_a_key_of_255_printable_characters_is_taken(admin):
    response = post(api(admin), TEAM, key="~" + "k" * 253 + " ")
    assert response.status_code == 201
    assert IdempotencyKey.objects.get().key == "~" + "k" * 253 + " "


def test_a_key_on_a_read_or_without_a_signed_in_caller_is_not_kept(admin):
    assert api(admin).get(URL, headers={"Idempotency-Key": KEY}).status_code == 200
    assert post(APIClient(), TEAM).status_code in {401, 403}
    assert not IdempotencyKey.objects.exists()


def test_a_request_with_its_key_still_being_answered_gets_409_in_dutch_and_writes_nothing(admin):
    # What a concurrent retry meets once the first request's wait is over (see the PostgreSQL test below).
    IdempotencyKey.objects.create(user=admin, key=KEY, request_hash="0" * 64, status=None)
    before = database_fingerprint()

    response = post(api(admin), TEAM)

    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith(IN_PROGRESS)
    assert database_fingerprint() == before


def test_a_server_error_is_not_kept_so_a_retry_runs_again(admin, monkeypatch):
    client = api(admin)
    client.raise_request_exception = False
    with monkeypatch.context() as patch:
        patch.setattr(OrganisationViewSet, "create", lambda *args, **kwargs: 1 / 0)
        assert post(client, TEAM).status_code == 500
    assert not IdempotencyKey.objects.exists()

    assert post(client, TEAM).status_code == 201
    assert Organisation.objects.filter(code="wijkteam-oost").count() == 1


def test_the_kept_answer_commits_with_the_write_or_neither_stays(admin, monkeypatch):
    """A crash between the write and keeping its answer (a worker killed) leaves neither: one transaction."""
    client = api(admin)
    client.raise_request_exception = False
    before = database_fingerprint()

    def crash(*args, **kwargs):
        raise RuntimeError("the worker died")

    monkeypatch.setattr(idempotency, "_keep", crash)
    assert post(client, TEAM).status_code == 500

    assert database_fingerprint() == before
    assert not Organisation.objects.filter(code="wijkteam-oost").exists()


def test_a_new_token_is_no_kept_answer(client, admin):
    """The token endpoint's answer holds the secret, which is never stored: the header is ignored there."""
    client.force_login(admin)
    first = client.post(reverse("api-token-create"), headers={"Idempotency-Key": KEY})
    second = client.post(reverse("api-token-create"), headers={"Idempotency-Key": KEY})

    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"]
    assert not IdempotencyKey.objects.exists()


# --- 24 hours: the retry one second before answers the first answer; at and after it, the request runs again ---

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "replayed"),
    [
        (timedelta(hours=24) - timedelta(seconds=1), True),
        (timedelta(hours=24), False),
        (timedelta(hours=24) + timedelta(seconds=1), False),
    ],
)
def test_a_key_lasts_24_hours(admin, age, replayed):
    client = api(admin)
    with freeze_time(START) as clock:
        assert post(client, TEAM).status_code == 201
        clock.move_to(START + age)

        retry = post(client, TEAM)

    if replayed:
        assert (retry.status_code, retry["Idempotent-Replayed"]) == (201, "true")
    else:  # the request ran again: the code is taken now
        assert retry.status_code == 400
        assert "Idempotent-Replayed" not in retry
    assert Organisation.objects.filter(code="wijkteam-oost").count() == 1


def test_the_purge_removes_keys_from_24_hours_old(admin):
    for name, age in [("jonger", timedelta(seconds=-1)), ("precies", timedelta(0)), ("ouder", timedelta(seconds=1))]:
        IdempotencyKey.objects.create(
            user=admin, key=name, request_hash="0" * 64, status=201, created=START - timedelta(hours=24) - age
        )

    assert idempotency.expired_keys_purge(START) == 2

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["jonger"]


def test_the_schema_documents_the_header_on_every_write_and_its_refusals(admin):
    schema = api(admin).get(reverse("api-schema") + "?format=json").json()

    writes = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            if method in {"post", "put", "patch", "delete"} and path != "/api/v1/auth/token/":
                writes += 1
                assert "Idempotency-Key" in names, (method, path)
                assert {"400", "409", "422"} <= set(operation["responses"]), (method, path)
            else:
                assert "Idempotency-Key" not in names, (method, path)
    assert writes > 10
