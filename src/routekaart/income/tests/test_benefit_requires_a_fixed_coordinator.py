"""Every client with social assistance has a fixed coordinator: a benefit cannot be recorded without one."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.income import selectors, services
from routekaart.income.models import SocialAssistance
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.models import Involvement, InvolvementKind
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)

from .factories import DienstFactory, SocialAssistanceFactory, coordinator_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


@pytest.fixture
def household():
    household = HouseholdFactory()
    client = ResidentFactory(birth_date=date(1980, 5, 1))
    MembershipFactory(household=household, resident=client, role="head", valid_from=date(2019, 1, 1))
    return household, client


def test_granting_without_a_coordinator_is_refused_and_changes_nothing(household):
    household, client = household
    dienst = DienstFactory()
    actor = coordinator_at(dienst)
    with pytest.raises(ValidationError) as refused:
        services.social_assistance_grant(
            actor=actor,
            household=household,
            client=client,
            organisation=dienst,
            coordinator=None,
            started_on=date(2026, 3, 1),
        )
    assert "coordinator" in refused.value.message_dict
    assert not SocialAssistance.objects.exists()
    assert not Event.objects.filter(action="social_assistance.granted").exists()


def test_the_database_refuses_a_second_coordinator_beside_the_benefits(household):
    """The benefit's coordinator is the household's one coordinator involvement (a partial unique index)."""
    household, client = household
    benefit = SocialAssistanceFactory(household=household, client=client, membership=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(
            household=household,
            organisation=benefit.organisation,
            user=coordinator_at(benefit.organisation),
            kind=InvolvementKind.COORDINATOR,
            valid_from=date(2026, 1, 1),
        )
    assert SocialAssistance.objects.get(pk=benefit.pk).coordinator == benefit.coordinator


def test_granting_makes_the_coordinator_the_households_coordinator_and_logs_it(household):
    household, client = household
    dienst = DienstFactory()
    coordinator = coordinator_at(dienst)
    benefit = services.social_assistance_grant(
        actor=coordinator,
        household=household,
        client=client,
        organisation=dienst,
        coordinator=coordinator,
        started_on=date(2026, 3, 1),
    )
    involvement = Involvement.objects.get(household=household, kind="coordinator")
    assert involvement.user == coordinator and involvement.domain == "P"
    assert benefit.coordinator_involvement == involvement
    assert Event.objects.filter(action="social_assistance.granted", subject_id=str(benefit.pk)).exists()
    assert ProcessingLogEntry.objects.filter(activity_id="social-assistance", operation="write").exists()
    assert not selectors.clients_without_coordinator().exists()
    assert not selectors.clients_whose_coordinator_is_not_the_households().exists()


def test_a_household_with_another_coordinator_keeps_one_coordinator(household):
    household, client = household
    dienst = DienstFactory()
    other = coordinator_at(dienst)
    InvolvementFactory(household=household, organisation=dienst, user=other, kind="coordinator")
    with pytest.raises(ValidationError) as refused:
        services.social_assistance_grant(
            actor=other,
            household=household,
            client=client,
            organisation=dienst,
            coordinator=coordinator_at(dienst),
            started_on=date(2026, 3, 1),
        )
    assert "één regisseur" in refused.value.message_dict["coordinator"][0]


def test_only_a_coordinator_of_the_dienst_can_be_the_fixed_coordinator(household):
    household, client = household
    dienst = DienstFactory()
    with pytest.raises(ValidationError) as refused:
        services.social_assistance_grant(
            actor=UserFactory(),
            household=household,
            client=client,
            organisation=dienst,
            coordinator=UserFactory(),
            started_on=date(2026, 3, 1),
        )
    assert "coordinator" in refused.value.message_dict


def test_a_second_running_benefit_for_the_household_is_refused(household):
    household, client = household
    dienst = DienstFactory()
    coordinator = coordinator_at(dienst)
    kwargs = dict(
        actor=coordinator,
        household=household,
        client=client,
        organisation=dienst,
        coordinator=coordinator,
        started_on=date(2026, 3, 1),
    )
    services.social_assistance_grant(**kwargs)
    with pytest.raises(ValidationError):
        services.social_assistance_grant(**kwargs)


def test_the_report_of_clients_without_a_coordinator_stays_empty_across_many_clients():
    for _ in range(5):
        SocialAssistanceFactory()
    assert selectors.clients_without_coordinator().count() == 0
    assert selectors.clients_whose_coordinator_is_not_the_households().count() == 0
