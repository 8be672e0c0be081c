"""The integrale toegang in a real Chromium, every page scanned by axe-core (WCAG 2.2 AA).

A melding arrives, the caseworker does the intake, the poortwachter continues, the plan is made with three
agreements and agreed by the resident, a decision for begeleiding is made, its PDF opens, and the timeline shows
every step.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.access.configuration import access_configuration_load
from routekaart.access.letters import pango_missing
from routekaart.audit.configuration import processing_activities_load
from routekaart.catalog.services import catalog_load
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.testing import PASSWORD

from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(demo_login):
    processing_activities_load()
    access_configuration_load()
    catalog_load()
    OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Zorg De Linde")
    return UserFactory(
        username="regisseur-toegang", first_name="Rana", last_name="Regisseur", role=Role.COORDINATOR, is_demo=True
    )


@pytest.fixture
def household(coordinator):
    """Noor and Sem; the coordinator's wijkteam is involved, nobody coordinates yet."""
    household = HouseholdFactory()
    noor = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=date(1985, 3, 1))
    sem = ResidentFactory(given_names="Sem", family_name="Hendriks", birth_date=date(2013, 9, 1))
    MembershipFactory(household=household, resident=noor, role="head", valid_from=date(2018, 1, 1))
    MembershipFactory(household=household, resident=sem, role="child", valid_from=date(2018, 1, 1))
    InvolvementFactory(household=household, organisation=coordinator.affiliations.get().organisation, user=None)
    return household


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def step(page: Page, link: str) -> None:
    page.locator("[data-tasks]").get_by_role("link", name=link, exact=True).click()


def test_from_melding_to_decision_letter(page: Page, coordinator, household):
    today = timezone.localdate()
    log_in(page, coordinator.username)
    expect(page.locator("[data-access-summary]")).to_contain_text("Signalen die op u wachten")  # htmx fragment
    assert_accessible(page)

    # A melding arrives.
    page.goto(f"/toegang/huishoudens/{household.pk}/")
    expect(page.get_by_text("Dit huishouden heeft nog geen casus.")).to_be_visible()
    assert_accessible(page)
    step(page, "Nieuw signaal")
    page.get_by_role("radio", name="Melding").check()
    page.get_by_label("Waar gaat de melding over?").select_option(label="Zorg")
    page.get_by_label("Domein").select_option(label="Wmo 2015")
    page.get_by_label("Over wie").select_option(label="Noor Hendriks")
    page.get_by_label("Wat is er aan de hand?").fill("Noor belt: het huishouden en de zorg voor Sem lukken niet meer.")
    assert_accessible(page)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="nieuwe casus geopend")).to_be_visible()
    expect(page.locator("[data-coordinator]")).to_contain_text("Rana Regisseur")
    expect(page.locator('[data-deadline="wmo_assessment"]')).to_contain_text("Nog 42 dagen")
    assert_accessible(page)

    # The intake on all life domains; a missing score is named and what was typed stays.
    step(page, "Intake")
    page.get_by_label("Hulpvraag").fill("Weer grip op de dag en rust in huis")
    page.get_by_label("Talenten").fill("Kookt graag, goed met kinderen")
    selects = page.locator("select[id^=id_score_]")
    for index in range(selects.count() - 1):
        selects.nth(index).select_option("3")
    page.get_by_role("button", name="Vastleggen").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    missing = "Geef een score van 1 tot en met 5 voor Opvoeding."
    expect(summary.get_by_role("link", name=f"Opvoeding: {missing}")).to_be_visible()
    expect(page.get_by_text(missing, exact=True)).to_be_visible()
    expect(page.get_by_label("Hulpvraag")).to_have_value("Weer grip op de dag en rust in huis")
    assert_accessible(page)
    page.locator("#id_score_parenting").select_option("2")
    page.locator("#id_score_daily_living").select_option("2")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="De intake is vastgelegd.")).to_be_visible()
    expect(page.locator('[data-life-domain="daily_living"]')).to_contain_text("2")

    # The poortwachter continues.
    step(page, "Poortwachter")
    page.get_by_role("radio", name="Doorgaan naar vraaggestuurd onderzoek").check()
    assert_accessible(page)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("[data-gatekeeping]")).to_contain_text("Doorgaan naar vraaggestuurd onderzoek")

    # The plan with three agreements, and the resident's agreement.
    step(page, "Plan van aanpak maken")
    page.get_by_label("Doel: Algemene dagelijkse levensverrichtingen (ADL)").fill("Noor doet het huishouden weer zelf")
    page.get_by_label("Doel: Opvoeding").fill("Rust in de opvoeding van Sem")
    rows = [
        ("Noor zoekt een vrijwilligersplek bij de buurtkeuken", "De inwoner zelf", "", None, 30),
        ("Zus Anna past op woensdag op Sem", "Het netwerk van de inwoner", "Anna", None, 14),
        ("Begeleiding thuis, vier dagdelen per week", "Een aanbieder", "", "Zorg De Linde", 60),
    ]
    for index, (what, party, name, provider, days) in enumerate(rows):
        block = page.locator(f'[data-agreement="{index + 1}"]')
        block.get_by_label("Afspraak").fill(what)
        block.get_by_label("Wie doet het").select_option(label=party)
        if name:
            block.get_by_label("Naam").fill(name)
        if provider:
            block.get_by_label("Aanbieder").select_option(label=provider)
        block.get_by_label("Uiterlijk op").fill((today + timedelta(days=days)).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Concept vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="concept van het plan")).to_be_visible()
    page.locator("[data-tasks]").get_by_role("link", name="Instemming vastleggen en plan activeren (versie 1)").click()
    page.get_by_role("radio", name="Akkoord", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Vastleggen").click()
    active = page.locator('[data-plan="active"]')
    expect(active).to_contain_text("Zus Anna past op woensdag op Sem")
    expect(active.locator("[data-agreement-status]")).to_have_count(3)
    assert_accessible(page)

    # A decision for begeleiding.
    step(page, "Beschikking")
    page.get_by_label("Aan", exact=True).select_option(label="Noor Hendriks")
    first = page.locator('[data-provision="1"]')
    first.get_by_label("Maatwerkvoorziening").select_option(
        label="Begeleiding (incl. persoonlijke verzorging en vervoer dagactiviteit)"
    )
    first.get_by_label("Besluit", exact=True).select_option(label="Toegekend")
    first.get_by_label("Wet").select_option(label="Wmo 2015")
    first.get_by_label("Ingangsdatum").fill(today.isoformat())
    first.get_by_label("Einddatum").fill((today + timedelta(days=364)).isoformat())
    first.get_by_label("Omvang").fill("4")
    first.get_by_label("Eenheid").select_option(label="dagdelen per week")
    first.get_by_label("Motivering").fill(
        "Noor heeft hulp nodig om de dag te structureren; haar zus helpt al op woensdag."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Beschikking vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="is vastgelegd")).to_be_visible()
    decisions = page.locator("[data-decisions]")
    expect(decisions).to_contain_text("Begeleiding")
    expect(decisions).to_contain_text("Wmo 2015 art. 2.3.5 lid 3")
    assert_accessible(page)

    # Its PDF opens.
    if pango_missing():
        pytest.skip(f"Pango ontbreekt: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 ({pango_missing()})")
    href = decisions.get_by_role("link", name="PDF").get_attribute("href")
    letter = page.request.get(href)
    assert letter.status == 200
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")

    # The timeline shows every step, with who did it.
    timeline = page.locator("[data-timeline]")
    for action in [
        "case.opened",
        "signal.received",
        "intake.recorded",
        "gatekeeping.recorded",
        "plan.drafted",
        "plan.activated",
        "decision.recorded",
    ]:
        expect(timeline.locator(f'[data-action="{action}"]')).to_contain_text("Rana Regisseur")
    expect(timeline).to_contain_text("Melding, zorg, Wmo 2015")
