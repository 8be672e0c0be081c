"""Factories for participation tests; residents and organisations come from their own apps' factories."""

import datetime

import factory

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    MunicipalityFactory,
    ResidentFactory,
)

from ..models import ParticipationProvider

__all__ = [
    "EmployerFactory",
    "HouseholdFactory",
    "MunicipalityFactory",
    "ParticipationProviderFactory",
    "ResidentFactory",
    "caseworker_with_resident",
    "provider",
]


class EmployerFactory(OrganisationFactory):
    kind = OrganisationKind.EMPLOYER
    name = factory.Sequence(lambda n: f"Werkgever {n}")


class ParticipationProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationProvider

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PROVIDER)
    kinds = factory.LazyFunction(lambda: ["learn_work_company"])


def provider(*kinds: str, name: str = ""):
    """An organisation that delivers participation instruments as the given kinds of provider."""
    organisation = OrganisationFactory(kind=OrganisationKind.PROVIDER, **({"name": name} if name else {}))
    ParticipationProviderFactory(organisation=organisation, kinds=list(kinds))
    return organisation


def resident_in_household(*, birth_date=datetime.date(1985, 6, 15), household=None, **kwargs):
    household = household or HouseholdFactory()
    resident = ResidentFactory(birth_date=birth_date, **kwargs)
    MembershipFactory(household=household, resident=resident, valid_from=datetime.date(2020, 1, 1))
    return resident, household


def caseworker_with_resident(role: str = Role.COORDINATOR, **resident_kwargs):
    """A staff member involved with a household of one resident (the coordinator's own caseload)."""
    user = UserFactory(role=role, is_demo=True)
    organisation = user.affiliations.get().organisation
    resident, household = resident_in_household(**resident_kwargs)
    kind = InvolvementKind.COORDINATOR if role == Role.COORDINATOR else InvolvementKind.JOB_COACHING
    InvolvementFactory(household=household, organisation=organisation, user=user, kind=kind)
    return user, resident, household


__all__ += ["AffiliationFactory", "resident_in_household"]
