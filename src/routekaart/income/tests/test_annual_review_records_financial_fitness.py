"""The yearly conversation: life changes, the situation pre-filled from last year, financieel fit, then the check."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from routekaart.audit.models import Event
from routekaart.income import selectors, services
from routekaart.income.models import AnnualReview, FinancialFitnessReview, HouseholdSituation, Reminder

from .factories import AnnualReviewFactory, HouseholdSituationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]

FITNESS = {"makes_ends_meet": "difficult", "daily_meal": True, "debts": "yes", "debt_referral": True}


def situation(**overrides):
    values = {
        "monthly_income": Decimal("1407.65"),
        "assets": Decimal("300"),
        "low_income_since": date(2019, 1, 1),
        "chronic_illness": True,
        "student_with_disability": False,
        "income_prospect": False,
        "special_costs": False,
    }
    return {**values, **overrides}


def record(review, **overrides):
    kwargs = dict(
        actor=review.coordinator,
        review=review,
        held_on=date(2026, 3, 2),
        contact="in_person",
        life_changes=["abroad"],
        note="Gaat in de zomer drie weken naar familie.",
        situation=situation(),
        **FITNESS,
    )
    return services.annual_review_record(**{**kwargs, **overrides})


def test_recording_holds_the_review_confirms_the_situation_and_refers_to_debt_assistance():
    review = AnnualReviewFactory()
    record(review)
    review.refresh_from_db()
    assert review.status == "held" and review.life_changes == ["abroad"]
    confirmed = HouseholdSituation.objects.get(household=review.household, year=2026)
    assert confirmed.confirmed_on == date(2026, 3, 2) and confirmed.chronic_illness
    fitness = FinancialFitnessReview.objects.get(annual_review=review)
    assert fitness.debt_referral and fitness.debt_referral_building_block == "income_provisions.debt_assistance"
    assert Reminder.objects.of_user(review.coordinator).filter(kind="debt_referral").exists()
    # chronically ill, income at the norm, no prospect for years: CER, IIT, collective insurance, energy, remission
    assert "cer_allowance" in fitness.regulations_not_used
    assert "individual_income_supplement" in fitness.regulations_not_used
    assert Event.objects.filter(action="annual_review.held").count() == 1


def test_the_situation_starts_from_last_years():
    review = AnnualReviewFactory()
    last_year = HouseholdSituationFactory(
        household=review.household,
        year=2025,
        monthly_income=Decimal("1380.00"),
        chronic_illness=True,
        assets=Decimal("750"),
    )
    prefill = selectors.household_situation_prefill(household_id=review.household_id, year=2026, on=date(2026, 3, 2))
    assert prefill.pk is None and prefill.prefilled_from == last_year
    assert prefill.monthly_income == Decimal("1380.00") and prefill.chronic_illness
    record(review)
    assert HouseholdSituation.objects.get(household=review.household, year=2026).prefilled_from == last_year


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"makes_ends_meet": ""}, "makes_ends_meet"),
        ({"daily_meal": None}, "daily_meal"),
        ({"debts": "none", "debt_referral": True}, "debt_referral"),
        ({"life_changes": ["lottery"]}, "life_changes"),
        ({"held_on": date(2026, 4, 1)}, "held_on"),
        ({"contact": ""}, "contact"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(overrides, field):
    review = AnnualReviewFactory()
    with pytest.raises(ValidationError) as refused:
        record(review, **overrides)
    assert field in refused.value.message_dict
    assert AnnualReview.objects.get(pk=review.pk).status == "planned"
    assert not HouseholdSituation.objects.exists() and not FinancialFitnessReview.objects.exists()


def test_a_review_is_recorded_once():
    review = AnnualReviewFactory()
    record(review)
    with pytest.raises(ValidationError):
        record(review)


def test_financial_fitness_on_its_own_links_to_the_case_of_the_broad_intake():
    review = AnnualReviewFactory()
    with pytest.raises(ValidationError) as refused:
        services.financial_fitness_record(
            actor=review.coordinator, household=review.household, held_on=date(2026, 3, 2), case_id=999_999, **FITNESS
        )
    assert "case_id" in refused.value.message_dict
    talk = services.financial_fitness_record(
        actor=review.coordinator, household=review.household, held_on=date(2026, 3, 2), **FITNESS
    )
    assert talk.benefit == review.benefit
