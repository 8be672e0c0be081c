"""The participation screens in a real Chromium, scanned by axe-core (WCAG 2.2 AA).

The coordinator's overview, a resident's profile, assessing the distance (with a refused input first), putting in
a learn-work place and deciding on it; policy's report beside Zaanstad's shares and the budget monitor's warning.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.audit.configuration import processing_activities_load
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.participation import services
from routekaart.participation.configuration import participation_configuration_load
from routekaart.participation.models import DistanceCategory, Instrument, LadderRung, SpendingLine
from routekaart.participation.tests.factories import MunicipalityFactory, provider
from routekaart.residents.models import InvolvementKind
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
def world(demo_login):
    processing_activities_load()
    participation_configuration_load()
    coordinator = UserFactory(username="regisseur-participatie", role=Role.COORDINATOR, is_demo=True)
    household = HouseholdFactory()
    resident = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=date(1988, 3, 1))
    MembershipFactory(household=household, resident=resident, role="head", valid_from=date(2018, 1, 1))
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
    )
    municipality = MunicipalityFactory(name="Zaanstad", code="gemeente-zaanstad")
    learn_work = provider("learn_work_company", "sw_company", name="BaanStede")
    return {"coordinator": coordinator, "resident": resident, "municipality": municipality, "learn_work": learn_work}


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_the_coordinator_assesses_a_resident_and_puts_in_a_learn_work_place(page: Page, world):
    resident = world["resident"]
    log_in(page, world["coordinator"].username)
    page.wait_for_load_state("networkidle")  # the home page's htmx parts, before the next request
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Participatie").click()
    expect(page.get_by_role("heading", level=1, name="Participatie: overzicht van het team")).to_be_visible()
    expect(page.get_by_role("heading", name="Volwassenen zonder beoordeling")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Noor Hendriks").click()
    expect(page.get_by_role("heading", level=1, name="Participatie van Noor Hendriks")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Afstand beoordelen").click()
    page.get_by_label("Categorie afstand tot de arbeidsmarkt").select_option(label="Geen afstand, direct bemiddelbaar")
    page.get_by_label("Trede", exact=True).select_option(
        label="Regulier werk op korte en middellange termijn geen reële optie"
    )
    page.get_by_label("Participatieladder").select_option(label="4. Onbetaald werk")
    page.get_by_label("Gemeente").select_option(label="Zaanstad")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("#error-summary")).to_contain_text("De trede past niet bij de categorie")
    assert_accessible(page)

    page.get_by_label("Categorie afstand tot de arbeidsmarkt").select_option(
        label="Overbrugbare afstand, binnen een jaar"
    )
    page.get_by_label("Trede", exact=True).select_option(label="Verminderde loonwaarde")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="De beoordeling is vastgelegd")).to_be_visible()
    expect(page.locator("[data-current-distance]")).to_contain_text("Overbrugbare afstand, binnen een jaar")
    assert_accessible(page)

    page.get_by_role("link", name="Leerwerkplek").first.click()
    start = timezone.localdate()
    page.get_by_label("Aanbieder").select_option(label="BaanStede")
    page.get_by_label("Geplande start").fill(start.isoformat())
    page.get_by_label("Gepland einde (laatste dag)").fill((start + timedelta(days=20)).isoformat())
    page.get_by_label("Afgesproken prijs per maand (€)").fill("950")
    page.get_by_label("Gemeente").select_option(label="Zaanstad")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("#error-summary")).to_contain_text("Leerwerkplek duurt minimaal 4 weken en maximaal 6 maanden")
    assert_accessible(page)

    page.get_by_label("Gepland einde (laatste dag)").fill((start + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("heading", level=1, name="Leerwerkplek")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ja", exact=True).check()
    page.get_by_label("Kenmerk beschikking").fill("LWP-2026-1")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("[data-status]")).to_have_text("Toegekend")
    expect(page.get_by_role("table", name="Wat deze opdracht per maand van het budget vraagt")).to_be_visible()
    assert_accessible(page)
    assert resident.participation_assignments.get().decision_reference == "LWP-2026-1"


def test_policy_reads_the_report_and_the_budget_warning(page: Page, world):
    municipality, resident = world["municipality"], world["resident"]
    category = DistanceCategory.objects.get(code="bridgeable_long")
    today = timezone.localdate()
    services.distance_assess(
        actor=world["coordinator"],
        resident=resident,
        category=category,
        tier=category.tiers.first(),
        ladder_rung=LadderRung.objects.get(order=3),
        municipality=municipality,
    )
    instrument = Instrument.objects.get(code="learn_work_place")
    assignment = services.assignment_propose(
        actor=world["coordinator"],
        resident=resident,
        instrument=instrument,
        provider=world["learn_work"],
        municipality=municipality,
        planned_start=today,
        planned_end=today + timedelta(days=120),
        monthly_cost=Decimal("950"),
    )
    services.assignment_decide(
        actor=world["coordinator"], assignment=assignment, granted=True, decided_on=today, reference="B"
    )
    services.budget_set(
        actor=world["coordinator"],
        municipality=municipality,
        year=today.year,
        spending_line=SpendingLine.objects.get(code="specific_support"),
        instrument=instrument,
        amount=Decimal("500"),
    )
    policy = UserFactory(username="beleid-participatie", role=Role.POLICY, is_demo=True)
    log_in(page, policy.username)
    page.wait_for_load_state("networkidle")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Participatie").click()
    expect(page.get_by_role("heading", level=1, name="Participatie: rapportage")).to_be_visible()
    distribution = page.get_by_role("table", name="Alle gemeenten: 1 inwoners met een actuele beoordeling")
    expect(distribution.get_by_role("row", name="Overbrugbare afstand, langer dan een jaar")).to_contain_text("57%")
    expect(page.locator("body")).not_to_contain_text("Noor Hendriks")
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Budgetmonitor").click()
    page.get_by_label("Gemeente").select_option(label="Zaanstad")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("alert")).to_contain_text("Leerwerkplek")
    expect(page.locator("[data-instrument='learn_work_place'] [data-over-budget]")).to_contain_text("boven budget")
    assert_accessible(page)

    page.goto("/participatie/instrumenten/")
    expect(page.get_by_role("heading", level=1, name="Instrumenten en regels")).to_be_visible()
    expect(page.get_by_role("row", name="Leerwerkplek")).to_contain_text("maximaal 6 maanden")
    assert_accessible(page)
