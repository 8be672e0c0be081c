"""What the services look up before they write, now selectors: each reads the same rows the service read before,
on the edges of its dates (a period's end is exclusive, the reminder window includes both ends)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from routekaart.income import selectors, services
from routekaart.income.models import Regulation, ReviewStatus
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

from .factories import (
    AnnualReviewFactory,
    DienstFactory,
    HouseholdSituationFactory,
    RegulationUseFactory,
    SocialAssistanceFactory,
    coordinator_at,
)

ON = date(2026, 3, 2)


@pytest.mark.django_db
def test_a_coordinator_of_another_organisation_is_not_a_coordinator_here():
    dienst, other = DienstFactory(), DienstFactory()
    user = coordinator_at(other)
    assert selectors.is_coordinator_at(user=user, organisation_id=other.pk)
    assert not selectors.is_coordinator_at(user=user, organisation_id=dienst.pk)


@pytest.mark.django_db
def test_membership_counts_from_its_first_day_up_to_the_day_before_it_ends():
    household, resident = HouseholdFactory(), ResidentFactory()
    MembershipFactory(household=household, resident=resident, valid_from=date(2024, 1, 1), valid_to=date(2025, 1, 1))

    def member(on):
        return selectors.is_member_on(household_id=household.pk, resident_id=resident.pk, on=on)

    assert not member(date(2023, 12, 31))
    assert member(date(2024, 1, 1))
    assert member(date(2024, 12, 31))
    assert not member(date(2025, 1, 1))
    assert not selectors.is_member_on(household_id=HouseholdFactory().pk, resident_id=resident.pk, on=date(2024, 6, 1))


@pytest.mark.django_db
def test_only_a_benefit_without_an_end_date_blocks_a_new_one():
    ended = SocialAssistanceFactory(ended_on=date(2025, 1, 1))
    assert not selectors.unended_benefit_exists(household_id=ended.household_id)
    running = SocialAssistanceFactory()
    assert selectors.unended_benefit_exists(household_id=running.household_id)


@pytest.mark.django_db
def test_planned_conversations_are_counted_and_any_conversation_fills_its_year():
    review = AnnualReviewFactory(year=2026)
    AnnualReviewFactory(
        benefit=review.benefit,
        year=2025,
        status=ReviewStatus.HELD,
        planned_on=date(2025, 3, 1),
        held_on=date(2025, 3, 1),
    )
    assert selectors.planned_reviews_count(benefit_id=review.benefit_id) == 1
    assert selectors.annual_review_exists(benefit_id=review.benefit_id, year=2025)
    assert selectors.annual_review_exists(benefit_id=review.benefit_id, year=2026)
    assert not selectors.annual_review_exists(benefit_id=review.benefit_id, year=2027)


@pytest.mark.django_db
def test_reminders_are_due_from_today_up_to_and_including_the_last_day_of_the_window():
    days = int(selectors.practice()["annual_review"]["reminder_days_before"])
    today = AnnualReviewFactory(planned_on=ON)
    last_day = AnnualReviewFactory(planned_on=ON + timedelta(days=days))
    AnnualReviewFactory(planned_on=ON + timedelta(days=days + 1))
    AnnualReviewFactory(planned_on=ON - timedelta(days=1))
    AnnualReviewFactory(planned_on=ON + timedelta(days=1), reminded_on=ON - timedelta(days=1))
    AnnualReviewFactory(planned_on=ON + timedelta(days=1), status=ReviewStatus.CANCELLED)
    rows = selectors.annual_reviews_to_remind(on=ON)
    assert sorted(row[0] for row in rows) == sorted([today.pk, last_day.pk])
    row = next(r for r in rows if r[0] == today.pk)
    assert row == (today.pk, today.benefit_id, today.household_id, today.coordinator_id, ON)


@pytest.mark.django_db
@pytest.mark.usefixtures("march_2026")
def test_regulations_not_used_are_those_the_check_finds_entitled_and_unused():
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1975, 1, 1)))
    HouseholdSituationFactory(household=benefit.household, year=2025, chronic_illness=True, assets=Decimal("1000"))
    expected = [
        e.regulation.code
        for e in selectors.entitlement_check_household(household_id=benefit.household_id, on=ON)
        if e.not_taken_up
    ]
    assert "cer_allowance" in expected
    assert selectors.regulations_not_used(household_id=benefit.household_id, on=ON) == expected
    RegulationUseFactory(household=benefit.household, regulation=Regulation.objects.get(code="cer_allowance"))
    assert "cer_allowance" not in selectors.regulations_not_used(household_id=benefit.household_id, on=ON)


def test_the_services_package_keeps_every_name_its_callers_use():
    names = {
        "ACTIVITY",
        "CHECK_ACTIVITY",
        "MIN_HANDOVER_NOTE",
        "SITUATION_FIELDS",
        "LOG_CHUNK",
        "PlanReport",
        "annual_review_record",
        "annual_review_reminders_send",
        "annual_review_unplanned_create",
        "annual_reviews_plan",
        "benefit_to_work_switch_record",
        "coordinator_reassign",
        "cost_sharer_exclusion_record",
        "financial_fitness_record",
        "household_situation_confirm",
        "income_report_submit",
        "regulation_application_start",
        "regulation_use_decide",
        "reminder_done",
        "social_assistance_end",
        "social_assistance_grant",
    }
    assert names <= set(services.__all__)
    assert all(hasattr(services, name) for name in services.__all__)
