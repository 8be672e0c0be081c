"""The income app's legal numbers are data with a source, and each rule turns at the number itself.

Each boundary is tested at N-1, N and N+1 (years of age, or days after the event), N read from
data/legal_numbers.yaml and the dates derived from it by date arithmetic, so the test follows the data and fails
when the rule is changed.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta

from routekaart.income import rules_data, selectors, services
from routekaart.income.batch import entitlement_columns
from routekaart.income.calculation import CalculationError, Housemate, benefit_calculate
from routekaart.income.models import Regulation, Reminder
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from .factories import AnnualReviewFactory, SocialAssistanceFactory

ON = date(2026, 3, 2)
CHILD_AGE = rules_data.value("child_age")
CALCULATION_MIN_AGE = rules_data.value("calculation_min_age")
DEBT_REFERRAL_DAYS = rules_data.value("debt_referral_follow_up_days")
APPLICATION_DAYS = rules_data.value("regulation_application_follow_up_days")


def born_aged(years: int, on: date = ON) -> date:
    """A birth date on which someone has exactly `years` completed years on `on` (their birthday is that day)."""
    return on - relativedelta(years=years)


def around(number: int) -> list[int]:
    return [number - 1, number, number + 1]


def test_every_number_has_a_value_and_a_source_and_the_file_a_version():
    numbers = rules_data.NUMBERS
    assert numbers.version and isinstance(numbers.effective_from, date)
    assert set(numbers.names()) == {
        "child_age",
        "calculation_min_age",
        "debt_referral_follow_up_days",
        "regulation_application_follow_up_days",
    }
    assert "Participatiewet art. 4" in numbers.source("child_age")
    assert "Participatiewet art. 21" in numbers.source("calculation_min_age")
    assert all(numbers.source(name) for name in numbers.names())


@pytest.mark.django_db
@pytest.mark.usefixtures("march_2026")
@pytest.mark.parametrize("years", around(CHILD_AGE))
def test_a_member_younger_than_the_child_age_makes_a_single_client_a_single_parent(years):
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1975, 1, 1)))
    MembershipFactory(
        household=benefit.household,
        resident=ResidentFactory(birth_date=born_aged(years)),
        role="child",
        valid_from=date(2015, 1, 1),
    )
    is_child = years < CHILD_AGE
    facts = selectors.household_facts(household_id=benefit.household_id, on=ON, benefit=benefit)
    assert facts.children == (1 if is_child else 0)
    assert facts.kind == ("single_parent" if is_child else "single")
    columns = entitlement_columns(on=ON)
    row = list(columns.household_ids).index(benefit.household_id)
    assert columns.values["household_kind"][row] == facts.kind


@pytest.mark.django_db
@pytest.mark.parametrize("years", around(CALCULATION_MIN_AGE))
def test_the_benefit_calculation_starts_at_its_minimum_age(years):
    def calculate():
        return benefit_calculate(
            on=ON,
            norms=selectors.norms_on(ON),
            kind="single",
            client_birth_date=born_aged(years),
            housemates=[Housemate(name="Aanvrager", age=years, is_beneficiary=True)],
        )

    if years >= CALCULATION_MIN_AGE:
        assert calculate().benefit > 0
    else:
        with pytest.raises(CalculationError) as refused:
            calculate()
        assert str(refused.value) == (
            f"Deze berekening geldt vanaf {CALCULATION_MIN_AGE} jaar; voor jongeren gelden de normen van art. 20."
        )


def due_by(reminder: Reminder, start: date, days: list[int]) -> list[bool]:
    """For each number of days after `start` (N-1, N, N+1): is the follow-up due by that day?"""
    return [reminder.due_on <= start + timedelta(days=n) for n in days]


@pytest.mark.django_db
@pytest.mark.usefixtures("march_2026")
def test_a_debt_referral_is_followed_up_on_its_term_day_not_a_day_earlier_or_later():
    review = AnnualReviewFactory()
    held_on = date(2026, 3, 2)
    services.annual_review_record(
        actor=review.coordinator,
        review=review,
        held_on=held_on,
        contact="in_person",
        life_changes=[],
        note="",
        situation={
            "monthly_income": Decimal("1407.65"),
            "assets": Decimal("300"),
            "low_income_since": date(2019, 1, 1),
            "chronic_illness": False,
            "student_with_disability": False,
            "income_prospect": False,
            "special_costs": False,
        },
        makes_ends_meet="difficult",
        daily_meal=True,
        debts="yes",
        debt_referral=True,
    )
    reminder = Reminder.objects.get(kind="debt_referral")
    assert due_by(reminder, held_on, around(DEBT_REFERRAL_DAYS)) == [False, True, True]
    assert reminder.due_on == held_on + timedelta(days=DEBT_REFERRAL_DAYS)


@pytest.mark.django_db
@pytest.mark.usefixtures("march_2026")
def test_a_regulation_application_is_followed_up_on_its_term_day_not_a_day_earlier_or_later():
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1975, 1, 1)))
    regulation = Regulation.objects.get(code="cer_allowance")
    services.regulation_application_start(
        actor=benefit.coordinator, household=benefit.household, regulation=regulation, on=ON
    )
    reminder = Reminder.objects.get(kind="regulation_application")
    assert due_by(reminder, ON, around(APPLICATION_DAYS)) == [False, True, True]


@pytest.mark.django_db
@pytest.mark.usefixtures("march_2026")
def test_the_rules_read_their_numbers_from_the_data(monkeypatch):
    numbers = {
        "child_age": CHILD_AGE,
        "calculation_min_age": CALCULATION_MIN_AGE + 1,
        "debt_referral_follow_up_days": DEBT_REFERRAL_DAYS,
        "regulation_application_follow_up_days": APPLICATION_DAYS + 1,
    }
    monkeypatch.setattr(rules_data, "value", numbers.__getitem__)
    with pytest.raises(CalculationError):
        benefit_calculate(
            on=ON,
            norms=selectors.norms_on(ON),
            kind="single",
            client_birth_date=born_aged(CALCULATION_MIN_AGE),
            housemates=[Housemate(name="Aanvrager", age=CALCULATION_MIN_AGE, is_beneficiary=True)],
        )
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1975, 1, 1)))
    services.regulation_application_start(
        actor=benefit.coordinator,
        household=benefit.household,
        regulation=Regulation.objects.get(code="cer_allowance"),
        on=ON,
    )
    assert Reminder.objects.get(kind="regulation_application").due_on == ON + timedelta(days=APPLICATION_DAYS + 1)
