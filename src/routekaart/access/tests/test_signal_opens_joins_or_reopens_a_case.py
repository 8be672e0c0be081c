"""A signal opens a case for a household, joins its open case, or reopens a recently closed one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from routekaart.access import services
from routekaart.access.models import Case, CaseStatus, ClosureReason, ReferralSource, SignalKind
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.models import Involvement, InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory

from . import journey

pytestmark = pytest.mark.django_db


def test_the_first_signal_opens_a_case_with_the_actor_as_coordinator(coordinator, household):
    signal = journey.melding(coordinator, household)
    assert signal.effect == "opened"
    case = signal.case
    assert case.status == CaseStatus.REGISTERED
    assert case.coordinator == coordinator
    involvement = Involvement.objects.get(household=household, kind=InvolvementKind.COORDINATOR)
    assert involvement.user == coordinator


def test_a_signal_for_a_household_with_an_open_case_joins_that_case(coordinator, household):
    first = journey.melding(coordinator, household)
    second = journey.melding(
        coordinator, household, kind=SignalKind.REFERRAL, source=ReferralSource.SCHOOL, domain=Domain.YOUTH
    )
    third = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.PARTICIPATION)
    assert second.effect == third.effect == "joined"
    assert second.case_id == third.case_id == first.case_id
    assert Case.objects.filter(household=household).count() == 1


def test_a_signal_after_a_recent_closure_reopens_the_case(coordinator, household):
    case = journey.melding(coordinator, household).case
    with freeze_time(timezone.localdate() + datetime.timedelta(days=10)):
        services.case_close(actor=coordinator, case=case, reason=ClosureReason.GOALS_REACHED)
    with freeze_time(timezone.localdate() + datetime.timedelta(days=40)):
        again = journey.melding(coordinator, household)
    assert again.effect == "reopened"
    assert again.case_id == case.pk
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED and case.closed_on is None


def test_a_signal_long_after_closure_opens_a_new_case(coordinator, household):
    case = journey.melding(coordinator, household).case
    services.case_close(actor=coordinator, case=case, reason=ClosureReason.GOALS_REACHED)
    with freeze_time(timezone.localdate() + datetime.timedelta(days=200)):
        again = journey.melding(coordinator, household)
    assert again.effect == "opened"
    assert again.case_id != case.pk


def test_the_households_present_coordinator_keeps_the_case(coordinator, household):
    """Seed 004: a fixed coordinator. A colleague records the signal; the household's coordinator holds the case."""
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
    )
    colleague = UserFactory(role=Role.COORDINATOR)
    signal = journey.melding(colleague, household)
    assert signal.case.coordinator == coordinator
    assert Involvement.objects.filter(household=household, kind=InvolvementKind.COORDINATOR).count() == 1


def test_naming_another_coordinator_than_the_households_is_refused(coordinator, household):
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
    )
    other = UserFactory(role=Role.COORDINATOR)
    with pytest.raises(ValidationError) as caught:
        journey.melding(other, household, coordinator=other)
    assert "warme overdracht" in caught.value.message_dict["coordinator"][0]


@pytest.mark.parametrize(
    ("kind", "extra", "field"),
    [
        (SignalKind.REPORT, {"topic": ""}, "topic"),
        (SignalKind.REFERRAL, {}, "source"),
        (SignalKind.APPLICATION, {"domain": Domain.GENERAL}, "domain"),
        (SignalKind.APPLICATION, {"resident": None}, "resident"),
    ],
)
def test_a_signal_says_what_it_is(coordinator, household, kind, extra, field):
    with pytest.raises(ValidationError) as caught:
        journey.melding(coordinator, household, kind=kind, **extra)
    assert field in caught.value.message_dict
    assert not Case.objects.exists()
