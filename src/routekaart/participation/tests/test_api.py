"""The API answers with the same rules as the pages: 400 with Dutch messages per field, 403 after a logged refusal."""

from datetime import date

import pytest
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import problem_fields

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-04-14"):
        yield


def test_the_wage_subsidy_calculation_is_open_to_staff(client, demo_login, world):
    client.force_login(UserFactory(role=Role.EMPLOYER_ADVISER, is_demo=True))
    response = client.post(
        "/api/v1/participation/instruments/wage-subsidy/",
        {"on": "2026-03-01", "hours_per_week": "32", "wage_value_percent": "60"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["amount"] == "1088.27"
    response = client.post(
        "/api/v1/participation/instruments/wage-subsidy/",
        {"on": "2026-03-01", "hours_per_week": "32", "wage_value_percent": "160"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "wage_value_percent" in problem_fields(response)


def test_instruments_are_listed_with_their_rules(client, demo_login, world):
    client.force_login(world.user)
    rows = {row["code"]: row for row in client.get("/api/v1/participation/instruments/").json()}
    assert (rows["learn_work_place"]["min_weeks"], rows["learn_work_place"]["max_months"]) == (4, 6)
    assert rows["guaranteed_job"]["requires_target_group_register"]
    assert rows["sheltered_work"]["requires_uwv_advice"] and not rows["community_service"]["is_reintegration"]


def test_an_assessment_through_the_api(client, demo_login, world):
    client.force_login(world.user)
    url = f"/api/v1/participation/residents/{world.resident.pk}/assessments/"
    bad = client.post(
        url,
        {
            "category": "none_direct",
            "tier": "regular_work_not_realistic",
            "ladder_rung": 6,
            "municipality": world.municipality.code,
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "De trede past niet bij de categorie" in problem_fields(bad)["tier"][0]
    good = client.post(
        url,
        {
            "category": "bridgeable_short",
            "tier": "reduced_wage_value",
            "ladder_rung": 4,
            "municipality": world.municipality.code,
        },
        content_type="application/json",
    )
    assert good.status_code == 201
    assert good.json()["next_assessment_on"] == str(date(2026, 10, 14))
    profile = client.get(f"/api/v1/participation/residents/{world.resident.pk}/").json()
    assert profile["assessments"][0]["category"] == "bridgeable_short" and profile["target_group_register"] is None


def test_an_uninvolved_user_is_refused_and_the_attempt_logged(client, demo_login, world):
    stranger = UserFactory(role=Role.JOB_COACH, is_demo=True)
    client.force_login(stranger)
    assert client.get(f"/api/v1/participation/residents/{world.resident.pk}/").status_code == 403
    assert ProcessingLogEntry.objects.filter(actor=stranger, result=Result.DENIED, channel="api").exists()
