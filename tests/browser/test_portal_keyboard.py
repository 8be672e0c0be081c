"""Mijn Routekaart with the keyboard only (WCAG 2.1.1, 2.4.1, 2.4.7): the journey's core path with Tab, Enter and
Space, on a phone's screen. Every element the path lands on shows where the focus is (an outline or a shadow),
and the skip link takes the resident past the header to the content.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from routekaart.income.models import IncomeReport

from . import portal_world
from .conftest import assert_accessible
from .portal_world import assert_focus_visible, focus, tab_to

# The world's fixtures, shared with the browser journey.
oidc_url, digid, world, phone = portal_world.oidc_url, portal_world.digid, portal_world.world, portal_world.phone

pytestmark = [pytest.mark.django_db(transaction=True)]

OWN_OVERDUE = "Alle brieven van de Belastingdienst meenemen naar de budgetcoach"


def text_is(text: str):
    return lambda state: state["text"] == text


def test_keyboard_only_login_menu_mark_done_and_report_income(phone: Page, world):
    page = phone
    reports = IncomeReport.objects.filter(benefit__client=world.resident).count()

    # The login page: the skip link comes first and shows itself, then "Inloggen met DigiD" with Enter.
    page.goto("/mijn/inloggen/")
    page.keyboard.press("Tab")
    skip = assert_focus_visible(page)
    assert skip["text"] == "Naar de inhoud"
    tab_to(page, text_is("Inloggen met DigiD"))
    page.keyboard.press("Enter")
    # The provider's form puts the focus in its field (autofocus): type the sub, Enter submits it.
    # Wait until autofocus has placed the focus there: keys typed before it would go nowhere.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'sub'")
    page.keyboard.type(world.sub)
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn/")

    # The skip link works: Enter on it, and the next Tab lands in the content, not the header.
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["text"] == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    assert focus(page)["inMain"], focus(page)

    # The menu: Mijn plan with Enter.
    tab_to(page, text_is("Mijn plan"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn plan")

    # Mark her overdue agreement done: the first "Ik heb dit gedaan" is the overdue one's; Space presses it.
    overdue = page.locator("[data-agreement]").filter(has_text=OWN_OVERDUE)
    tab_to(page, lambda s: s["text"] == "Ik heb dit gedaan" and s["tag"] == "BUTTON" and _inside(page, overdue))
    page.keyboard.press("Space")
    expect(page.locator("[data-agreement]").filter(has_text=OWN_OVERDUE)).to_contain_text("Gedaan op")

    # Report income: the menu's Mijn inkomen, its link to the form, the amount typed, Enter on the button.
    page.keyboard.press("Tab")
    tab_to(page, text_is("Mijn inkomen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn/inkomen/")
    tab_to(page, text_is("Inkomsten doorgeven"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/inkomsten-doorgeven/")
    tab_to(page, lambda s: s["id"] == "id_net_earnings")
    page.keyboard.press("Control+A")
    page.keyboard.type("300")
    tab_to(page, lambda s: s["tag"] == "BUTTON" and s["text"] == "Inkomsten doorgeven")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn/inkomen/")
    assert IncomeReport.objects.filter(benefit__client=world.resident).count() >= reports
    assert IncomeReport.objects.filter(benefit__client=world.resident, net_earnings=300).exists()
    assert_accessible(page)


def _inside(page: Page, locator) -> bool:
    """Is the focused element inside `locator`?"""
    return locator.evaluate("(el) => el.contains(document.activeElement)")
