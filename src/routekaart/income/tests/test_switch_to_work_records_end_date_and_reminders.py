"""Simpel switchen as a service: the end date, the settlement, and what the client and coordinator are told when."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from routekaart.income import services
from routekaart.income.models import AnnualReview, Reminder
from routekaart.residents.tests.factories import ResidentFactory

from .factories import AnnualReviewFactory, SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


def test_starting_work_ends_the_benefit_on_the_first_salary_and_tells_everyone_what_happens_when():
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1985, 1, 1)))
    review = AnnualReviewFactory(benefit=benefit, planned_on=date(2026, 9, 1))
    switch = services.benefit_to_work_switch_record(
        actor=benefit.coordinator,
        benefit=benefit,
        work_start=date(2026, 3, 16),
        first_salary_on=date(2026, 4, 25),
        net_monthly_salary=Decimal("1900.00"),
    )
    benefit.refresh_from_db()
    assert benefit.ended_on == date(2026, 4, 25) == switch.end_date
    assert switch.settlement == Decimal("1852.65") and switch.instalments == 25
    assert AnnualReview.objects.get(pk=review.pk).status == "cancelled"
    reminders = Reminder.objects.filter(benefit=benefit)
    assert {(r.kind, r.audience) for r in reminders} >= {
        ("work_starts", "client"),
        ("work_starts", "coordinator"),
        ("benefit_ends", "client"),
        ("first_payslip", "coordinator"),
        ("settlement", "client"),
    }
    assert reminders.of_user(benefit.coordinator).filter(kind="first_payslip").exists()


def test_a_second_switch_or_a_salary_before_work_is_refused():
    benefit = SocialAssistanceFactory()
    with pytest.raises(ValidationError) as refused:
        services.benefit_to_work_switch_record(
            actor=benefit.coordinator,
            benefit=benefit,
            work_start=date(2026, 3, 16),
            first_salary_on=date(2026, 3, 1),
            net_monthly_salary=Decimal("1"),
        )
    assert "first_salary_on" in refused.value.message_dict
    services.benefit_to_work_switch_record(
        actor=benefit.coordinator,
        benefit=benefit,
        work_start=date(2026, 3, 16),
        first_salary_on=date(2026, 3, 25),
        net_monthly_salary=Decimal("1500"),
    )
    with pytest.raises(ValidationError):
        services.benefit_to_work_switch_record(
            actor=benefit.coordinator,
            benefit=benefit,
            work_start=date(2026, 3, 16),
            first_salary_on=date(2026, 3, 25),
            net_monthly_salary=Decimal("1500"),
        )
