"""The employer's own page and the vacancy service in a real Chromium, scanned by axe-core (WCAG 2.2 AA)."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from routekaart.audit.configuration import processing_activities_load
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory
from routekaart.work import services
from routekaart.work.configuration import work_configuration_load
from routekaart.work.tests.conftest import consent_to
from routekaart.work.tests.factories import CandidateProfileFactory, ContactPersonFactory, VacancyFactory

from . import test_work_journey as journey
from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]
# The journey's fixtures: the work URLconf, the audit clean-up after each test, and its small world.
log_in = journey.log_in


def test_the_employer_sees_its_vacancies_and_only_the_candidates_who_share_their_profile(page: Page, demo_login):
    processing_activities_load()
    work_configuration_load()
    dienst = OrganisationFactory(kind=OrganisationKind.SERVICE_ORGANISATION)
    adviser = UserFactory(is_demo=True)
    AffiliationFactory(user=adviser, organisation=dienst, role=Role.EMPLOYER_ADVISER)
    contact = ContactPersonFactory(user=UserFactory(username="werkgever-test", is_demo=True))
    vacancy = VacancyFactory(employer=contact.employer, title="Medewerker magazijn")
    for name, share in (("Anouk", True), ("Bram", False)):
        resident = ResidentFactory(given_names=name, family_name="de Jong", birth_date=date(1994, 4, 1))
        household = HouseholdFactory()
        MembershipFactory(household=household, resident=resident)
        consent_to(resident, dienst, household)
        profile = CandidateProfileFactory(resident=resident, experience="Twee jaar orderpicker")
        services.placement_propose(actor=adviser, opening=vacancy, profile=profile, share_with_employer=share)

    log_in(page, "werkgever-test")
    page.goto("/werk/werkgever/")
    expect(page.get_by_role("heading", level=1, name=contact.employer.name)).to_be_visible()
    expect(page.get_by_text("Medewerker magazijn (vacature")).to_be_visible()
    expect(page.get_by_role("heading", name="Anouk de Jong — Medewerker magazijn")).to_be_visible()
    expect(page.get_by_text("Bram")).to_have_count(0)
    expect(page.locator("[data-withheld]")).to_contain_text("1 voorgestelde kandidaat")
    assert_accessible(page)


def test_a_resident_finds_work_in_the_vacancy_service(page: Page, demo_login):
    processing_activities_load()
    work_configuration_load()
    VacancyFactory(title="Schoonmaker kantoren", in_vacancy_service=True, description="Avonduren, eigen vervoer handig")
    UserFactory(username="inwoner-test", role=Role.RESIDENT, is_demo=True)
    log_in(page, "inwoner-test")
    page.goto("/werk/vacatureservice/")
    expect(page.get_by_role("heading", level=2, name="Schoonmaker kantoren")).to_be_visible()
    assert_accessible(page)
