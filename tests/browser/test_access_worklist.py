"""Mijn werkvoorraad, the home page summary and edits in place, in Chromium, scanned by axe-core (WCAG 2.2 AA)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.access import services
from routekaart.access.configuration import access_configuration_load
from routekaart.access.models import Agreement, AgreementParty, AgreementStatus, GatekeepingOutcome, LifeDomain
from routekaart.access.urgency import urgency_refresh
from routekaart.audit.configuration import processing_activities_load
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory
from routekaart.testing import PASSWORD

from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]


def household_of(name: str):
    household = HouseholdFactory()
    resident = ResidentFactory(given_names=name, family_name="Jansen", birth_date=date(1980, 1, 1))
    MembershipFactory(household=household, resident=resident, valid_from=date(2015, 1, 1))
    household.mother = resident
    return household


@pytest.fixture
def caseload(demo_login):
    """Three households of one coordinator: one waiting for its intake, one with a late agreement, one calm."""
    processing_activities_load()
    access_configuration_load()
    coordinator = UserFactory(username="regisseur-werkvoorraad", role=Role.COORDINATOR, is_demo=True)
    today = timezone.localdate()
    scores = {d.code: (3, "") for d in LifeDomain.objects.all()}

    def planned(name: str, due_in: int):
        household = household_of(name)
        case = services.signal_receive(
            actor=coordinator,
            household=household,
            kind="report",
            topic="care",
            domain=Domain.SUPPORT,
            summary="Hulpvraag",
        ).case
        services.intake_record(actor=coordinator, case=case, question="Hulp", talents="Tuinieren", scores=scores)
        services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
        plan = services.plan_draft(
            actor=coordinator,
            case=case,
            goals=[services.GoalSpec("finances", "Overzicht over de rekeningen")],
            agreements=[
                services.AgreementSpec("Post openen met buurman", AgreementParty.RESIDENT, today + timedelta(days=60))
            ],
        )
        services.plan_activate(actor=coordinator, plan=plan, resident_agreement="agreed")
        Agreement.objects.filter(plan=plan).update(due_on=today + timedelta(days=due_in))
        urgency_refresh(case)  # the update above bypasses the services, which keep the worklist's stored order
        return household

    waiting = household_of("Wim")
    services.signal_receive(
        actor=coordinator,
        household=waiting,
        kind="report",
        topic="safety",
        domain=Domain.SUPPORT,
        summary="Zorgen",
        urgent=True,
    )
    late = planned("Lotte", -5)
    calm = planned("Carla", 40)
    return coordinator, waiting, late, calm


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_the_worklist_is_sorted_by_urgency_and_filters(page: Page, caseload):
    coordinator, waiting, late, calm = caseload
    log_in(page, coordinator.username)
    summary = page.locator("[data-access-summary]")
    expect(summary.locator("[data-waiting-signals]")).to_contain_text(f"Huishouden {waiting.pk}")
    expect(summary.locator("[data-agreements-due]")).to_contain_text(f"Huishouden {late.pk}")
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn werkvoorraad").click()
    expect(page.get_by_role("heading", name="Mijn werkvoorraad", level=1)).to_be_visible()
    rows = page.locator("[data-worklist] tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_have_attribute("data-household", str(waiting.pk))  # spoed first
    expect(rows.nth(0)).to_contain_text("Intake houden")
    expect(rows.nth(1)).to_have_attribute("data-household", str(late.pk))
    expect(rows.nth(1)).to_contain_text("5 dagen te laat")
    expect(rows.nth(2)).to_have_attribute("data-household", str(calm.pk))
    assert_accessible(page)

    page.get_by_label("Alleen met achterstand").check()
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household", str(late.pk))
    assert_accessible(page)


def test_an_agreement_is_marked_done_in_place(page: Page, caseload):
    coordinator, _waiting, late, _calm = caseload
    agreement = Agreement.objects.get(plan__household=late)
    log_in(page, coordinator.username)
    page.goto(f"/toegang/huishoudens/{late.pk}/")
    row = page.locator(f"#agreement-{agreement.pk}")
    expect(row).to_contain_text("te laat")
    row.get_by_label("Status van afspraak").select_option(label="Gedaan")
    row.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#agreement-{agreement.pk}")).to_have_attribute("data-agreement-status", "done")
    assert page.url.endswith(f"/toegang/huishoudens/{late.pk}/")  # swapped in place, no navigation
    assert_accessible(page)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DONE

    page.locator("summary", has_text="Afspraak toevoegen").click()
    form = page.locator(f"#agreements-{agreement.plan_id} form.rk-form")
    form.get_by_label("Afspraak").fill("Schuldhulp bellen")
    form.get_by_label("Wie doet het").select_option(label="De inwoner zelf")
    form.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(f"#agreements-{agreement.plan_id}")).to_contain_text("Vul uiterlijk op in.")
    expect(page.locator("#error-summary")).to_be_focused()  # after the htmx swap too
    expect(page.locator(f"#agreements-{agreement.plan_id} form.rk-form").get_by_label("Afspraak")).to_have_value(
        "Schuldhulp bellen"
    )
    page.locator(f"#agreements-{agreement.plan_id} form.rk-form").get_by_label("Uiterlijk op").fill(
        (timezone.localdate() + timedelta(days=7)).isoformat()
    )
    page.locator(f"#agreements-{agreement.plan_id} form.rk-form").get_by_role("button", name="Toevoegen").click()
    expect(page.locator(f"#agreements-{agreement.plan_id}")).to_contain_text("Schuldhulp bellen")
    assert_accessible(page)
    assert Agreement.objects.filter(plan__household=late).count() == 2
