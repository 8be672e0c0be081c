"""/api/v1/handhaving/: klantbeheer's signals and investigations over the API; every refusal a 400 with Dutch field
errors (or 403/404), never a 500, and nothing changed by a refusal."""

from datetime import date

import pytest
from freezegun import freeze_time
from knox.models import AuthToken
from rest_framework.test import APIClient

from routekaart.audit.models import Event
from routekaart.testing import FINGERPRINT_IGNORES, database_fingerprint, problem_fields

from ..models import EnforcementSignal, Investigation
from .factories_enforcement import EnforcementSignalFactory, InvestigationFactory, enforcement_world

pytestmark = [pytest.mark.django_db]
SIGNALS = "/api/v1/handhaving/signalen/"
INVESTIGATIONS = "/api/v1/handhaving/onderzoeken/"


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


@pytest.fixture
def world():
    return enforcement_world()


@pytest.fixture
def api(world):
    return api_for(world.handler)


QUIET = FINGERPRINT_IGNORES | {"audit_event", "knox_authtoken"}  # an API call records the use of its token


def _unchanged(call):
    before = database_fingerprint(QUIET)
    response = call()
    assert database_fingerprint(QUIET) == before
    assert not Event.objects.filter(action__startswith="enforcement_signal.").exists()
    assert not Event.objects.filter(action__startswith="investigation.").exists()
    return response


def test_klantbeheer_lists_its_organisations_signals(api, world):
    mine = EnforcementSignalFactory(organisation=world.benefit.organisation)
    EnforcementSignalFactory()
    response = api.get(SIGNALS)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert "description" not in response.json()["results"][0]


def test_a_coordinator_is_refused_the_api(world):
    assert api_for(world.coordinator).get(SIGNALS).status_code == 403


def test_recording_a_signal_answers_201(api, world):
    response = api.post(
        SIGNALS,
        {"household_id": world.household.pk, "source": "tip", "received_on": "2026-11-30", "description": "x"},
        format="json",
    )
    assert response.status_code == 201 and EnforcementSignal.objects.get().pk == response.json()["id"]


def test_a_signal_from_tomorrow_is_a_400_in_dutch(api, world):
    response = _unchanged(
        lambda: api.post(
            SIGNALS,
            {"household_id": world.household.pk, "source": "tip", "received_on": "2026-12-02", "description": "x"},
            format="json",
        )
    )
    assert response.status_code == 400
    assert problem_fields(response)["received_on"] == [
        "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd."
    ]


def test_another_organisations_investigation_is_404(api):
    assert api.get(f"{INVESTIGATIONS}{InvestigationFactory().pk}/").status_code == 404


def test_an_investigation_is_opened_and_taken_to_its_findings(api, world):
    response = api.post(
        INVESTIGATIONS,
        {
            "household_id": world.household.pk,
            "question": "Woont er iemand bij?",
            "investigator": world.investigator.pk,
            "opened_on": "2026-11-03",
        },
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    response = api.post(f"{INVESTIGATIONS}{pk}/bevindingen/", {"findings": "Niets gevonden."}, format="json")
    assert response.status_code == 200 and response.json()["findings"] == "Niets gevonden."
    assert Investigation.objects.get(pk=pk).resident_id == world.client.pk


def test_a_warning_before_informing_is_a_400_on_the_outcome(api, world):
    investigation = InvestigationFactory(
        organisation=world.benefit.organisation, household=world.household, resident=world.client, findings="x"
    )
    response = _unchanged(
        lambda: api.post(
            f"{INVESTIGATIONS}{investigation.pk}/afronden/",
            {"outcome": "warning", "closed_on": "2026-12-01", "outcome_reasoning": "x"},
            format="json",
        )
    )
    assert response.status_code == 400
    assert problem_fields(response)["outcome"] == ["Informeer de inwoner eerst over het onderzoek."]


def test_assessing_with_a_bad_decision_is_a_400(api, world):
    signal = EnforcementSignalFactory(organisation=world.benefit.organisation, received_on=date(2026, 11, 2))
    response = api.post(f"{SIGNALS}{signal.pk}/beoordeling/", {"decision": "misschien"}, format="json")
    assert response.status_code == 400 and "decision" in problem_fields(response)
