"""The route maps drawn in the browser: every map page passes axe-core, and the steps read as a numbered list."""

import pytest
from playwright.sync_api import Page, expect

from routekaart.audit import services as audit_services
from routekaart.catalog import services as catalog_services
from routekaart.organisations.demo import DEMO_PASSWORD, demo_accounts_ensure, demo_network_ensure
from routekaart.routes import configuration

from .conftest import assert_accessible
from .test_every_role_logs_in_to_its_home import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_login, monkeypatch):
    """Loaded without audit events: the audit tables are append-only, and the transactional test that the live
    server needs could not empty them afterwards."""
    monkeypatch.setattr(audit_services, "action_record", lambda **kwargs: None)
    demo_network_ensure()
    demo_accounts_ensure()
    catalog_services.catalog_load()
    configuration.route_maps_load()


def test_a_school_reads_every_route_map_accessibly(page: Page, demo):
    log_in(page, "school", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Routes").click()
    expect(page.get_by_role("heading", name="Routes", level=1)).to_be_visible()
    assert_accessible(page)
    for name in (
        "Uitstroom-routekaart PRO/VSO",
        "Wandelroutes naar arbeidsparticipatie (Zaanstad)",
        "Wandelroutes naar arbeidsparticipatie (Purmerend/Beemster)",
    ):
        page.get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
        assert_accessible(page)
        page.go_back()


def test_the_sheltered_work_route_reads_as_six_numbered_steps(page: Page, demo):
    log_in(page, "regisseur", DEMO_PASSWORD)
    page.goto("/routes/kaart/de_dienst/#route-sheltered_work")
    steps = (
        page.get_by_role("list", name="Stappen van route Beschut werk")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading"))
    )
    expect(steps).to_have_count(6)
    expect(steps.nth(4).get_by_role("heading")).to_have_text("Stap 5: Wachtlijst / taakstelling")
    expect(steps.nth(4)).to_contain_text("Regie: Dienst")
