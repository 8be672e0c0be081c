"""The same steps through /api/v1/: one transaction each, 400 with Dutch messages per field, documented in OpenAPI."""

import pytest
from django.utils import timezone

from routekaart.access.letters import pango_missing
from routekaart.access.models import Case, Decision, Plan
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import problem_fields

from . import journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, demo_login, coordinator):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def scores_payload(value=3):
    return [{"life_domain": code, "self_reliance": value} for code in journey.scores()]


def test_the_whole_journey_through_the_api(catalog, api, household, coordinator, involved):
    today = timezone.localdate().isoformat()
    signal = post(
        api,
        "/api/v1/signals/",
        {
            "household": household.pk,
            "kind": "report",
            "topic": "care",
            "domain": "W",
            "summary": "Het lukt thuis niet meer",
        },
    )
    assert signal.status_code == 201, signal.json()
    case_id = signal.json()["case"]
    intake = post(
        api, "/api/v1/intakes/", {"case": case_id, "question": "Hulp", "talents": "Koken", "scores": scores_payload()}
    )
    assert intake.status_code == 201, intake.json()
    assert post(api, f"/api/v1/cases/{case_id}/gatekeeping/", {"outcome": "continue"}).status_code == 200
    plan = post(
        api,
        "/api/v1/plans/",
        {
            "case": case_id,
            "goals": [{"life_domain": "daily_living", "description": "Zelf het huishouden doen"}],
            "agreements": [
                {"description": "Boodschappenlijst maken", "party": "resident", "due_on": today},
                {"description": "Anna helpt", "party": "network", "party_name": "Anna", "due_on": today},
            ],
        },
    )
    assert plan.status_code == 201, plan.json()
    plan_id = plan.json()["id"]
    activated = post(api, f"/api/v1/plans/{plan_id}/activate/", {"resident_agreement": "agreed"})
    assert activated.status_code == 200 and activated.json()["status"] == "active"
    agreement_id = activated.json()["agreements"][0]["id"]
    assert post(api, f"/api/v1/agreements/{agreement_id}/status/", {"status": "done"}).json()["status"] == "done"
    decision = post(
        api,
        "/api/v1/decisions/",
        {
            "case": case_id,
            "addressee": household.mother.pk,
            "provisions": [
                {
                    "building_block": "care_and_support.guidance",
                    "outcome": "granted",
                    "law": "W",
                    "starts_on": today,
                    "ends_on": f"{timezone.localdate().year + 1}-12-31",
                    "volume": "4",
                    "unit": "day_parts_per_week",
                    "reasoning": "Hulp bij de dagstructuur.",
                }
            ],
        },
    )
    assert decision.status_code == 201, decision.json()
    body = api.get(f"/api/v1/cases/{case_id}/").json()
    assert body["case"]["status"] == "planned"
    assert [d["reference"] for d in body["decisions"]] == [decision.json()["reference"]]
    assert {d["rule"] for d in body["deadlines"]} >= {"wmo_assessment", "plan_review"}
    worklist = api.get("/api/v1/cases/").json()
    assert [row["id"] for row in worklist["results"]] == [case_id]
    if not pango_missing():
        letter = api.get(f"/api/v1/decisions/{decision.json()['id']}/letter/")
        assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_a_decision_without_a_plan_answers_400_in_dutch_and_saves_nothing(catalog, api, case, household):
    response = post(
        api,
        "/api/v1/decisions/",
        {
            "case": case.pk,
            "addressee": household.mother.pk,
            "provisions": [{"building_block": "care_and_support.guidance", "outcome": "granted", "reasoning": "x"}],
        },
    )
    assert response.status_code == 400
    assert "actief plan van aanpak" in problem_fields(response)["plan"][0]
    assert not Decision.objects.exists()


def test_a_missing_score_answers_400_per_field(api, case):
    payload = [row for row in scores_payload() if row["life_domain"] != "justice"]
    response = post(
        api, "/api/v1/intakes/", {"case": case.pk, "question": "Hulp", "talents": "Koken", "scores": payload}
    )
    assert response.status_code == 400
    assert problem_fields(response)["score_justice"] == ["Geef een score van 1 tot en met 5 voor Justitie."]
    assert Case.objects.get(pk=case.pk).status == "registered"


def test_an_uninvolved_caller_gets_403(api, planned_case, client):
    other = UserFactory(role=Role.COORDINATOR, is_demo=True)
    client.force_login(other)
    assert client.get(f"/api/v1/cases/{planned_case.pk}/").status_code == 403
    plan = Plan.objects.filter(case=planned_case).first()
    response = post(client, f"/api/v1/plans/{plan.pk}/activate/", {"resident_agreement": "agreed"})
    assert response.status_code == 403


def test_the_endpoints_are_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content.decode()
    for path in [
        "/api/v1/cases/",
        "/api/v1/signals/",
        "/api/v1/intakes/",
        "/api/v1/plans/",
        "/api/v1/agreements/",
        "/api/v1/decisions/",
    ]:
        assert path in schema
