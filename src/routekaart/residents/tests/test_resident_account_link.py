"""A resident's own account for Mijn Routekaart: made once, for that resident, with an event the coordinator reads."""

import datetime

import pytest

from routekaart.audit.models import Event
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.residents.access import household_access
from routekaart.residents.account_services import resident_account_link
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.residents.timeline import timeline_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother():
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Noor", family_name="Hendriks")
    MembershipFactory(household=household, resident=mother, valid_from=datetime.date(2018, 1, 1))
    return mother


def test_the_first_link_makes_an_account_without_password_or_role_and_one_event(mother):
    user = resident_account_link(mother)

    mother.refresh_from_db()
    assert mother.user == user
    assert not user.has_usable_password()
    assert not user.affiliations.exists()
    assert mother.bsn not in user.username and "Hendriks" not in user.username
    event = Event.objects.get(action="resident.portal_account_linked")
    assert (event.subject_type, event.subject_id, event.actor_id) == ("resident", str(mother.pk), user.pk)
    assert mother.bsn not in str(event.after) and "Noor" not in str(event.after)


def test_a_second_link_returns_the_same_account_and_records_nothing(mother):
    first = resident_account_link(mother)
    assert resident_account_link(mother) == first
    assert Event.objects.filter(action="resident.portal_account_linked").count() == 1


def test_the_coordinator_reads_the_first_login_on_the_household_timeline(mother, demo_login):
    household_id = mother.memberships.get().household_id
    coordinator = UserFactory(is_demo=True)
    affiliation = AffiliationFactory(user=coordinator, role=Role.COORDINATOR)
    InvolvementFactory(household_id=household_id, organisation=affiliation.organisation)

    resident_account_link(mother)

    _page, entries = timeline_page(access=household_access(user=coordinator, household_id=household_id))
    sentences = [e.sentence for e in entries]
    assert sentences == ["Voor het eerst ingelogd op Mijn Routekaart (met DigiD) door Noor Hendriks"]
