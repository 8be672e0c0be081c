"""The household screens in a real Chromium, scanned by axe-core (WCAG 2.2 AA): page, worklist, refusal, break-glass."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    RelationFactory,
    ResidentFactory,
)
from routekaart.testing import PASSWORD

from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(demo_login):
    processing_activities_load()
    return UserFactory(username="regisseur-test", role=Role.COORDINATOR, is_demo=True)


@pytest.fixture
def household(coordinator):
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=date(1985, 3, 1))
    son = ResidentFactory(given_names="Sem", family_name="Hendriks", birth_date=date(2013, 9, 1))
    lodger = ResidentFactory(given_names="Jos", family_name="Kamp", birth_date=date(1960, 1, 1))
    MembershipFactory(household=household, resident=mother, role="head", valid_from=date(2018, 1, 1))
    MembershipFactory(household=household, resident=son, role="child", valid_from=date(2018, 1, 1))
    MembershipFactory(
        household=household, resident=lodger, role="other", valid_from=date(2019, 1, 1), valid_to=date(2021, 1, 1)
    )
    RelationFactory(resident=mother, related=son, kind="parent")
    organisation = coordinator.affiliations.get().organisation
    InvolvementFactory(
        household=household,
        organisation=organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        reason="Schulden en opvoedvragen",
    )
    InvolvementFactory(household=household, kind=InvolvementKind.PROVIDER_ASSIGNMENT, domain=Domain.YOUTH)
    ConsentFactory(household=household, resident=mother, organisation=organisation, domain=Domain.PARTICIPATION)
    return household


def log_in(page: Page, username: str) -> None:
    # The live server shares one in-memory SQLite connection between its threads, so two fragments loading at once
    # on the coordinator's home can trip over each other's transactions. The access app's fragment is not under
    # test here; answer it empty so only ours loads.
    page.route("**/toegang/overzicht/", lambda route: route.fulfill(status=204, body=""))
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_the_coordinator_opens_a_household_from_home_and_the_page_is_accessible(page: Page, coordinator, household):
    log_in(page, coordinator.username)
    home_link = page.locator("[data-my-households]").get_by_role("link", name=f"Huishouden {household.pk}")
    expect(home_link).to_be_visible()  # loaded through htmx after the home page
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Huishoudens").click()
    expect(page.get_by_role("heading", name="Mijn huishoudens")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=f"Huishouden {household.pk}").click()
    expect(page.get_by_role("heading", level=1, name=f"Huishouden {household.pk}")).to_be_visible()
    members = page.get_by_role("table", name="Wie hoort er vandaag bij het huishouden")
    expect(members.get_by_role("rowheader", name="Noor Hendriks")).to_be_visible()
    expect(members.get_by_role("rowheader", name="Sem Hendriks")).to_be_visible()
    expect(members).not_to_contain_text("Jos Kamp")  # moved out in 2021
    expect(page.get_by_role("table", name="Wie hoorde wanneer bij het huishouden")).to_contain_text("Jos Kamp")
    expect(members).to_contain_text("12-18 jaar")
    expect(page.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    assert_accessible(page)
    assert ProcessingLogEntry.objects.filter(actor=coordinator, activity_id="household-file").exists()


def test_withdrawing_a_consent_on_the_page(page: Page, coordinator, household):
    log_in(page, coordinator.username)
    page.goto(f"/huishoudens/{household.pk}/")
    page.get_by_role("button", name="Intrekken: toestemming").click()
    expect(page.get_by_role("status").filter(has_text="De toestemming is ingetrokken.")).to_be_visible()
    expect(page.get_by_role("table", name="Wat de inwoners met wie delen")).to_contain_text("Ingetrokken op")
    assert_accessible(page)


def test_an_uninvolved_coordinator_is_refused_and_can_break_the_glass(page: Page, household):
    other = UserFactory(username="regisseur-elders", role=Role.COORDINATOR, is_demo=True)
    processing_activities_load()
    log_in(page, other.username)
    response = page.goto(f"/huishoudens/{household.pk}/")
    assert response.status == 403
    expect(page.get_by_role("alert")).to_contain_text("U bent niet betrokken bij dit huishouden.")
    assert_accessible(page)

    page.get_by_role("link", name="Vraag noodtoegang aan").click()
    page.get_by_label("Waarom hebt u met spoed toegang nodig?").fill("te kort")
    page.get_by_role("button", name="Noodtoegang openen").click()
    expect(page.locator("#error-summary")).to_contain_text("ten minste 20 tekens")
    assert_accessible(page)

    page.get_by_label("Waarom hebt u met spoed toegang nodig?").fill("Acute zorgen gemeld, regisseur niet bereikbaar")
    page.get_by_role("button", name="Noodtoegang openen").click()
    expect(page.get_by_text("U werkt met noodtoegang")).to_be_visible()
    assert_accessible(page)
    assert ProcessingLogEntry.objects.filter(actor=other, result=Result.DENIED).exists()
    assert ProcessingLogEntry.objects.filter(actor=other, result=Result.BREAK_GLASS).exists()


def test_a_job_coach_does_not_see_youth_care_on_the_page(page: Page, household, demo_login):
    coach = UserFactory(username="jobcoach-test", role=Role.JOB_COACH, is_demo=True)
    InvolvementFactory(household=household, organisation=OrganisationFactory(name="Jongerenloket"), user=None)
    InvolvementFactory(
        household=household, organisation=coach.affiliations.get().organisation, user=coach, kind="job_coaching"
    )
    log_in(page, coach.username)
    page.goto(f"/huishoudens/{household.pk}/")
    expect(page.locator('[data-domain="J"]')).to_have_count(0)
    expect(page.locator("[data-domains]")).not_to_contain_text("Jeugd")
    assert_accessible(page)
