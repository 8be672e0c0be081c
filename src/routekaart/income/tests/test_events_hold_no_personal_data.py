"""Every action appends an event, and the append-only event stream holds no names, BSNs or notes."""

import json
from datetime import date
from decimal import Decimal

import pytest

from routekaart.audit.models import Event
from routekaart.income import services
from routekaart.income.models import Regulation
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

from .factories import DienstFactory, coordinator_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]
NOTE = "Mevrouw Jansen vertelde over haar schulden bij de woningcorporatie."


def test_a_full_year_leaves_events_without_personal_data():
    household = HouseholdFactory()
    client = ResidentFactory(given_names="Fenna", family_name="Jansen", birth_date=date(1979, 2, 2))
    MembershipFactory(household=household, resident=client, valid_from=date(2018, 1, 1))
    dienst = DienstFactory()
    first, second = coordinator_at(dienst), coordinator_at(dienst)
    before = Event.objects.count()
    benefit = services.social_assistance_grant(
        actor=first,
        household=household,
        client=client,
        organisation=dienst,
        coordinator=first,
        started_on=date(2025, 1, 1),
        surplus_settlement=True,
    )
    review = services.annual_review_unplanned_create(actor=first, benefit=benefit, on=date(2026, 3, 2))
    services.annual_review_record(
        actor=first,
        review=review,
        held_on=date(2026, 3, 2),
        contact="phone",
        life_changes=["moving"],
        note=NOTE,
        situation={
            "monthly_income": Decimal("1407.65"),
            "assets": Decimal("0"),
            "low_income_since": date(2025, 1, 1),
            "chronic_illness": True,
        },
        makes_ends_meet="no",
        daily_meal=False,
        debts="yes",
        debt_referral=True,
        fitness_note=NOTE,
    )
    services.regulation_application_start(
        actor=first, household=household, regulation=Regulation.objects.get(code="cer_allowance")
    )
    services.income_report_submit(
        actor=first, benefit=benefit, month=date(2026, 2, 1), net_earnings=Decimal("300"), note=NOTE
    )
    services.coordinator_reassign(
        actor=first,
        benefit=benefit,
        to_user=second,
        handed_over_on=date(2026, 3, 2),
        meeting_on=date(2026, 3, 1),
        client_consented=True,
        note=NOTE,
    )
    services.benefit_to_work_switch_record(
        actor=second,
        benefit=benefit,
        work_start=date(2026, 3, 20),
        first_salary_on=date(2026, 4, 24),
        net_monthly_salary=Decimal("1800"),
    )
    events = Event.objects.order_by("pk")[before:]
    actions = {e.action for e in events}
    assert {
        "social_assistance.granted",
        "annual_review.planned",
        "annual_review.held",
        "household_situation.confirmed",
        "regulation.application_started",
        "income_report.submitted",
        "social_assistance.coordinator_reassigned",
        "social_assistance.switched_to_work",
    } <= actions
    stream = json.dumps([[e.before, e.after, e.reason] for e in events])
    for personal in (client.bsn, "Fenna", "Jansen", "schulden bij de woningcorporatie"):
        assert personal not in stream
