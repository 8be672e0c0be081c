"""The bouwtekening in Debian's Chromium: it draws, passes axe-core (WCAG 2.2 AA), fits a laptop screen and
prints to one landscape page. A screenshot is kept for a look by eye: var/screenshots/bouwtekening.png."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from routekaart.catalog import services
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import PASSWORD

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def loaded(transactional_db):
    return services.catalog_load()


@pytest.fixture
def signed_in(page: Page, demo_login, loaded) -> Page:
    user = UserFactory(role=Role.POLICY, is_demo=True)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    return page


def test_the_bouwtekening_draws_in_chromium_accessibly_and_fits_a_laptop_screen(signed_in: Page):
    view = signed_in
    view.set_viewport_size({"width": 1440, "height": 900})
    view.goto(reverse("catalog:blueprint"))
    expect(view.get_by_role("heading", level=1, name="Bouwtekening sociaal domein")).to_be_visible()
    for zone in ("Voorveld", "Toegang", "Beheer", "Maatwerkvoorzieningen"):
        expect(view.get_by_role("heading", level=2, name=zone)).to_be_visible()
    expect(view.locator(".rk-block")).to_have_count(93)
    assert_accessible(view)
    drawing = view.locator(".rk-blueprint").bounding_box()
    assert drawing["x"] >= 0 and drawing["x"] + drawing["width"] <= 1440, "the drawing fits a laptop screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view.screenshot(path=str(SCREENSHOTS / "bouwtekening.png"), full_page=True)


def test_the_bouwtekening_prints_on_one_landscape_page(signed_in: Page):
    view = signed_in
    view.set_viewport_size({"width": 1070, "height": 760})  # A4 landscape minus the margins, at 96 dpi
    view.goto(reverse("catalog:blueprint"))
    view.emulate_media(media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view.screenshot(path=str(SCREENSHOTS / "bouwtekening-print.png"), full_page=True)
    pdf = view.pdf(landscape=True, print_background=True, prefer_css_page_size=True)
    (SCREENSHOTS / "bouwtekening.pdf").write_bytes(pdf)
    assert re.search(rb"/Count (\d+)", pdf).group(1) == b"1"
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1


def test_filters_and_a_cluster_page_work_in_the_browser(signed_in: Page):
    view = signed_in
    view.goto(reverse("catalog:blueprint"))
    view.get_by_label("Domein").select_option("J")
    view.get_by_label("Gemeente").select_option(label="Laren")
    view.get_by_role("button", name="Toon").click()
    expect(view.get_by_text("Uitvoeringsdienst Huizen").first).to_be_visible()
    assert_accessible(view)
    view.get_by_role("link", name="Integrale toegang").click()
    expect(view.get_by_role("heading", level=1, name="Integrale toegang")).to_be_visible()
    assert_accessible(view)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view.screenshot(path=str(SCREENSHOTS / "cluster-integrale-toegang.png"), full_page=True)
    view.goto(reverse("catalog:steering_model"))
    expect(view.get_by_role("table")).to_be_visible()
    assert_accessible(view)
    view.screenshot(path=str(SCREENSHOTS / "sturingsmodel.png"), full_page=True)
