"""A learn-work place lasts 4 weeks to 6 months (seed 002, §3.6); outside that range it is refused, clearly."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from routekaart.audit.models import Event
from routekaart.participation import services
from routekaart.participation.calculations import DurationRule, duration_allowed
from routekaart.participation.models import Assignment

FOUR_WEEKS_TO_SIX_MONTHS = DurationRule(min_weeks=4, max_months=6)


@given(start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), days=st.integers(1, 400))
def test_a_period_is_allowed_exactly_when_it_is_four_weeks_to_six_months(start, days):
    end = start + timedelta(days=days - 1)  # the last day, inclusive
    expected = days >= 28 and end < _add_months(start, 6)  # an oracle without relativedelta
    assert duration_allowed(start=start, end=end, rule=FOUR_WEEKS_TO_SIX_MONTHS) == expected


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last))


def test_the_boundaries_of_the_seed():
    start = date(2026, 1, 5)
    assert duration_allowed(start=start, end=date(2026, 2, 1), rule=FOUR_WEEKS_TO_SIX_MONTHS)  # 28 days
    assert not duration_allowed(start=start, end=date(2026, 1, 31), rule=FOUR_WEEKS_TO_SIX_MONTHS)  # 27 days
    assert duration_allowed(start=start, end=date(2026, 7, 4), rule=FOUR_WEEKS_TO_SIX_MONTHS)
    assert not duration_allowed(start=start, end=date(2026, 7, 5), rule=FOUR_WEEKS_TO_SIX_MONTHS)


@pytest.mark.django_db
@freeze_time("2026-03-02")
@pytest.mark.parametrize(
    ("end", "allowed"),
    [(date(2026, 3, 29), False), (date(2026, 3, 30), True), (date(2026, 9, 2), True), (date(2026, 9, 3), False)],
)
def test_proposing_a_learn_work_place_checks_its_duration(world, end, allowed):
    def propose():
        return services.assignment_propose(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument("learn_work_place"),
            provider=world.learn_work,
            municipality=world.municipality,
            planned_start=date(2026, 3, 3),
            planned_end=end,
            monthly_cost=Decimal("950"),
        )

    events = Event.objects.count()
    if allowed:
        assert propose().status == "proposed"
        return
    with pytest.raises(ValidationError) as refused:
        propose()
    message = " ".join(refused.value.message_dict["planned_end"])
    assert "Leerwerkplek duurt minimaal 4 weken en maximaal 6 maanden" in message
    assert "uiterlijk op 2 september 2026" in message
    assert Assignment.objects.count() == 0 and Event.objects.count() == events


@pytest.mark.django_db
def test_a_late_start_that_leaves_less_than_four_weeks_is_refused(world):
    with freeze_time("2026-03-02"):
        assignment = services.assignment_propose(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument("learn_work_place"),
            provider=world.learn_work,
            municipality=world.municipality,
            planned_start=date(2026, 3, 3),
            planned_end=date(2026, 4, 30),
            monthly_cost=Decimal("950"),
        )
        services.assignment_decide(
            actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 3, 2), reference="LWP-1"
        )
    with freeze_time("2026-04-20"), pytest.raises(ValidationError) as refused:
        services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 4, 15))
    assert "minimaal 4 weken" in " ".join(refused.value.message_dict["started_on"])
    assignment.refresh_from_db()
    assert assignment.status == "granted" and assignment.started_on is None
