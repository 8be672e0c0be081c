"""Statutory deadlines come from data/deadlines.yaml: opened by the right signal, met by the right step."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.access import services
from routekaart.access.models import Deadline, DeadlineRule, GatekeepingOutcome, SignalKind
from routekaart.organisations.roles import Domain
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from . import journey

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


def open_deadlines(case) -> dict[str, Deadline]:
    return {d.rule.code: d for d in Deadline.objects.filter(case=case).select_related("rule") if d.is_open}


@freeze_time(TODAY)
def test_a_wmo_melding_gives_six_weeks_for_the_research(coordinator, household):
    case = journey.melding(coordinator, household, domain=Domain.SUPPORT).case
    deadline = open_deadlines(case)["wmo_assessment"]
    assert deadline.due_on == TODAY + datetime.timedelta(weeks=6)
    assert deadline.basis == "Wmo 2015 art. 2.3.2 lid 1"
    assert deadline.days_left(TODAY) == 42


@freeze_time(TODAY)
def test_a_wmo_application_gives_two_weeks_for_the_decision(coordinator, household):
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT).case
    assert open_deadlines(case)["wmo_decision"].due_on == TODAY + datetime.timedelta(weeks=2)


@freeze_time(TODAY)
def test_a_youth_application_gives_eight_weeks(coordinator, household):
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.YOUTH).case
    assert set(open_deadlines(case)) == {"youth_decision"}
    assert open_deadlines(case)["youth_decision"].due_on == TODAY + datetime.timedelta(weeks=8)


@freeze_time(TODAY)
def test_a_participation_application_gives_eight_weeks_and_an_advance_after_four(coordinator, household):
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.PARTICIPATION).case
    deadlines = open_deadlines(case)
    assert deadlines["participation_decision"].due_on == TODAY + datetime.timedelta(weeks=8)
    assert deadlines["participation_advance"].due_on == TODAY + datetime.timedelta(weeks=4)
    assert "youth_search_period" not in deadlines  # the mother is 41


@freeze_time(TODAY)
def test_a_young_person_under_27_first_searches_four_weeks(coordinator, household):
    young = ResidentFactory(birth_date=datetime.date(2004, 1, 1))
    MembershipFactory(household=household, resident=young, role="child", valid_from=datetime.date(2018, 1, 1))
    case = journey.melding(
        coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.PARTICIPATION, resident=young
    ).case
    assert open_deadlines(case)["youth_search_period"].due_on == TODAY + datetime.timedelta(weeks=4)


def test_a_term_changed_in_the_data_applies_to_new_deadlines(coordinator, household):
    DeadlineRule.objects.filter(code="wmo_decision").update(term_weeks=3, basis="Verordening (test)")
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT).case
    deadline = open_deadlines(case)["wmo_decision"]
    assert deadline.due_on == timezone.localdate() + datetime.timedelta(weeks=3)
    assert deadline.basis == "Verordening (test)"


def test_the_decision_meets_the_decision_deadline_of_its_law_only(catalog, coordinator, household):
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT).case
    journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.YOUTH)
    journey.intake(coordinator, case)
    services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
    plan = services.plan_draft(
        actor=coordinator, case=case, goals=[services.GoalSpec("daily_living", "Zelf het huishouden doen")]
    )
    services.plan_activate(actor=coordinator, plan=plan, resident_agreement="agreed")
    services.decision_record(actor=coordinator, case=case, addressee=household.mother, provisions=[journey.guidance()])
    deadlines = {d.rule.code: d for d in Deadline.objects.filter(case=case).select_related("rule")}
    assert deadlines["wmo_decision"].met_by == "decision_issued"
    assert deadlines["youth_decision"].is_open


def test_completing_the_research_meets_the_wmo_research_deadline(coordinator, household):
    case = journey.melding(coordinator, household).case
    journey.intake(coordinator, case)
    services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
    services.assessment_record(
        actor=coordinator, case=case, report="Begeleiding nodig bij dagstructuur.", complete=True
    )
    assert Deadline.objects.get(case=case, rule__code="wmo_assessment").met_by == "assessment_completed"


@freeze_time(TODAY)
def test_an_extension_needs_notice_before_the_term_ends(coordinator, household):
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT).case
    deadline = open_deadlines(case)["wmo_decision"]
    with pytest.raises(ValidationError) as caught:
        services.deadline_change(
            actor=coordinator, deadline=deadline, change="extension", days=14, reason="Advies arts"
        )
    assert "notified_on" in caught.value.message_dict
    services.deadline_change(
        actor=coordinator, deadline=deadline, change="extension", days=14, reason="Advies arts", notified_on=TODAY
    )
    deadline.refresh_from_db()
    assert deadline.due_on == TODAY + datetime.timedelta(weeks=4)
    assert deadline.original_due_on == TODAY + datetime.timedelta(weeks=2)


def test_after_the_term_has_ended_it_can_no_longer_be_extended(coordinator, household):
    with freeze_time(TODAY):
        case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT).case
    deadline = open_deadlines(case)["wmo_decision"]
    with freeze_time(TODAY + datetime.timedelta(weeks=3)), pytest.raises(ValidationError) as caught:
        services.deadline_change(
            actor=coordinator,
            deadline=deadline,
            change="extension",
            days=14,
            reason="Te laat",
            notified_on=TODAY + datetime.timedelta(days=1),
        )
    assert "alleen vóór het einde van de termijn" in caught.value.message_dict["change"][0]


def test_the_wmo_research_term_cannot_be_extended(coordinator, household):
    """Wmo 2015 art. 2.3.2 has no extension: the data allows none, so the service refuses."""
    case = journey.melding(coordinator, household).case
    deadline = open_deadlines(case)["wmo_assessment"]
    with pytest.raises(ValidationError) as caught:
        services.deadline_change(
            actor=coordinator,
            deadline=deadline,
            change="extension",
            days=7,
            reason="Drukte",
            notified_on=timezone.localdate(),
        )
    assert "change" in caught.value.message_dict


@settings(max_examples=40, deadline=None)
@given(
    received=st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 12, 31)),
    weeks=st.integers(min_value=1, max_value=26),
    months=st.integers(min_value=0, max_value=12),
)
def test_a_term_ends_exactly_term_weeks_and_months_after_receipt(received, weeks, months):
    rule = DeadlineRule(term_weeks=weeks, term_months=months)
    due = services._term_end(received, rule)
    assert due == received + relativedelta(weeks=weeks, months=months)
    assert due > received
