"""Outcomes per destination as the Werkbedrijf's results of seed 001, and outflow from social assistance."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import selectors, services
from routekaart.participation.models import Result

from .factories import resident_in_household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-10-01"):
        yield


def _ended(world, code, provider, result, *, outflow=False, **extra):
    assignment = services.assignment_propose(
        actor=world.user,
        resident=resident_in_household()[0],
        instrument=world.instrument(code),
        provider=provider,
        municipality=world.municipality,
        planned_start=date(2026, 2, 1),
        planned_end=date(2026, 7, 31),
        **extra,
    )
    if assignment.instrument.requires_decision:
        services.assignment_decide(
            actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 1, 20), reference="X"
        )
    services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 2, 1))
    return services.assignment_end(
        actor=world.user,
        assignment=assignment,
        ended_on=date(2026, 7, 31),
        result=world.result(result),
        left_social_assistance=outflow,
    )


def test_seed_001s_results_are_the_destinations_of_the_werkbedrijf(configuration):
    codes = list(Result.objects.order_by("order").values_list("code", "destination")[:7])
    assert codes == [
        ("regular_employer", "regular_work"),
        ("regular_employer_with_wage_subsidy", "subsidised_job"),
        ("secondment", "secondment"),
        ("work_experience_place", "work_experience_place"),
        ("sheltered_work", "sheltered_work"),
        ("volunteering", "volunteering"),
        ("work_oriented_day_activities", "work_oriented_day_activities"),
    ]


def test_the_year_counts_results_placements_and_outflow(world):
    _ended(world, "learn_work_place", world.learn_work, "regular_employer", outflow=True, monthly_cost=Decimal("900"))
    _ended(world, "learn_work_place", world.learn_work, "work_experience_place", monthly_cost=Decimal("900"))
    _ended(world, "agency_matching", world.agency, "regular_employer", outflow=True, monthly_cost=Decimal("300"))
    _ended(
        world, "work_oriented_day_activities", world.care, "work_oriented_day_activities", monthly_cost=Decimal("700")
    )
    outcomes = selectors.outcomes_get(municipality=world.municipality, year=2026)
    counts = {result.code: n for result, n in outcomes.rows}
    assert counts["regular_employer"] == 2 and counts["work_experience_place"] == 1
    assert counts["work_oriented_day_activities"] == 1 and counts["sheltered_work"] == 0
    assert (outcomes.ended, outcomes.placements, outcomes.left_social_assistance) == (4, 2, 2)
    by_instrument = {i.code: (n, out) for i, n, out in outcomes.by_instrument}
    assert by_instrument["learn_work_place"] == (2, 1)
    assert selectors.outcomes_get(municipality=world.municipality, year=2025).ended == 0


def test_a_result_must_belong_to_the_instrument(world):
    with pytest.raises(ValidationError) as refused:
        _ended(world, "agency_matching", world.agency, "sheltered_work", monthly_cost=Decimal("300"))
    assert "hoort niet bij" in " ".join(refused.value.message_dict["result"])
