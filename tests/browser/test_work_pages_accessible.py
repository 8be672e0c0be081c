"""The remaining werkgeversdienstverlening pages in a real Chromium, each scanned by axe-core (WCAG 2.2 AA)."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory
from routekaart.work import services
from routekaart.work.tests.factories import SocialReturnContractFactory, VacancyFactory

from . import test_work_journey as journey
from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]
# The journey's fixtures: the work URLconf, the audit clean-up after each test, and its small world.
world = journey.world
log_in = journey.log_in


def test_the_adviser_pages_for_vacancies_candidates_and_social_return_are_accessible(page: Page, world):
    vacancy = VacancyFactory(employer=world["employer"], title="Afwasser", in_vacancy_service=True)
    anouk = world["profiles"]["Anouk"]
    placement = services.placement_propose(actor=world["adviser"], opening=vacancy, profile=anouk)
    placement = services.placement_introduce(actor=world["adviser"], placement=placement, introduced_on=date.today())
    placement = services.placement_contract(
        actor=world["adviser"],
        placement=placement,
        contract_start=date.today(),
        hours=20,
        hourly_wage=Decimal("14.40"),
        instruments=["job_coach"],
    )
    contract = SocialReturnContractFactory(contractor=world["employer"])
    log_in(page, world["adviser"].username)
    for url, heading in (
        ("/werk/vacatures/", "Vacatures en arrangementen"),
        ("/werk/vacatures/nieuw/", "Nieuwe vacature"),
        (f"/werk/vacatures/{vacancy.pk}/", "Afwasser"),
        ("/werk/kandidaten/", "Kandidaten"),
        (f"/werk/kandidaten/{anouk.pk}/", "Werkprofiel van Anouk de Jong"),
        (
            f"/werk/vacature/{vacancy.pk}/kandidaten/{world['profiles']['Bram'].pk}/besluit/",
            "Afwijken van de ranglijst",
        ),
        ("/werk/social-return/", "Social return (SROI)"),
        ("/werk/social-return/nieuw/", "Nieuw contract met social return"),
        (f"/werk/social-return/{contract.pk}/", f"Social return {contract.reference}"),
        (f"/werk/controles/{placement.checks.first().pk}/", "Controle na 6 maanden"),
        (f"/werk/werkgevers/{world['employer'].pk}/afspraak/", "Afspraak vastleggen"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)


def test_the_coordinator_pages_for_work_profiles_are_accessible(page: Page, world):
    coordinator = UserFactory(username="regisseur-werk", role=Role.COORDINATOR, is_demo=True)
    resident = world["profiles"]["Anouk"].resident
    InvolvementFactory(
        household=resident.memberships.get().household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
    )
    log_in(page, coordinator.username)
    page.goto("/werk/werkprofielen/")
    expect(page.get_by_role("heading", level=1, name="Werkprofielen")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkprofielen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Anouk de Jong").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Werkprofiel van Anouk de Jong")
    page.get_by_label("Uren per week, maximaal").fill("4")
    page.get_by_role("button", name="Werkprofiel bewaren").click()
    expect(page.locator("#error-summary")).to_contain_text("Het maximum aantal uren is lager dan het minimum.")
    assert_accessible(page)
