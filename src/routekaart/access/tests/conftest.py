"""Fixtures of the integrale toegang tests: the rules and catalog as data, a coordinator, a household."""

import datetime

import pytest

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)

from . import journey


@pytest.fixture(autouse=True)
def configured(request):
    """The toegang's rules, for every test that uses the database (the register comes from routekaart.testing)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from routekaart.access.configuration import access_configuration_load

    access_configuration_load()


@pytest.fixture
def catalog(db):
    """The catalog as `make demo` loads it (seed 003's building blocks)."""
    from routekaart.catalog import services

    return services.catalog_load()


@pytest.fixture
def coordinator(db):
    return UserFactory(first_name="Rana", last_name="Regisseur", role=Role.COORDINATOR)


@pytest.fixture
def household(db):
    """A mother (40) and her son (12); no case yet, no coordinator yet."""
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=datetime.date(1985, 3, 1))
    son = ResidentFactory(given_names="Sem", family_name="Hendriks", birth_date=datetime.date(2013, 9, 1))
    MembershipFactory(household=household, resident=mother, role="head", valid_from=datetime.date(2018, 1, 1))
    MembershipFactory(household=household, resident=son, role="child", valid_from=datetime.date(2018, 1, 1))
    household.mother, household.son = mother, son
    return household


@pytest.fixture
def involved(coordinator, household):
    """The coordinator's team is involved with the household (the wijkteam where the melding comes in)."""
    return InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=None,
        valid_from=datetime.date(2020, 1, 1),
    )


@pytest.fixture
def case(coordinator, household):
    """A Wmo melding opened this case; its coordinator is `coordinator`."""
    return journey.melding(coordinator, household).case


@pytest.fixture
def planned_case(catalog, coordinator, household):
    """A case with an active plan of three agreements (intake done, poortwachter continued)."""
    return journey.to_active_plan(coordinator, household)
