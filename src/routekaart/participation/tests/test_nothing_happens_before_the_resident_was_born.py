"""Nothing about a resident happens before they were born: an assessment of the distance, a wage value, UWV's
register report, an exemption or an assignment's start dated before the birth is refused in Dutch (one rule,
core.dates), on the page and the API alike, and nothing changes. Tested the day before, on and after the birth."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import services
from routekaart.participation.models import DistanceCategory, RegisterStatus
from routekaart.testing import database_fingerprint, problem_reasons

pytestmark = pytest.mark.django_db

BORN = date(2000, 6, 15)
BEFORE_BIRTH = "Deze datum ligt vóór de geboorte van de inwoner. Vul een latere datum in."


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-04-14"):
        yield


@pytest.fixture
def resident(world):
    world.resident.birth_date = BORN
    world.resident.save(update_fields=["birth_date"])
    return world.resident


def assess(world, resident, on):
    category = DistanceCategory.objects.get(code="bridgeable_long")
    return services.distance_assess(
        actor=world.user,
        resident=resident,
        category=category,
        tier=category.tiers.first(),
        ladder_rung=world.rung(2),
        assessed_on=on,
        municipality=world.municipality,
    )


def register(world, resident, on):
    return services.target_group_register_record(
        actor=world.user, resident=resident, status=RegisterStatus.APPLIED, as_of=on
    )


def wage_value(world, resident, on):
    return services.wage_value_determine(
        actor=world.user,
        resident=resident,
        method="dariuz",
        percentage=Decimal("60"),
        determined_on=on,
        job_title="Vakkenvuller",
    )


ACTIONS = {"assessed_on": assess, "as_of": register}


@pytest.mark.parametrize("field", sorted(ACTIONS))
@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_a_date_about_the_resident_lies_on_or_after_the_birth(world, resident, field, shift, accepted):
    on = BORN + timedelta(days=shift)
    if accepted:
        assert ACTIONS[field](world, resident, on).pk
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        ACTIONS[field](world, resident, on)
    assert refused.value.message_dict[field] == [BEFORE_BIRTH]
    assert database_fingerprint() == before


def test_a_wage_value_an_exemption_or_an_assignment_before_the_birth_is_refused(world, resident):
    day_before = BORN - timedelta(days=1)
    before = database_fingerprint()
    for call, field in [
        (lambda: wage_value(world, resident, day_before), "determined_on"),
        (
            lambda: services.exemption_grant(
                actor=world.user,
                resident=resident,
                instrument=world.instrument("community_service"),
                ground=world.instrument("community_service").exemption_grounds[0],
                valid_from=day_before,
            ),
            "valid_from",
        ),
        (
            lambda: services.assignment_propose(
                actor=world.user,
                resident=resident,
                instrument=world.instrument("learn_work_place"),
                provider=world.learn_work,
                municipality=world.municipality,
                planned_start=day_before,
                planned_end=day_before + timedelta(days=60),
            ),
            "planned_start",
        ),
    ]:
        with pytest.raises(ValidationError) as refused:
            call()
        assert BEFORE_BIRTH in refused.value.message_dict[field], field
    assert database_fingerprint() == before


def test_an_assessment_before_the_birth_is_refused_on_the_page_and_the_api(client, demo_login, world, resident):
    client.force_login(world.user)
    day_before = (BORN - timedelta(days=1)).isoformat()
    data = {"category": "bridgeable_long", "tier": "reduced_wage_value", "municipality": world.municipality.code}
    before = database_fingerprint()
    page = client.post(
        f"/participatie/inwoners/{resident.pk}/afstand/",
        data | {"ladder_rung": "paid_work", "assessed_on": day_before},
    )
    assert page.status_code == 400
    assert BEFORE_BIRTH in page.content.decode()
    api = client.post(
        f"/api/v1/participation/residents/{resident.pk}/assessments/",
        data | {"ladder_rung": 4, "assessed_on": day_before},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert BEFORE_BIRTH in problem_reasons(api)
    assert database_fingerprint() == before
