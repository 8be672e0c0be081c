import datetime

import pytest

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import Consent
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory
from routekaart.work import labour_facts as labour_module
from routekaart.work.labour_facts import LabourFacts

from .factories import CandidateProfileFactory


@pytest.fixture
def work_configuration(db):
    from routekaart.work.configuration import work_configuration_load

    work_configuration_load()


@pytest.fixture
def dienst(db):
    return OrganisationFactory(kind=OrganisationKind.SERVICE_ORGANISATION, name="Dienst Werk en Inkomen")


@pytest.fixture
def adviser(dienst, demo_login):
    user = UserFactory(first_name="Sanne", last_name="Visser", is_demo=True)
    AffiliationFactory(user=user, organisation=dienst, role=Role.EMPLOYER_ADVISER)
    return user


@pytest.fixture
def adviser_client(client, adviser):
    client.force_login(adviser)
    return client


@pytest.fixture
def labour(monkeypatch):
    """Stand in for the participation app: `labour[resident_id] = LabourFacts(...)`."""
    facts: dict[int, LabourFacts] = {}
    monkeypatch.setattr(
        labour_module, "_source", lambda: lambda ids, on: {rid: facts[rid] for rid in ids if rid in facts}
    )
    return facts


def consent_to(resident, organisation, household, domain=Domain.PARTICIPATION, **extra) -> Consent:
    return Consent.objects.create(
        resident=resident,
        household=household,
        organisation=organisation,
        domain=domain,
        scope="Werkprofiel delen met de werkgeversadviseur",
        valid_from=datetime.date(2024, 1, 1),
        **extra,
    )


@pytest.fixture
def make_candidate(dienst):
    """A resident in a household with a work profile; consented to the adviser's organisation unless told not."""

    def make(*, consent: bool = True, given_names: str = "Kandidaat", **profile):
        resident = ResidentFactory(given_names=given_names, birth_date=datetime.date(1990, 5, 1))
        household = HouseholdFactory()
        MembershipFactory(household=household, resident=resident, valid_from=datetime.date(2020, 1, 1))
        if consent:
            consent_to(resident, dienst, household)
        return CandidateProfileFactory(resident=resident, **profile)

    return make
