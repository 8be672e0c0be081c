"""The work app's fixed ages are data with a source, and each rule turns at the number itself.

The caseload's work profiles list the members of working age: tested at N-1, N and N+1 years and the day before
the birthday, N read from data/legal_numbers.yaml and the birth date derived from it by date arithmetic, so the
test follows the data and fails when the rule is changed. The upper end is the AOW date from residents' one source
(`life_phase.aow_date`), tested the day before, on and after it, for birth dates whose AOW age is not 67 years.
"""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.life_phase import aow_date
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.work import rules_data, selectors

pytestmark = pytest.mark.django_db
ON = date(2026, 4, 14)
WORKING_AGE_MIN = rules_data.value("working_age_min")


def test_every_number_has_a_value_and_a_source_and_the_file_a_version():
    numbers = rules_data.NUMBERS
    assert numbers.version and isinstance(numbers.effective_from, date)
    assert numbers.names() == ["working_age_min"]
    assert "Arbeidstijdenwet" in numbers.source("working_age_min")


def listed_with_work_profiles(birth_date: date, on: date = ON) -> bool:
    coordinator = UserFactory(role=Role.COORDINATOR, is_demo=True)
    household = HouseholdFactory()
    resident = ResidentFactory(birth_date=birth_date)
    MembershipFactory(household=household, resident=resident, valid_from=date(2000, 1, 1))
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        valid_from=date(2020, 1, 1),
    )
    return resident.pk in {m.resident_id for m in selectors.caseload_work_profiles(user=coordinator, on=on)}


@pytest.mark.parametrize(
    ("birth_date", "listed"),
    [
        (ON - relativedelta(years=WORKING_AGE_MIN - 1), False),
        (ON - relativedelta(years=WORKING_AGE_MIN) + timedelta(days=1), False),
        (ON - relativedelta(years=WORKING_AGE_MIN), True),
        (ON - relativedelta(years=WORKING_AGE_MIN + 1), True),
    ],
)
def test_the_caseload_lists_members_from_the_minimum_working_age(birth_date, listed):
    assert listed_with_work_profiles(birth_date) is listed


def test_the_rule_reads_the_age_from_the_data(monkeypatch):
    monkeypatch.setattr(rules_data, "value", {"working_age_min": WORKING_AGE_MIN + 1}.__getitem__)
    assert not listed_with_work_profiles(ON - relativedelta(years=WORKING_AGE_MIN))


@pytest.mark.parametrize("birth_date", [date(1956, 5, 1), date(1961, 3, 10)])
@pytest.mark.parametrize(("days_from_aow", "listed"), [(-1, True), (0, False), (1, False)])
def test_the_caseload_lists_members_until_the_day_before_their_aow_date(birth_date, days_from_aow, listed):
    assert aow_date(birth_date) != birth_date + relativedelta(years=67)  # so a hard-coded 67 would be caught
    assert listed_with_work_profiles(birth_date, on=aow_date(birth_date) + timedelta(days=days_from_aow)) is listed
