"""Mijn Routekaart's browser journeys: the resident's world, the DigiD login through a real local OIDC provider,
a phone's viewport, and the checks every portal page gets (axe-core, a visible focus).

The world is the demo's portal household (portal/demo.py) built on factories in the test's own database: Kim de
Vries, the `inwoner` demo account, a benefit client the `regisseur` coordinates. Not `setup_demo`: the whole town
is too slow for a browser test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string
from playwright.sync_api import Browser, Page, expect

from routekaart.income.tests.factories import SocialAssistanceFactory
from routekaart.organisations.demo import DEMO_PASSWORD, demo_accounts_ensure, demo_network_ensure
from routekaart.organisations.models import Organisation, User
from routekaart.portal.demo import demo_portal_resident_ensure
from routekaart.portal.tests.oidc import oidc_provider, oidc_user, settings_for
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import HouseholdFactory, InvolvementFactory, ResidentFactory

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 812}
# The provider's own page asks a CDN for its stylesheet; the test machine is offline, so the request is refused
# at once instead of holding the page's load event.
OFFLINE = "https://cdn.jsdelivr.net/**"


@dataclass(frozen=True)
class World:
    resident: object
    household_id: int
    coordinator: User
    sub: str  # whom to choose in the provider's form


@pytest.fixture(scope="session")
def oidc_url():
    """One local OIDC provider (DigiD's stand-in) for the session, in a thread of this process."""
    with oidc_provider() as base_url:
        yield base_url


@pytest.fixture
def digid(oidc_url, settings):
    for name, value in settings_for(oidc_url).items():
        setattr(settings, name, value)
    return oidc_url


@pytest.fixture
def world(demo_login, digid, settings) -> World:
    """Kim's household as the demo makes it: coordinator, plan, decision, benefit, consent, children, route."""
    for dotted in settings.ROUTEKAART_CONFIGURATION_LOADERS:
        import_string(dotted)()
    demo_network_ensure()
    demo_accounts_ensure()
    today = timezone.localdate()
    regisseur = User.objects.get(username="regisseur")
    kim = ResidentFactory(
        given_names="Kim",
        name_prefix="de",
        family_name="Vries",
        birth_date=date(today.year - 42, 5, 14),
        gender="female",
        user=User.objects.get(username="inwoner"),
    )
    household = HouseholdFactory()
    started = (today - timedelta(days=400)).replace(day=1)
    InvolvementFactory(
        household=household,
        organisation=Organisation.objects.get(code="wijkteam-noord"),
        user=regisseur,
        kind=InvolvementKind.COORDINATOR,
        domain="P",
        valid_from=started,
    )
    SocialAssistanceFactory(
        household=household,
        client=kim,
        organisation=Organisation.objects.get(code="dienst-weidebeek"),
        coordinator=regisseur,
        started_on=started,
    )
    demo_portal_resident_ensure()
    return World(resident=kim, household_id=household.pk, coordinator=regisseur, sub=oidc_user(digid, bsn=kim.bsn))


@pytest.fixture
def phone(browser: Browser, live_server) -> Page:
    """A page in a phone's viewport (mobile first), Dutch, offline for the provider's CDN."""
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, locale="nl-NL", viewport=PHONE, has_touch=True
    )
    context.route(OFFLINE, lambda route: route.abort())
    page = context.new_page()
    yield page
    page.wait_for_load_state("networkidle", timeout=10_000)
    context.close()


def digid_login(page: Page, sub: str) -> None:
    """The login page (scanned), "Inloggen met DigiD", the provider's form: the sub typed, Authorize pressed."""
    page.goto("/mijn/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Mijn Routekaart")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url("**/mijn/")


def staff_login(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, id: el.id, inMain: !!el.closest('main'),
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow,
          visible: r.width > 0 && r.height > 0};
}"""


def focus(page: Page) -> dict | None:
    return page.evaluate(FOCUS_STYLE)


def assert_focus_visible(page: Page) -> dict:
    """The focused element is on screen and drawn with a focus indicator (an outline or a box shadow)."""
    state = focus(page)
    assert state is not None, f"nothing has focus on {page.url}"
    assert state["visible"], f"the focused {state['tag']} is not on screen ({page.url})"
    drawn = (state["outline"] != "none" and state["width"] > 0) or state["shadow"] not in ("", "none")
    assert drawn, f"no visible focus on {state['tag']} '{state['text']}' ({page.url}): {state}"
    return state


def tab_to(page: Page, matches, *, limit: int = 80) -> dict:
    """Press Tab until the focused element `matches` (a function of focus()'s dict); its focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus(page)
        if state is not None and matches(state):
            return assert_focus_visible(page)
    raise AssertionError(f"Tab never reached the element on {page.url}")
