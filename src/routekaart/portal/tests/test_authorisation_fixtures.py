"""Shared people for the authorisation lane's portal tests (imported, not collected: it holds no tests), and the
fixture that fixes today (`authorisation_today`, through usefixtures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from freezegun import freeze_time

from ...organisations.tests.factories import OrganisationFactory
from ...residents.authorisation_services import authorisation_record
from ...residents.models import RelationKind
from ...residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    MembershipFactory,
    RelationFactory,
    ResidentFactory,
)

TODAY = date(2026, 6, 1)


@dataclass
class Family:
    household: object
    mother: object
    partner: object
    young: object  # 15 today (16 tomorrow)
    older: object  # 16 today
    other_household: object
    stranger: object  # lives in the other household


def family_make() -> Family:
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Marieke", family_name="Oosterveld", birth_date=date(1980, 2, 2))
    partner = ResidentFactory(given_names="Jeroen", family_name="Oosterveld", birth_date=date(1979, 3, 3))
    young = ResidentFactory(given_names="Daan", family_name="Oosterveld", birth_date=date(2010, 6, 2))
    older = ResidentFactory(given_names="Sanne", family_name="Oosterveld", birth_date=date(2010, 6, 1))
    for person in (mother, partner, young, older):
        MembershipFactory(household=household, resident=person, valid_from=date(2019, 1, 1))
    for child in (young, older):
        RelationFactory(resident=mother, related=child, kind=RelationKind.PARENT)
    other = HouseholdFactory()
    stranger = ResidentFactory(given_names="Pieter", family_name="Vreemd", birth_date=date(1975, 1, 1))
    MembershipFactory(household=other, resident=stranger, valid_from=date(2019, 1, 1))
    return Family(household, mother, partner, young, older, other, stranger)


@pytest.fixture
def authorisation_today():
    """1 June 2026: the young child is 15 today and 16 tomorrow, the older one 16 today."""
    with freeze_time(TODAY):
        yield


def consent_make(household, resident, *, organisation: str = "Wijkteam Noord", domain: str = "G", **kwargs):
    return ConsentFactory(
        household=household,
        resident=resident,
        organisation=OrganisationFactory(name=organisation),
        domain=domain,
        scope=kwargs.pop("scope", "Warme overdracht"),
        **kwargs,
    )


def authorise(principal, agent, domains="alles", valid_from=TODAY):
    return authorisation_record(actor=None, principal=principal, agent=agent, domains=domains, valid_from=valid_from)
