"""Two requests with one Idempotency-Key at the same time write once (PostgreSQL, where requests run side by side).

The second request's insert of the key waits on the unique key until the first commits, then answers the kept
answer; if the first takes longer than CONCURRENT_WAIT, the second answers 409 and the first still writes once.
"""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from rest_framework.test import APIClient

from routekaart.core import idempotency
from routekaart.organisations.api.views import OrganisationViewSet
from routekaart.organisations.models import Organisation
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"),
]

URL = "/api/v1/organisations/"
TEAM = {"kind": "team", "code": "wijkteam-oost", "name": "Wijkteam Oost", "team_kind": "neighbourhood"}
KEY = "0b6f8a52-3c1e-4d7a-8f90-2e5d1c4b7a63"


@pytest.fixture
def slow_first_write(monkeypatch):
    """The first create holds its transaction open until the test releases it."""
    entered, release = threading.Event(), threading.Event()
    create = OrganisationViewSet.create

    def held(self, request, *args, **kwargs):
        response = create(self, request, *args, **kwargs)
        if not entered.is_set():
            entered.set()
            release.wait(20)
        return response

    monkeypatch.setattr(OrganisationViewSet, "create", held)
    yield entered, release
    release.set()


def send(user, answers: dict, name: str) -> threading.Thread:
    def run():
        client = APIClient()
        client.force_authenticate(user)
        try:
            answers[name] = client.post(
                URL, data=json.dumps(TEAM), content_type="application/json", headers={"Idempotency-Key": KEY}
            )
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_retry_while_the_first_runs_waits_for_it_and_answers_its_answer(demo_login, slow_first_write):
    entered, release = slow_first_write
    admin = UserFactory(role=Role.FUNCTIONAL_ADMIN, is_demo=True)
    answers: dict = {}

    first = send(admin, answers, "first")
    assert entered.wait(20)
    second = send(admin, answers, "second")
    second.join(0.5)  # it waits on the key
    assert second.is_alive()
    release.set()
    first.join(20)
    second.join(20)

    assert answers["first"].status_code == 201
    assert answers["second"].status_code == 201
    assert answers["second"]["Idempotent-Replayed"] == "true"
    assert answers["second"].content == answers["first"].content
    assert Organisation.objects.filter(code="wijkteam-oost").count() == 1


def test_a_retry_while_the_first_runs_too_long_answers_409_and_the_write_happens_once(
    demo_login, slow_first_write, monkeypatch
):
    entered, release = slow_first_write
    monkeypatch.setattr(idempotency, "CONCURRENT_WAIT", timedelta(milliseconds=200))
    admin = UserFactory(role=Role.FUNCTIONAL_ADMIN, is_demo=True)
    answers: dict = {}

    first = send(admin, answers, "first")
    assert entered.wait(20)
    second = send(admin, answers, "second")
    second.join(20)
    release.set()
    first.join(20)

    assert answers["second"].status_code == 409
    assert answers["second"]["Content-Type"] == "application/problem+json"
    assert "wordt nog verwerkt" in answers["second"].json()["detail"]
    assert answers["first"].status_code == 201
    assert Organisation.objects.filter(code="wijkteam-oost").count() == 1
