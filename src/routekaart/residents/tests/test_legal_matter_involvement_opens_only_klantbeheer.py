"""An involvement of kind legal_matter (an objection or an investigation handled by klantbeheer) opens the
household to klantbeheer's roles at the involved organisation only: a job coach or a coordinator of the same Dienst
gets nothing from it, in the one-household check and in the set-based "my households" alike."""

import pytest

from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.access import HOUSEHOLD_FILE, household_access, households_visible
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import HouseholdFactory, InvolvementFactory

pytestmark = pytest.mark.django_db


def _staff(organisation, role):
    user = UserFactory()
    AffiliationFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def dienst_with_a_legal_matter():
    dienst = OrganisationFactory()
    household = HouseholdFactory()
    InvolvementFactory(household=household, organisation=dienst, kind=InvolvementKind.LEGAL_MATTER, user=None)
    return dienst, household


@pytest.mark.parametrize("role", [Role.JOB_COACH, Role.COORDINATOR, Role.SCHOOL, Role.PROVIDER])
def test_a_legal_matter_opens_nothing_to_other_roles_of_the_same_organisation(dienst_with_a_legal_matter, role):
    dienst, household = dienst_with_a_legal_matter
    colleague = _staff(dienst, role)
    access = household_access(user=colleague, household_id=household.pk, purpose=HOUSEHOLD_FILE)
    assert access.domains == frozenset()
    assert not households_visible(user=colleague, purpose=HOUSEHOLD_FILE).filter(pk=household.pk).exists()


def test_a_legal_matter_opens_the_household_to_the_legal_team(dienst_with_a_legal_matter):
    dienst, household = dienst_with_a_legal_matter
    jurist = _staff(dienst, Role.LEGAL)
    access = household_access(user=jurist, household_id=household.pk, purpose="objection-handling")
    assert Domain.GENERAL in access.domains and access.basis == "involvement"
    assert households_visible(user=jurist, purpose="objection-handling").filter(pk=household.pk).exists()


def test_an_ordinary_involvement_still_opens_the_household_to_every_allowed_role(dienst_with_a_legal_matter):
    dienst, household = dienst_with_a_legal_matter
    InvolvementFactory(household=household, organisation=dienst, kind=InvolvementKind.TEAM_MEMBER, user=None)
    coach = _staff(dienst, Role.JOB_COACH)
    assert Domain.PARTICIPATION in household_access(user=coach, household_id=household.pk).domains
    assert households_visible(user=coach).filter(pk=household.pk).exists()
