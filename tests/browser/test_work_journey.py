"""The employer adviser's whole job in a real Chromium, each page scanned by axe-core (WCAG 2.2 AA): an acquisition
visit, a carved arrangement, the explained ranking, a proposal, a trial placement and a contract with LKS and a
job coach."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from routekaart.audit.configuration import processing_activities_load
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.testing import PASSWORD
from routekaart.work import labour_facts as labour_module
from routekaart.work.configuration import work_configuration_load
from routekaart.work.labour_facts import LabourFacts
from routekaart.work.models import Placement, PlacementState, WorkStartHandover
from routekaart.work.tests.conftest import consent_to
from routekaart.work.tests.factories import CandidateProfileFactory, EmployerFactory, competences, sector

from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(demo_login, monkeypatch):
    processing_activities_load()
    work_configuration_load()
    dienst = OrganisationFactory(kind=OrganisationKind.SERVICE_ORGANISATION, name="Dienst Werk en Inkomen")
    adviser = UserFactory(username="adviseur-test", first_name="Sanne", last_name="Visser", is_demo=True)
    AffiliationFactory(user=adviser, organisation=dienst, role=Role.EMPLOYER_ADVISER)
    OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Jobcoach Zaanstreek")
    employer = EmployerFactory(organisation__name="Brasserie Het Beekhuis", sector=sector("hospitality"))
    from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

    facts = {}
    profiles = {}
    for name, mask_codes, pc4 in (
        ("Anouk", ("dishwashing", "kitchen_assistant"), "1505"),
        ("Bram", ("cleaning",), "1441"),
    ):
        resident = ResidentFactory(given_names=name, family_name="de Jong", birth_date=date(1994, 4, 1))
        household = HouseholdFactory()
        MembershipFactory(household=household, resident=resident)
        consent_to(resident, dienst, household)
        codes = competences(*mask_codes)
        profile = CandidateProfileFactory(
            resident=resident, pc4=pc4, hours_min=16, hours_max=24, competence_mask=sum(1 << c.bit for c in codes)
        )
        profile.competences.set(codes)
        profiles[name] = profile
    facts[profiles["Anouk"].resident_id] = LabourFacts(wage_value=60, wage_value_on=date(2026, 1, 5), in_register=True)
    monkeypatch.setattr(labour_module, "_source", lambda: lambda ids, on: {i: facts[i] for i in ids if i in facts})
    return {"adviser": adviser, "employer": employer, "profiles": profiles}


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def iso(days: int = 0) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_the_adviser_carves_a_job_ranks_proposes_and_places_with_lks_and_a_job_coach(page: Page, world):
    log_in(page, world["adviser"].username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkgeversdienstverlening").click()
    expect(page.get_by_role("heading", level=1, name="Werkgeversdienstverlening")).to_be_visible()
    assert_accessible(page)

    # An acquisition visit
    page.get_by_role("navigation", name="Werkgeversdienstverlening").get_by_role(
        "link", name="Werkgevers", exact=True
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Brasserie Het Beekhuis").click()
    expect(page.get_by_role("heading", level=1, name="Brasserie Het Beekhuis")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Contact vastleggen").first.click()
    page.get_by_label("Soort contact").select_option(label="Bedrijfsbezoek")
    page.get_by_label("Acquisitie").check()
    page.get_by_label("Datum", exact=True).fill(iso())
    page.get_by_label("Verslag").fill("De koks verliezen tijd aan de afwas; samen taken gebundeld tot een functie.")
    page.get_by_label("Uitkomst").select_option(label="Kans op een arrangement (jobcarving)")
    assert_accessible(page)
    page.get_by_role("button", name="Contact vastleggen").click()
    history = page.get_by_role("table", name="Bezoeken, gesprekken en overleg met deze werkgever, nieuwste eerst")
    expect(history).to_contain_text("Bedrijfsbezoek (acquisitie)")
    assert_accessible(page)

    # A carved arrangement
    page.get_by_role("link", name="Nieuw arrangement (jobcarving)").click()
    expect(page.get_by_label("Werkgever", exact=True)).to_have_value(str(world["employer"].pk))
    page.get_by_label("Functie", exact=True).fill("Medewerker spoelkeuken")
    page.get_by_label("Sector", exact=True).select_option(label="Horeca en catering")
    page.get_by_label("Uren per week, minimaal").fill("16")
    page.get_by_label("Uren per week, maximaal").fill("24")
    page.get_by_label("Postcode werkplek").fill("1505 AA")
    page.get_by_label("Plaats", exact=True).fill("Zaandam")
    page.get_by_label("Afwassen en spoelkeuken").check()
    page.get_by_label("Keukenhulp").check()
    page.get_by_label("Geschikt voor de banenafspraak").check()
    page.get_by_label("Gecarvede taken").fill("Kok: Afwassen en de spoelkeuken schoonhouden\nKok: Groente snijden")
    page.get_by_label("Vereiste loonwaarde (%)").fill("50")
    page.get_by_label("Loonkostensubsidie (LKS)").check()
    page.get_by_label("Jobcoach", exact=True).check()
    page.get_by_label("Begeleiding").fill("Jobcoach wekelijks in de eerste drie maanden.")
    assert_accessible(page)
    page.get_by_role("button", name="Arrangement vastleggen").click()
    expect(page.get_by_role("heading", level=1, name="Medewerker spoelkeuken")).to_be_visible()
    tasks = page.get_by_role("table", name="Welke taken uit welke functies dit arrangement vormen")
    expect(tasks).to_contain_text("Groente snijden")
    assert_accessible(page)

    # The explained ranking
    page.get_by_role("link", name="Kandidaten zoeken en rangschikken").click()
    ranking = page.get_by_role("table", name="Best passende kandidaten, hoogste score eerst")
    rows = ranking.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Anouk de Jong")
    expect(rows.first).to_contain_text("2 van 2 gevraagde competenties.")
    expect(rows.first).to_contain_text("Loonwaarde 60%; het werk vraagt 50%.")
    expect(rows.nth(1)).to_contain_text("Ontbreekt: Afwassen en spoelkeuken, Keukenhulp.")
    assert_accessible(page)

    # The proposal: the adviser's choice
    page.get_by_role("link", name="Anouk de Jong voorstellen").click()
    page.get_by_label("Toelichting voor de werkgever").fill("Ervaring in een grootkeuken.")
    assert_accessible(page)
    page.get_by_role("button", name="Voorstellen aan de werkgever").click()
    expect(page.locator("[data-state]")).to_contain_text("Voorgesteld aan de werkgever")
    assert_accessible(page)

    # Introduction, trial placement, contract with LKS and a job coach
    page.get_by_role("link", name="Kennismaking").click()
    page.get_by_label("Datum kennismaking").fill(iso(2))
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_role("link", name="Proefplaatsing").click()
    page.get_by_label("Proefplaatsing vanaf").fill(iso(7))
    page.get_by_label("Proefplaatsing tot en met").fill(iso(90))
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("#error-summary")).to_contain_text("Een proefplaatsing duurt ten hoogste 2 maanden")
    assert_accessible(page)
    page.get_by_label("Proefplaatsing tot en met").fill(iso(37))
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("[data-state]")).to_contain_text("Proefplaatsing")
    page.get_by_role("link", name="Contract").click()
    expect(page.get_by_label("Loonkostensubsidie (LKS)")).to_be_checked()  # the arrangement's instruments
    expect(page.get_by_label("Jobcoach", exact=True)).to_be_checked()
    page.get_by_label("In dienst vanaf").fill(iso(38))
    page.get_by_label("Uren per week", exact=True).fill("20")
    page.get_by_label("Uurloon (€)").fill("14.40")
    page.get_by_label("Telt voor de banenafspraak").check()
    assert_accessible(page)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("[data-state]")).to_contain_text("In dienst")
    expect(page.locator("[data-instruments]")).to_contain_text("Loonkostensubsidie (LKS), Jobcoach")
    expect(page.get_by_role("table", name="Controles na de start van het contract")).to_contain_text("12 maanden")
    page.get_by_role("link", name="Jobcoaching start").click()
    page.get_by_label("Jobcoach van").select_option(label="Jobcoach Zaanstreek")
    page.get_by_label("Jobcoaching vanaf").fill(iso(38))
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("[data-coaching]")).to_contain_text("Jobcoach Zaanstreek")
    assert_accessible(page)

    placement = Placement.objects.get()
    assert placement.state == PlacementState.COACHING
    assert placement.instruments == ["wage_subsidy", "job_coach"]
    assert (placement.rank_at_proposal, placement.by_override) == (1, False)
    assert WorkStartHandover.objects.get(placement=placement).with_wage_subsidy
