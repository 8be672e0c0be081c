"""One journey per role, in Chromium with axe-core: from the login page through the role's home to a real task,
clicking only (the login page is the one address typed). Every page visited has no WCAG 2.2 AA violation.

The data comes from factories here, not from the demo set: each journey builds what its role needs to see."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import Page, expect

from routekaart.audit import services as audit_services
from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import Result
from routekaart.organisations.demo import demo_network_ensure
from routekaart.organisations.models import Organisation
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.residents.models import District, InvolvementKind
from routekaart.residents.tests.factories import (
    AddressFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.testing import PASSWORD

from . import portal_world
from .conftest import assert_accessible
from .test_every_role_logs_in_to_its_home import log_in

# Mijn Routekaart's DigiD login through a local OIDC provider (the resident's journey).
oidc_url, digid = portal_world.oidc_url, portal_world.digid

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(demo_login):
    processing_activities_load()
    demo_network_ensure()
    return {o.code: o for o in Organisation.objects.all()}


def user_at(network, code: str, role: str, username: str):
    user = UserFactory(username=username, first_name="Eva", last_name="de Wit", is_demo=True)
    AffiliationFactory(user=user, organisation=network[code], role=role)
    return user


def household_of(*residents, since: date = date(2018, 1, 1)):
    household = HouseholdFactory()
    for resident in residents:
        MembershipFactory(household=household, resident=resident, valid_from=since)
    return household


def home(page: Page, username: str, role: str) -> None:
    """Log in, land on the role's home and wait for its figures."""
    log_in(page, username, PASSWORD)
    expect(page.locator(f'h1[data-home="{role}"]')).to_be_visible()
    expect(page.locator("[data-home-section]").first).to_be_visible()
    assert_accessible(page)


def follow(page: Page, name: str, heading: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_accessible(page)


def test_coordinator_opens_a_household_from_a_count_on_the_home(page: Page, network):
    coordinator = user_at(network, "wijkteam-noord", Role.COORDINATOR, "regisseur-noord")
    household = household_of(ResidentFactory(given_names="Noor", family_name="Hendriks"))
    InvolvementFactory(
        household=household,
        organisation=network["wijkteam-noord"],
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        valid_from=date(2020, 1, 1),
    )
    home(page, "regisseur-noord", Role.COORDINATOR)
    expect(page.locator("[data-home-section=households] [data-figure]")).to_have_text("1")
    follow(page, "Huishoudens waarbij u betrokken bent", "Mijn huishoudens")
    page.get_by_role("link", name=f"Huishouden {household.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huishouden")
    assert_accessible(page)


def test_job_coach_opens_the_participation_caseload_from_the_home(page: Page, network):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()
    coach = user_at(network, "dienst-weidebeek", Role.JOB_COACH, "jobcoach-dienst")
    household = household_of(ResidentFactory(birth_date=date(1990, 5, 1)))
    InvolvementFactory(
        household=household,
        organisation=network["dienst-weidebeek"],
        user=coach,
        kind=InvolvementKind.JOB_COACHING,
        valid_from=date(2020, 1, 1),
    )
    home(page, "jobcoach-dienst", Role.JOB_COACH)
    expect(page.get_by_role("heading", name="De Dienst", level=2)).to_be_visible()  # it works at the Dienst
    follow(page, "Inwoners in uw participatiecaseload", "Participatie: overzicht van het team")


def test_school_opens_a_pupils_trajectory_from_the_home(page: Page, network):
    from routekaart.catalog import services as catalog_services
    from routekaart.routes import configuration
    from routekaart.routes.models import Route
    from routekaart.routes.services import trajectory_start

    catalog_services.catalog_load()
    configuration.route_maps_load()
    teacher = user_at(network, "vso-de-horizon", Role.SCHOOL, "mentor-horizon")
    district = District.objects.create(municipality=network["gemeente-weidebeek"], code="WK999901", name="Centrum")
    pupil = ResidentFactory(
        given_names="Sem",
        family_name="Bakker",
        birth_date=date.today() - relativedelta(years=17, months=2),
        address=AddressFactory(district=district),
    )
    membership = MembershipFactory(resident=pupil, valid_from=pupil.birth_date)
    InvolvementFactory(
        household=membership.household,
        organisation=network["vso-de-horizon"],
        kind=InvolvementKind.SCHOOL_PUPIL,
        valid_from=date(2021, 8, 1),
    )
    trajectory_start(
        actor=teacher,
        resident=pupil,
        route=Route.objects.get(route_map__code="de_dienst", route_map__is_current=True, code="sheltered_work"),
        organisations={
            "school": network["vso-de-horizon"],
            "dienst": network["dienst-weidebeek"],
            "area_team": network["wijkteam-noord"],
        },
        school_kind="vso",
        exit_profile="sheltered_work",
    )
    home(page, "mentor-horizon", Role.SCHOOL)
    page.locator("[data-home-section=pupils] a").first.click()
    expect(page.get_by_role("heading", name="Mijn schoolverlaters", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sem Bakker").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sem Bakker")
    assert_accessible(page)


def test_employer_adviser_opens_the_open_vacancies_from_the_home(page: Page, network):
    user_at(network, "dienst-weidebeek", Role.EMPLOYER_ADVISER, "adviseur-dienst")
    home(page, "adviseur-dienst", Role.EMPLOYER_ADVISER)
    follow(page, "Open vacatures", "Vacatures en arrangementen")


def test_provider_opens_the_trajectories_of_its_residents_from_the_home(page: Page, network):
    user_at(network, "de-linde", Role.PROVIDER, "aanbieder-linde")
    home(page, "aanbieder-linde", Role.PROVIDER)
    expect(page.get_by_role("heading", name="Opdrachten aan uw organisatie", level=2)).to_be_visible()
    follow(page, "Trajecten van uw inwoners", "Trajecten")


def test_policy_opens_the_caseload_from_a_headline_figure(page: Page, network):
    user_at(network, "gemeente-weidebeek", Role.POLICY, "beleid-weidebeek")
    home(page, "beleid-weidebeek", Role.POLICY)
    follow(page, "Lopende uitkeringen", "Caseload per regiehouder")


def test_functional_admin_opens_the_norms_it_owns_from_the_home(page: Page, network):
    user_at(network, "dienst-weidebeek", Role.FUNCTIONAL_ADMIN, "beheer-dienst")
    home(page, "beheer-dienst", Role.FUNCTIONAL_ADMIN)
    expect(page.get_by_role("link", name="Configuratie (beheerscherm)")).to_be_visible()
    page.locator("[data-home-section=screens]").get_by_role("link", name="Normen en regelingen").click()
    expect(page.get_by_role("heading", name="Normbedragen en regelingen", level=1)).to_be_visible()
    assert_accessible(page)


def test_privacy_officer_opens_a_break_glass_review_from_the_home(page: Page, network):
    audit_services.processing_record(
        actor=None, activity="break-the-glass", data_subjects=["x"], result=Result.BREAK_GLASS, reason="Acuut gevaar"
    )
    user_at(network, "gemeente-weidebeek", Role.PRIVACY_OFFICER, "privacy-weidebeek")
    home(page, "privacy-weidebeek", Role.PRIVACY_OFFICER)
    expect(page.locator("[data-home-section=privacy] [data-figure]").first).to_have_text("1")
    follow(page, "Noodtoegang ('break the glass') nog niet beoordeeld", "Noodtoegang ('break the glass')")
    expect(page.get_by_text("Acuut gevaar")).to_be_visible()


def test_resident_sees_its_coordinator_on_the_home(page: Page, network, digid):
    resident_user = user_at(network, "gemeente-weidebeek", Role.RESIDENT, "inwoner-kim")
    kim = ResidentFactory(given_names="Kim", family_name="de Vries", user=resident_user)
    household = household_of(kim)
    coordinator = user_at(network, "wijkteam-noord", Role.COORDINATOR, "regisseur-kim")
    InvolvementFactory(
        household=household,
        organisation=network["wijkteam-noord"],
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        valid_from=date.today() - timedelta(days=30),
    )
    # A resident's own account opens on Mijn Routekaart, whose login is DigiD (issue 19): the staff login leads there.
    log_in(page, "inwoner-kim", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Mijn Routekaart")
    assert_accessible(page)
    page.context.route(portal_world.OFFLINE, lambda route: route.abort())
    portal_world.digid_login(page, portal_world.oidc_user(digid, bsn=kim.bsn))
    expect(page.locator("[data-coordinator]")).to_contain_text("Eva de Wit")
    expect(page.locator("[data-coordinator]")).to_contain_text("Wijkteam Noord")
    assert_accessible(page)
