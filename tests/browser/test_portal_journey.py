"""Mijn Routekaart's "Done when" in a real Chromium on a phone's screen, every portal page scanned by axe-core.

Kim logs in with DigiD through a local OIDC provider, sees her coordinator and plan, marks her agreement done,
reports her income, applies for a regulation the check found, withdraws a consent, reads who processed her data
and downloads the export; then her coordinator logs in and finds each of those on the household page.
"""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.income import selectors as income_selectors

from . import portal_world
from .conftest import assert_accessible
from .portal_world import digid_login, staff_login

# The world's fixtures, shared with the keyboard journey.
oidc_url, digid, world, phone = portal_world.oidc_url, portal_world.digid, portal_world.world, portal_world.phone

pytestmark = [pytest.mark.django_db(transaction=True)]

OWN_OVERDUE = "Alle brieven van de Belastingdienst meenemen naar de budgetcoach"
GOAL = "Rekeningen op tijd betaald, geen nieuwe schulden"
COORDINATOR = "Fatima el Amrani"
CONSENT_ORGANISATION = "Wijkteam Zuid"


def visit(page: Page, url: str) -> None:
    """Open a portal page: it answers 200 and passes axe-core."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert_accessible(page)


def test_resident_journey_from_digid_to_the_export_and_the_coordinator_sees_it(phone: Page, world):
    page = phone
    regulation = income_selectors.regulations_not_used(household_id=world.household_id, on=timezone.localdate())
    assert regulation, "the world has a regulation Kim may be missing"

    # Log in with DigiD (Midden) through the local provider; the page's header names her.
    digid_login(page, world.sub)
    expect(page.locator(".rk-whoami")).to_contain_text("Kim de Vries")

    # The overview: her coordinator and her plan.
    visit(page, reverse("portal:home"))
    main = page.locator("main")
    expect(main).to_contain_text(COORDINATOR)
    expect(main).to_contain_text("In uw plan staan 2 doelen")
    expect(main).to_contain_text(OWN_OVERDUE)

    # Her plan: she marks her own overdue agreement done.
    visit(page, reverse("portal:plan"))
    expect(page.locator("main")).to_contain_text(GOAL)
    agreement = page.locator("[data-agreement]").filter(has_text=OWN_OVERDUE)
    agreement.get_by_role("button", name="Ik heb dit gedaan").click()
    expect(page.locator("[data-agreement]").filter(has_text=OWN_OVERDUE)).to_contain_text("Gedaan op")
    assert_accessible(page)

    # Her income: she reports last month's earnings.
    visit(page, reverse("portal:income"))
    visit(page, reverse("portal:income_report"))
    page.get_by_label(re.compile("netto", re.I)).first.fill("275")
    page.get_by_role("button", name="Inkomsten doorgeven").click()
    page.wait_for_url("**/mijn/inkomen/")
    assert_accessible(page)

    # Regulations she may be missing: she applies for the first one found, with last year's figures.
    code = regulation[0]
    visit(page, reverse("portal:regulations"))
    card = page.locator(f"[data-missing] [data-regulation='{code}']")
    card.get_by_role("link", name=re.compile("aanvragen$")).click()
    assert_accessible(page)
    still_right = page.get_by_role("radio", name="Ja")
    if still_right.count():
        still_right.first.check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    assert_accessible(page)
    page.goto(reverse("portal:regulations"))
    expect(page.locator(f"[data-applications] [data-application='{code}']")).to_have_attribute("data-status", "applied")

    # Her consents: she withdraws the one to Wijkteam Zuid; it takes effect at once.
    visit(page, reverse("portal:consents"))
    page.get_by_role("button", name=f"Toestemming aan {CONSENT_ORGANISATION} intrekken").click()
    expect(page.locator("main")).to_contain_text(re.compile("ingetrokken", re.I))
    assert_accessible(page)

    # Who processed her data: her coordinator's read is there, with the organisation's name.
    visit(page, reverse("portal:processing_log"))
    expect(page.locator("main")).to_contain_text("Wijkteam Noord")

    # The export (AVG inzage): the JSON file downloads and is about her.
    visit(page, reverse("portal:export"))
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("JSON", re.I)).first.click()
    with open(download.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert "Kim" in json.dumps(data, ensure_ascii=False)

    # The other pages a resident visits: decisions and letters, route, authorisations; each accessible.
    visit(page, reverse("portal:decisions"))
    visit(page, reverse("portal:route"))
    expect(page.locator("[data-trajectory] [data-step]")).to_contain_text(re.compile(r"Stap \d+ van \d+"))
    visit(page, reverse("portal:authorisations"))

    # The coordinator sees each of her actions on the household page (its timeline).
    page.get_by_role("button", name="Uitloggen").click()
    staff_login(page, world.coordinator.username)
    page.goto(reverse("residents:household_detail", args=[world.household_id]))
    assert_accessible(page)
    page.goto(reverse("residents:timeline", args=[world.household_id]))
    timeline = page.locator("main")
    for sentence in (
        "afgevinkt door de inwoner",
        "doorgegeven door de inwoner (Mijn Routekaart)",
        "Aanvraag voor",
        f"aan {CONSENT_ORGANISATION} ingetrokken",
    ):
        expect(timeline).to_contain_text(sentence)


def test_login_unknown_and_refused_pages_are_accessible(phone: Page, world):
    for url, heading in (
        (reverse("portal:login"), "Inloggen bij Mijn Routekaart"),
        (reverse("portal:unknown"), None),
        (f"{reverse('portal:refused')}?reden=niveau", None),
    ):
        response = phone.goto(url)
        assert response.status == 200, url
        if heading:
            expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(phone)
