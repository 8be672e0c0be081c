"""Bestaanszekerheid in a real Chromium, every page scanned by axe-core (WCAG 2.2 AA).

The journey of the issue: a coordinator opens a client due for the yearly conversation, records it with the
financieel-fit questions, sees two regulations the household does not use, and starts an application for one.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.audit.configuration import processing_activities_load
from routekaart.income.batch import entitlement_check_run
from routekaart.income.configuration import income_configuration_load
from routekaart.income.models import FinancialFitnessReview, RegulationUse
from routekaart.income.services import income_report_submit
from routekaart.income.tests.factories import (
    AnnualReviewFactory,
    DienstFactory,
    HouseholdSituationFactory,
    SocialAssistanceFactory,
    coordinator_at,
)
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
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
def coordinator(demo_login):
    processing_activities_load()
    income_configuration_load()
    dienst = DienstFactory(name="De Dienst Weidebeek")
    return coordinator_at(dienst, username="regiehouder-test", first_name="Sanne", last_name="Bakker", is_demo=True)


@pytest.fixture
def client_due(coordinator):
    """Noor Visser, chronically ill and exempt from the obligation to work, due for her yearly conversation."""
    today = timezone.localdate()
    organisation = coordinator.affiliations.get().organisation
    noor = ResidentFactory(given_names="Noor", family_name="Visser", birth_date=date(1971, 4, 12))
    benefit = SocialAssistanceFactory(
        client=noor,
        organisation=organisation,
        coordinator=coordinator,
        work_obligation="exempt",
        started_on=date(2023, 9, 1),
    )
    # Last year's data, from which this year's conversation starts: income 120.8% of the norm, chronically ill,
    # on a low income for two years. Entitled to the collective health insurance and the CER allowance only.
    HouseholdSituationFactory(
        household=benefit.household,
        year=today.year - 1,
        monthly_income=Decimal("1700.00"),
        assets=Decimal("5000"),
        chronic_illness=True,
        low_income_since=date(today.year - 2, 1, 1),
    )
    AnnualReviewFactory(benefit=benefit, year=today.year, planned_on=today + timedelta(days=3))
    return benefit


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_the_yearly_conversation_with_financieel_fit_leads_to_an_application(page: Page, coordinator, client_due):
    log_in(page, coordinator.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bestaanszekerheid").click()
    expect(page.get_by_role("heading", level=1, name="Bestaanszekerheid: mijn klanten")).to_be_visible()
    due = page.get_by_role("table", name="Jaargesprekken in de komende weken")
    expect(due.get_by_role("rowheader", name="Noor Visser")).to_be_visible()
    assert_accessible(page)

    due.get_by_role("link", name="Noor Visser").click()
    expect(page.get_by_role("heading", level=1, name="Noor Visser: bestaanszekerheid")).to_be_visible()
    expect(page.locator("[data-review-due]")).to_contain_text("Het jaarlijks gesprek is gepland op")
    expect(page.get_by_role("table", name="Hoe de uitkering deze maand is berekend")).to_contain_text(
        "Normbedrag alleenstaande"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Jaargesprek vastleggen").click()
    expect(page.get_by_role("heading", level=1, name="Jaargesprek met Noor Visser")).to_be_visible()
    expect(page.get_by_role("note").filter(has_text="De situatie is vooraf ingevuld")).to_be_visible()
    expect(page.get_by_label("Netto inkomen van het huishouden per maand")).to_have_value("1700.00")
    assert_accessible(page)

    page.get_by_label("Verblijf in het buitenland of op vakantie").check()
    page.get_by_label("Verslag").fill("Gaat in de zomer drie weken naar haar zus in Portugal; weet dat ze dit meldt.")
    page.get_by_role("group", name="Kan de inwoner rondkomen?").get_by_label("Met moeite").check()
    page.get_by_role("group", name="Kan de inwoner elke dag een maaltijd betalen?").get_by_label("Ja").check()
    page.get_by_role("group", name="Zijn er schulden?").get_by_label("Ja, er zijn schulden").check()
    page.get_by_label("Verwijzen naar schuldhulpverlening (met instemming van de inwoner)").check()
    page.get_by_role("button", name="Gesprek vastleggen").click()

    expect(page.get_by_role("status").filter(has_text="Het jaarlijks gesprek is vastgelegd.")).to_be_visible()
    not_used = page.locator("[data-non-take-up] > li")
    expect(not_used).to_have_count(2)
    expect(page.locator('[data-regulation="collective_health_insurance"]')).to_be_visible()
    cer = page.locator('[data-regulation="cer_allowance"]')
    expect(cer).to_contain_text("Iemand in het huishouden is chronisch ziek of gehandicapt")
    assert_accessible(page)

    cer.get_by_role("button", name="Aanvraag starten: Tegemoetkoming chronisch zieken en gehandicapten (CER)").click()
    expect(page.get_by_role("status").filter(has_text="De aanvraag")).to_be_visible()
    expect(
        page.get_by_role("table", name="Regelingen die het huishouden heeft aangevraagd of gebruikt")
    ).to_contain_text("Aangevraagd")
    expect(page.locator("[data-non-take-up] > li")).to_have_count(1)
    assert_accessible(page)

    use = RegulationUse.objects.get(household=client_due.household)
    assert use.regulation.code == "cer_allowance" and use.status == "applied" and use.prefilled["monthly_income"]
    fitness = FinancialFitnessReview.objects.get(household=client_due.household)
    assert fitness.debt_referral and fitness.debts == "yes"


def test_every_other_income_page_is_accessible(page: Page, coordinator, client_due):
    organisation = coordinator.affiliations.get().organisation
    coordinator_at(organisation, first_name="Ahmed", last_name="El Idrissi")
    surplus = SocialAssistanceFactory(organisation=organisation, coordinator=coordinator, surplus_settlement=True)
    month = timezone.localdate().replace(day=1)
    income_report_submit(actor=coordinator, benefit=surplus, month=month, net_earnings=Decimal("750.00"))
    entitlement_check_run()
    newcomer = HouseholdFactory()
    MembershipFactory(household=newcomer, resident=ResidentFactory(given_names="Mo"), valid_from=date(2020, 1, 1))
    InvolvementFactory(
        household=newcomer, organisation=organisation, user=coordinator, kind=InvolvementKind.TEAM_MEMBER, domain="G"
    )
    household = client_due.household_id

    log_in(page, coordinator.username)
    pages = [
        (f"/bestaanszekerheid/huishoudens/{household}/overdragen/", "Regiehouder overdragen"),
        (f"/bestaanszekerheid/huishoudens/{household}/inkomsten/", "Inkomsten doorgeven"),
        (f"/bestaanszekerheid/huishoudens/{household}/werk/", "Simpel switchen"),
        (f"/bestaanszekerheid/huishoudens/{household}/financieel-fit/", "Financieel-fitgesprek"),
        (f"/bestaanszekerheid/huishoudens/{household}/kostendelers/", "Uitzondering kostendelersnorm"),
        (f"/bestaanszekerheid/huishoudens/{newcomer.pk}/uitkering/", "Bijstandsuitkering vastleggen"),
        (
            f"/bestaanszekerheid/huishoudens/{surplus.household_id}/verrekening/{month.year}-{month.month}/",
            "Verrekening",
        ),
        ("/bestaanszekerheid/caseload/", "Caseload per regiehouder"),
        ("/bestaanszekerheid/niet-gebruik/", "Niet-gebruik van regelingen"),
        ("/bestaanszekerheid/normen/", "Normbedragen en regelingen"),
    ]
    for url, heading in pages:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)

    # A refused form is accessible too, and says what to fix in Dutch.
    page.goto(f"/bestaanszekerheid/huishoudens/{household}/overdragen/")
    page.get_by_label("Overdrachtsnotitie").fill("te kort")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.locator("#error-summary")).to_contain_text("Een warme overdracht gebeurt met instemming")
    assert_accessible(page)

    # Simple switching: the end date and what happens when, for the client and the coordinator.
    page.goto(f"/bestaanszekerheid/huishoudens/{household}/werk/")
    start = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Eerste werkdag").fill(start.isoformat())
    page.get_by_label("Datum van het eerste salaris").fill((start + timedelta(days=30)).isoformat())
    page.get_by_label("Netto salaris per maand").fill("1900")
    page.get_by_role("button", name="Overstap vastleggen").click()
    expect(page.locator("[data-end-date]")).to_contain_text("geen dag zonder inkomen")
    expect(
        page.get_by_role("table", name="Wat de inwoner en de regiehouder te horen krijgen, en wanneer")
    ).to_contain_text("Eerste loonstrook controleren")
    assert_accessible(page)


def test_a_policy_officer_sees_counts_not_clients(page: Page, coordinator, client_due):
    entitlement_check_run()
    officer = UserFactory(username="beleid-test", role=Role.POLICY, is_demo=True)
    log_in(page, officer.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Niet-gebruik regelingen").click()
    report = page.get_by_role("table", name="Huishoudens met recht op een regeling die zij niet gebruiken")
    expect(report).to_contain_text("Collectieve zorgverzekering minima")
    expect(page.get_by_text("Noor Visser")).to_have_count(0)
    assert_accessible(page)
