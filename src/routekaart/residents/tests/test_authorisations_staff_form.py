"""Staff record a machtiging from the household page: the principal among the members, the agent by BSN and birth
date together; a mismatch gives one Dutch message that does not say which part was wrong, and changes nothing."""

from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from ..models import Authorisation, InvolvementKind
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)
MISMATCH = "Wij vinden geen inwoner met dit BSN en deze geboortedatum. Controleer beide gegevens op het formulier."


@pytest.fixture(autouse=True)
def _today():
    with freeze_time(TODAY):
        yield


@pytest.fixture
def household():
    household = HouseholdFactory()
    household.mother = ResidentFactory(given_names="Marieke", family_name="Oosterveld", birth_date=date(1960, 2, 2))
    MembershipFactory(household=household, resident=household.mother, valid_from=date(2019, 1, 1))
    household.agent = ResidentFactory(given_names="Sanne", birth_date=date(1990, 3, 3))
    MembershipFactory(resident=household.agent, valid_from=date(2019, 1, 1))
    return household


def involved(staff_client, household, role=Role.COORDINATOR):
    client, user = staff_client(role)
    InvolvementFactory(
        household=household,
        organisation=user.affiliations.get().organisation,
        user=user,
        kind=InvolvementKind.COORDINATOR,
    )
    return client, user


def form_data(household, **changes):
    data = {
        "principal": household.mother.pk,
        "agent_bsn": household.agent.bsn,
        "agent_birth_date": "1990-03-03",
        "domains": ["P", "G"],
        "valid_from": "2026-06-01",
    }
    return {**data, **changes}


def url(household):
    return reverse("residents:authorisation_create", args=[household.pk])


def test_the_household_page_links_to_the_form(staff_client, household):
    client, _user = involved(staff_client, household)
    page = client.get(reverse("residents:household_detail", args=[household.pk]))
    assert url(household) in page.text
    assert client.get(url(household)).status_code == 200


def test_a_coordinator_records_a_machtiging_from_the_signed_form(staff_client, household):
    client, user = involved(staff_client, household)
    response = client.post(url(household), form_data(household))
    assert response.status_code == 302
    authorisation = Authorisation.objects.get()
    assert (authorisation.principal, authorisation.agent, authorisation.domains) == (
        household.mother,
        household.agent,
        "GP",
    )
    assert authorisation.recorded_by == user


@pytest.mark.parametrize(
    "changes",
    [{"agent_bsn": "111222333"}, {"agent_birth_date": "1990-03-04"}],
    ids=["another BSN", "another birth date"],
)
def test_a_bsn_and_birth_date_that_do_not_match_give_one_message_and_change_nothing(staff_client, household, changes):
    client, _user = involved(staff_client, household)
    before = database_fingerprint()
    response = client.post(url(household), form_data(household, **changes))
    assert response.status_code == 400
    assert MISMATCH in response.text
    assert database_fingerprint() == before


def test_a_principal_from_outside_the_household_is_refused(staff_client, household):
    client, _user = involved(staff_client, household)
    before = database_fingerprint()
    response = client.post(url(household), form_data(household, principal=household.agent.pk))
    assert response.status_code == 400
    assert database_fingerprint() == before


def test_the_services_refusal_shows_in_dutch_on_the_form(staff_client, household):
    client, _user = involved(staff_client, household)
    young = ResidentFactory(birth_date=date(2010, 1, 1))
    before = database_fingerprint()
    response = client.post(url(household), form_data(household, agent_bsn=young.bsn, agent_birth_date="2010-01-01"))
    assert response.status_code == 400
    assert "Wie gemachtigd wordt, is op de begindatum ten minste 18 jaar oud." in response.text
    assert database_fingerprint() == before


def test_someone_who_may_not_record_consents_gets_403(staff_client, household):
    client, _user = involved(staff_client, household, role=Role.PROVIDER)
    before = database_fingerprint()
    assert client.post(url(household), form_data(household)).status_code == 403
    assert database_fingerprint() == before


def test_a_coordinator_not_involved_gets_403(staff_client, household):
    client, _user = staff_client(Role.COORDINATOR)
    before = database_fingerprint()
    assert client.post(url(household), form_data(household)).status_code == 403
    assert database_fingerprint() == before
