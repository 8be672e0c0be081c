"""The participation app's fixed ages are data with a source, and each rule turns at the number itself.

The team overview lists the caseload's adults without a distance assessment: tested at N-1, N and N+1 years and
the day before the birthday, N read from data/legal_numbers.yaml and the birth date derived from it by date
arithmetic, so the test follows the data and fails when the rule is changed.
"""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from routekaart.participation import rules_data, selectors
from routekaart.residents.life_phase import aow_date

from .factories import resident_in_household

pytestmark = pytest.mark.django_db
ON = date(2026, 4, 14)
ADULT_AGE = rules_data.value("adult_age")


def test_every_number_has_a_value_and_a_source_and_the_file_a_version():
    numbers = rules_data.NUMBERS
    assert numbers.version and isinstance(numbers.effective_from, date)
    assert numbers.names() == ["adult_age"]
    assert "Participatiewet art. 9" in numbers.source("adult_age")


def unassessed_on_the_overview(world, birth_date: date) -> bool:
    resident, _ = resident_in_household(household=world.household, birth_date=birth_date)
    with freeze_time(ON):
        overview = selectors.team_overview_get(user=world.user, on=ON)
    return resident in overview.unassessed


@pytest.mark.parametrize(
    ("birth_date", "listed"),
    [
        (ON - relativedelta(years=ADULT_AGE - 1), False),
        (ON - relativedelta(years=ADULT_AGE) + timedelta(days=1), False),
        (ON - relativedelta(years=ADULT_AGE), True),
        (ON - relativedelta(years=ADULT_AGE + 1), True),
    ],
)
def test_the_team_overview_lists_unassessed_residents_from_the_adult_age(world, birth_date, listed):
    assert unassessed_on_the_overview(world, birth_date) is listed


def test_the_rule_reads_the_age_from_the_data(world, monkeypatch):
    monkeypatch.setattr(rules_data, "value", {"adult_age": ADULT_AGE + 1}.__getitem__)
    assert not unassessed_on_the_overview(world, ON - relativedelta(years=ADULT_AGE))


# The upper end of working age is the AOW age, residents' one source (`residents.life_phase.aow_date`), not a fixed
# 67: someone born in March 1962 reaches it at 67 years and 3 months, in 2029.
AOW_BIRTH_DATE = date(1962, 3, 10)
AOW_DATE = aow_date(AOW_BIRTH_DATE)


def unassessed_on(world, birth_date: date, on: date) -> bool:
    resident, _ = resident_in_household(household=world.household, birth_date=birth_date)
    with freeze_time(on):
        overview = selectors.team_overview_get(user=world.user, on=on)
    return resident in overview.unassessed


@pytest.mark.parametrize(
    ("on", "listed"),
    [(AOW_DATE - timedelta(days=1), True), (AOW_DATE, False), (AOW_DATE + timedelta(days=1), False)],
    ids=["day-before-aow", "aow-date", "day-after-aow"],
)
def test_the_team_overview_lists_unassessed_residents_up_to_their_aow_date(world, on, listed):
    assert date(2029, 6, 10) == AOW_DATE  # 67 years and 3 months: not the 67 a fixed number would say
    assert unassessed_on(world, AOW_BIRTH_DATE, on) is listed


@pytest.mark.parametrize("on", [date(2021, 7, 1), date(2026, 4, 14), date(2029, 6, 10), date(2035, 1, 1)])
def test_the_working_age_limit_is_the_last_birth_date_at_the_aow_age(on):
    limit = selectors.aow_reached_born_by(on)
    assert aow_date(limit) <= on < aow_date(limit + timedelta(days=1))
