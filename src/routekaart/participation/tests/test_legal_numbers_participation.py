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
