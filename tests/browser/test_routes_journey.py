"""The journey of the issue, in Chromium with axe-core: a school registers a VSO leaver and proposes route Beschut
werk; the Dienst takes regie over, records the UWV advice and its decision; the pupil waits on the list; a place
comes free and the trajectory reaches step 6."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from playwright.sync_api import Page, expect

from routekaart.audit.configuration import processing_activities_load
from routekaart.catalog import services as catalog_services
from routekaart.organisations.demo import demo_network_ensure
from routekaart.organisations.models import Organisation
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.residents.models import District, InvolvementKind
from routekaart.residents.tests.factories import AddressFactory, InvolvementFactory, MembershipFactory, ResidentFactory
from routekaart.routes import configuration
from routekaart.routes.models import ShelteredWorkQuota, StepProgress, Trajectory
from routekaart.testing import PASSWORD

from .conftest import assert_accessible
from .test_every_role_logs_in_to_its_home import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(demo_login):
    processing_activities_load()
    demo_network_ensure()
    catalog_services.catalog_load()
    configuration.route_maps_load()
    today = date.today()
    ShelteredWorkQuota.objects.update_or_create(
        municipality_code="gemeente-weidebeek", year=today.year, defaults={"places": 4}
    )
    school = Organisation.objects.get(code="vso-de-horizon")
    dienst = Organisation.objects.get(code="dienst-weidebeek")
    municipality = Organisation.objects.get(code="gemeente-weidebeek")
    district = District.objects.create(municipality=municipality, code="WK999901", name="Centrum")
    pupil = ResidentFactory(
        given_names="Sem",
        family_name="Bakker",
        birth_date=today - relativedelta(years=17, months=2),
        address=AddressFactory(district=district),
    )
    membership = MembershipFactory(resident=pupil, valid_from=pupil.birth_date)
    InvolvementFactory(
        household=membership.household,
        organisation=school,
        kind=InvolvementKind.SCHOOL_PUPIL,
        valid_from=date(2021, 8, 1),
    )
    teacher = UserFactory(username="mentor-horizon", first_name="Mila", last_name="Vos", is_demo=True)
    AffiliationFactory(user=teacher, organisation=school, role=Role.SCHOOL)
    consultant = UserFactory(username="consulent-dienst", first_name="Omar", last_name="Haddou", is_demo=True)
    AffiliationFactory(user=consultant, organisation=dienst, role=Role.COORDINATOR)
    return pupil


def press(page: Page, name: str, *, last: bool = False) -> None:
    """Press a form's button and wait for the page that answers it."""
    buttons = page.get_by_role("button", name=name, exact=True)
    with page.expect_navigation():
        (buttons.last if last else buttons.first).click()


def record(page: Page, condition: str, outcome: str) -> None:
    page.get_by_label("Voorwaarde").select_option(condition)
    page.get_by_label("Uitkomst", exact=True).select_option(outcome)
    press(page, "Vastleggen")


def test_a_vso_leaver_walks_route_sheltered_work_to_step_six(page: Page, world):
    pupil = world
    # The school registers its leaver and proposes route Beschut werk.
    log_in(page, "mentor-horizon", PASSWORD)
    page.goto("/routes/school/")
    expect(page.get_by_role("heading", name="Mijn schoolverlaters", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Schoolverlater aanmelden").click()
    assert_accessible(page)
    page.get_by_label("Leerling / inwoner").select_option(label=f"Sem Bakker ({pupil.birth_date:%d-%m-%Y})")
    page.get_by_label("Route", exact=True).select_option(label="Beschut werk")
    page.get_by_label("Schoolsoort").select_option("vso")
    page.get_by_label("Uitstroomprofiel").select_option("sheltered_work")
    page.get_by_label("Stages").fill("Beschutte stage bij de kringloopwinkel, voorjaar")
    page.get_by_label("School (PRO/VSO)").select_option(label="VSO De Horizon")
    page.get_by_label("Dienst (werk & inkomen)").select_option(label="Dienst Werk en Inkomen Weidebeek")
    page.get_by_label("Gebiedsteam").select_option(label="Wijkteam Noord")
    press(page, "Aanmelden")
    expect(page.get_by_role("heading", name="Sem Bakker: route Beschut werk")).to_be_visible()
    expect(page.locator("#stap-1")).to_have_attribute("data-state", "current")
    expect(page.locator("[data-handover=proposed]")).to_contain_text("Dienst (Dienst Werk en Inkomen Weidebeek)")
    assert_accessible(page)

    # The school does its steps: the internship, the exit meeting with the Dienst, the UWV application.
    press(page, "Rond stap 1 af")
    record(page, "exit_meeting", "recorded")
    press(page, "Rond stap 2 af")
    record(page, "uwv_work_capacity_assessment", "recorded")
    press(page, "Rond stap 3 af")
    expect(page.locator("#stap-4")).to_have_attribute("data-state", "current")
    page.get_by_role("button", name="Uitloggen").click()

    # The Dienst sees the youth on its dashboard, takes regie over and records the UWV advice and its decision.
    log_in(page, "consulent-dienst", PASSWORD)
    page.goto("/routes/dienst/")
    expect(page.get_by_role("heading", name="Jongeren vanaf 16,5", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sem Bakker").first.click()
    press(page, "Regie overnemen")
    expect(page.locator("[data-regie]")).to_contain_text("Dienst (Dienst Werk en Inkomen Weidebeek)")
    record(page, "dienst_decision", "positive")
    expect(page.get_by_role("alert")).to_contain_text("volgt op advies van uwv over het arbeidsvermogen")
    expect(page.get_by_role("alert")).to_contain_text("Er is niets gewijzigd.")
    assert_accessible(page)
    record(page, "uwv_advice", "positive")
    record(page, "dienst_decision", "positive")
    press(page, "Rond stap 4 af")

    # The pupil waits on the list; meanwhile day activities through the gebiedsteam (social assistance only from 18).
    expect(page.locator("#stap-5")).to_have_attribute("data-state", "current")
    expect(page.get_by_role("heading", name="Wachtlijst beschut werk")).to_be_visible()
    expect(page.locator("[data-queue]")).to_have_text("1")
    page.get_by_label("Bijstand van de Dienst (vanaf 18 jaar)").check()
    press(page, "Vastleggen", last=True)
    expect(page.get_by_role("alert")).to_contain_text("vanaf 18 jaar")
    page.get_by_label("Bijstand van de Dienst (vanaf 18 jaar)").uncheck()
    page.get_by_label("Dagbesteding via het gebiedsteam").check()
    press(page, "Vastleggen", last=True)
    assert_accessible(page)
    page.goto("/routes/dienst/")
    expect(page.get_by_role("table", name="Wachtenden, in volgorde van de indicatiedatum")).to_contain_text(
        "Sem Bakker"
    )
    expect(page.get_by_role("table", name="Taakstelling dit jaar per gemeente")).to_contain_text("Gemeente Weidebeek")
    assert_accessible(page)

    # A place comes free: the trajectory reaches step 6.
    page.get_by_role("link", name="Sem Bakker").first.click()
    press(page, "Plek aanbieden")
    expect(page.locator("#stap-5")).to_have_attribute("data-state", "done")
    expect(page.locator("#stap-6")).to_have_attribute("data-state", "current")
    expect(page.locator("#stap-6")).to_have_attribute("aria-current", "step")
    assert_accessible(page)

    trajectory = Trajectory.objects.get(resident=pupil)
    assert trajectory.current_step.number == 6
    assert list(
        StepProgress.objects.filter(trajectory=trajectory).order_by("step__number").values_list("state", flat=True)
    ) == [
        "done",
        "done",
        "done",
        "done",
        "done",
        "current",
    ]
