"""/api/v1/bezwaren/: the objections a user may see, registering one, reading one and the main steps; every refusal a
400 with Dutch field errors (or 403/404), never a 500, and nothing changed by a refusal."""

import datetime

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from routekaart.audit.models import Event
from routekaart.legal.models import Objection, ObjectionStatus
from routekaart.organisations.roles import Role
from routekaart.testing import FINGERPRINT_IGNORES, database_fingerprint, problem_fields

from .factories_objections import DecisionFactory, DienstFactory, ProvisionFactory, jurist_at, staff_at

pytestmark = pytest.mark.django_db
LIST = "/api/v1/bezwaren/"


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def today():
    return timezone.localdate()


@pytest.fixture
def desk():
    return DienstFactory()


@pytest.fixture
def jurist(desk):
    return jurist_at(desk)


@pytest.fixture
def api(jurist):
    return api_for(jurist)


@pytest.fixture
def decision(desk):
    decision = DecisionFactory(
        decided_on=today() - datetime.timedelta(days=10), decided_by=staff_at(desk, Role.COORDINATOR)
    )
    ProvisionFactory(decision=decision)
    return decision


def body(decision, **changes):
    values = {
        "decision_id": decision.pk,
        "objector_id": decision.addressee_id,
        "received_on": today().isoformat(),
        "grounds": "Te weinig hulp.",
    }
    values.update(changes)
    return values


def test_register_then_list_and_read(api, decision):
    response = api.post(LIST, body(decision), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "received" and created["grounds"] == "Te weinig hulp."
    listed = api.get(LIST).json()
    assert [row["reference"] for row in listed["results"]] == [created["reference"]]
    assert "grounds" not in listed["results"][0]
    detail = api.get(f"{LIST}{created['id']}/")
    assert detail.status_code == 200 and detail.json()["decision_reference"] == decision.reference


def test_register_by_the_reference_on_the_letter(api, decision):
    response = api.post(
        LIST,
        {
            "reference": decision.reference,
            "objector_birth_date": decision.addressee.birth_date.isoformat(),
            "received_on": today().isoformat(),
            "grounds": "Te weinig.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["decision_reference"] == decision.reference


def test_a_bad_registration_is_a_dutch_400_and_changes_nothing(api, decision):
    # an API call records the use of its token (api_token.used): every other table stays as it was
    quiet = FINGERPRINT_IGNORES | {"audit_event", "knox_authtoken"}
    before = database_fingerprint(quiet)
    response = api.post(LIST, body(decision, grounds=""), format="json")
    assert response.status_code == 400
    assert "gronden" in problem_fields(response)["grounds"][0]
    missing = api.post(LIST, {"received_on": today().isoformat()}, format="json")
    assert missing.status_code == 400 and "decision_id" in problem_fields(missing)
    wrong = api.post(
        LIST,
        {"reference": "XX", "objector_birth_date": "1990-01-01", "received_on": today().isoformat()},
        format="json",
    )
    assert wrong.status_code == 400 and "geboortedatum" in problem_fields(wrong)["reference"][0]
    assert database_fingerprint(quiet) == before
    assert not Event.objects.filter(action__startswith="objection.").exists()


def test_the_steps_acknowledge_hear_decide(api, jurist, decision):
    objection = api.post(LIST, body(decision), format="json").json()
    url = f"{LIST}{objection['id']}/"
    assert api.post(url + "ontvangstbevestiging/", {"on": today().isoformat()}, format="json").status_code == 200
    planned = api.post(
        url + "hoorzitting/",
        {
            "invited_on": today().isoformat(),
            "scheduled_at": (timezone.now() + datetime.timedelta(days=7)).isoformat(),
            "location": "Stadskantoor",
        },
        format="json",
    )
    assert planned.status_code == 200 and planned.json()["status"] == "hearing"
    early = api.post(
        url + "beslissing/",
        {"on": today().isoformat(), "outcome": "dismissed", "effect": "keep", "reasoning": "Zie brief."},
        format="json",
    )
    assert early.status_code == 400 and "Hoor eerst" in problem_fields(early)["status"][0]
    withdrawn = api.post(url + "intrekking/", {"on": today().isoformat()}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == ObjectionStatus.WITHDRAWN
    assert Event.objects.filter(action="objection.withdrawn").count() == 1


def test_a_decision_with_a_change_goes_through(api, decision):
    objection = api.post(LIST, body(decision), format="json").json()
    stored = Objection.objects.get(pk=objection["id"])
    stored.status = ObjectionStatus.HEARD
    stored.save(update_fields=["status"])
    provision = decision.provisions.get()
    response = api.post(
        f"{LIST}{objection['id']}/beslissing/",
        {
            "on": today().isoformat(),
            "outcome": "partly_upheld",
            "effect": "change",
            "reasoning": "Meer hulp nodig.",
            "changes": [
                {
                    "provision_id": provision.pk,
                    "action": "change",
                    "volume": "6",
                    "ends_on": provision.ends_on.isoformat(),
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    provision.refresh_from_db()
    assert provision.volume == 6


def test_others_get_no_objection(api, decision):
    objection = api.post(LIST, body(decision), format="json").json()
    outsider = api_for(jurist_at(DienstFactory()))
    assert outsider.get(LIST).json()["results"] == []
    assert outsider.get(f"{LIST}{objection['id']}/").status_code == 404
    assert (
        outsider.post(f"{LIST}{objection['id']}/intrekking/", {"on": today().isoformat()}, format="json").status_code
        == 404
    )
    adviser = api_for(staff_at(DienstFactory(), Role.EMPLOYER_ADVISER))
    assert adviser.get(LIST).status_code == 403
    assert APIClient().get(LIST).status_code in {401, 403}


def test_bad_ids_and_bodies_are_never_a_server_error(api, decision):
    objection = api.post(LIST, body(decision), format="json").json()
    url = f"{LIST}{objection['id']}/"
    assert api.get(f"{LIST}99999999999999999999/").status_code == 404
    assert api.post(url + "beslissing/", {"changes": "x"}, format="json").status_code == 400
    assert api.post(url + "hoorzitting/", {"scheduled_at": "gisteren"}, format="json").status_code == 400
    assert api.post(LIST, {"decision_id": -1, "objector_id": "x", "received_on": "?"}, format="json").status_code == 400


def test_the_list_runs_the_same_queries_for_one_objection_or_several(api, jurist, decision, desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.post(LIST, body(decision), format="json")
    with CaptureQueriesContext(connection) as one:
        assert api.get(LIST).status_code == 200
    for _ in range(3):
        other = DecisionFactory(
            decided_on=today() - datetime.timedelta(days=5), decided_by=staff_at(desk, Role.COORDINATOR)
        )
        api.post(LIST, body(other), format="json")
    with CaptureQueriesContext(connection) as four:
        assert len(api.get(LIST).json()["results"]) == 4
    assert len(four) == len(one)
    assert len(one) <= 15
