"""Factories for enforcement: a benefit household with klantbeheer at its Dienst, signals and investigations."""

import datetime
from dataclasses import dataclass

import factory

from ...income.tests.factories import SocialAssistanceFactory
from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, UserFactory
from ...residents.tests.factories import HouseholdFactory, ResidentFactory
from ..models import EnforcementSignal, EnforcementSignalStatus, Investigation, InvestigationStatus, SignalSource


def client_admin_at(organisation, **kwargs):
    """A klantbeheer (client_admin) staff member at `organisation`."""
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, organisation=organisation, role=Role.CLIENT_ADMIN)
    return user


@dataclass
class EnforcementWorld:
    """A household with a running benefit, its coordinator and two klantbeheer staff at the benefit's Dienst."""

    benefit: object
    household: object
    client: object
    coordinator: object
    handler: object
    investigator: object


def enforcement_world(**benefit) -> EnforcementWorld:
    benefit = SocialAssistanceFactory(**benefit)
    return EnforcementWorld(
        benefit=benefit,
        household=benefit.household,
        client=benefit.client,
        coordinator=benefit.coordinator,
        handler=client_admin_at(benefit.organisation),
        investigator=client_admin_at(benefit.organisation),
    )


class EnforcementSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementSignal

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory)
    source = SignalSource.TIP
    received_on = datetime.date(2026, 11, 2)
    description = "Een buurtbewoner meldt dat er iemand bij de inwoner woont."
    status = EnforcementSignalStatus.NEW
    organisation = factory.SubFactory("routekaart.income.tests.factories.DienstFactory")


class InvestigationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Investigation

    reference = factory.Sequence(lambda n: f"HO-2026-{n:06d}")
    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory)
    opened_on = datetime.date(2026, 11, 3)
    investigator = factory.SubFactory(UserFactory)
    question = "Woont er een partner op het adres?"
    status = InvestigationStatus.OPEN
    organisation = factory.SubFactory("routekaart.income.tests.factories.DienstFactory")
