"""Issue 20's journey in a real Chromium, every page scanned by axe-core (WCAG 2.2 AA): a coordinator's decision
for begeleiding chooses the contracted provider (shown with its waiting time), which makes the assignment and sends
its 301; the provider finds it on its desk, starts the care (305), reports progress per goal and stops it (307);
the coordinator sees each step on the household page, in the assignments block and on the timeline."""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from routekaart.access import services as access_services
from routekaart.access.tests import journey
from routekaart.providers.models import Assignment, AssignmentStatus
from routekaart.testing import PASSWORD

from .conftest import assert_accessible
from .provider_world import PRODUCT, PROVIDER, PROVIDER_OPTION, provider_world_make

pytestmark = [pytest.mark.django_db(transaction=True)]

PROGRESS = ("Op weg", "Bereikt")  # a rating per plan goal, in the order of the goals
STOP_REASON = "19 Levering volgens plan beëindigd"


@pytest.fixture
def world(demo_login, settings, tmp_path):
    settings.PROVIDERS_EXCHANGE_DIR = str(tmp_path / "exchange")  # the 301, 305 and 307 go on this wire
    return provider_world_make()


@pytest.fixture
def provider_page(browser: Browser, live_server) -> Page:
    """A second browser: the provider works at its own desk while the coordinator's page stays open."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nl-NL")
    page = context.new_page()
    yield page
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_load_state("networkidle", timeout=10_000)
    context.close()


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    # The home's figures load lazily; let them finish before the next page (one database connection is shared).
    page.wait_for_load_state("networkidle")


def long_date(day) -> str:
    return date_format(day, "j F Y")


def household_page(page: Page, household_id: int):
    """The household page (scanned) and its assignments block."""
    page.goto(f"/huishoudens/{household_id}/")
    block = page.locator('[data-block="assignments"]')
    expect(block).to_be_visible()
    assert_accessible(page)
    return block


def timeline(page: Page):
    return page.locator('[data-block="timeline"] [data-timeline]')


def test_a_decision_assigns_the_provider_who_starts_reports_and_stops_and_the_coordinator_sees_it_all(
    page: Page, provider_page: Page, world
):
    today = timezone.localdate()
    household_id = world.household.pk

    # 1. The coordinator's decision for begeleiding chooses the contracted provider, shown with its waiting time.
    log_in(page, world.coordinator.username)
    page.goto(f"/toegang/huishoudens/{household_id}/")
    assert_accessible(page)
    page.locator("[data-tasks]").get_by_role("link", name="Beschikking", exact=True).click()
    page.get_by_label("Aan", exact=True).select_option(label="Noor Hendriks")
    first = page.locator('[data-provision="1"]')
    first.get_by_label("Maatwerkvoorziening").select_option(
        label="Begeleiding (incl. persoonlijke verzorging en vervoer dagactiviteit)"
    )
    first.get_by_label("Besluit", exact=True).select_option(label="Toegekend")
    first.get_by_label("Wet").select_option(label="Wmo 2015")
    first.get_by_label("Ingangsdatum").fill(today.isoformat())
    first.get_by_label("Einddatum").fill(today.replace(year=today.year + 1).isoformat())
    first.get_by_label("Omvang").fill("4")
    first.get_by_label("Eenheid").select_option(label="uur per week")
    provider_field = first.get_by_label("Aanbieder")
    expect(provider_field.locator("option", has_text=PROVIDER)).to_have_text(PROVIDER_OPTION)
    provider_field.select_option(label=PROVIDER_OPTION)
    first.get_by_label("Motivering").fill("Noor heeft hulp nodig om de dag te structureren; haar zus helpt al.")
    assert_accessible(page)
    page.get_by_role("button", name="Beschikking vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="is vastgelegd")).to_be_visible()
    assert_accessible(page)

    assignment = Assignment.objects.get()
    number = assignment.number
    assert assignment.provider_id == world.provider.pk
    assert assignment.status == AssignmentStatus.SENT

    # ... the household page shows the assignment as sent, with its 301, and the timeline says so.
    block = household_page(page, household_id)
    card = block.locator(f'[data-assignment="{number}"]')
    expect(card).to_contain_text(f"{PRODUCT} door {PROVIDER}")
    expect(card.locator("[data-assignment-status]")).to_contain_text(re.compile("verstuurd", re.IGNORECASE))
    card.get_by_text("1 bericht uitgewisseld").click()
    expect(card.locator("[data-assignment-messages]")).to_contain_text("301")
    expect(timeline(page)).to_contain_text(f"Toewijzing {number} verstuurd aan de aanbieder")

    # 2. The provider finds it on its desk: of the resident name, birth date and address; never the BSN.
    provider = provider_page
    log_in(provider, world.provider_user.username)
    provider.goto("/aanbieder/")
    row = provider.locator(f'[data-assignment="{number}"]')
    expect(row).to_contain_text("Noor Hendriks")
    assert_accessible(provider)
    row.get_by_role("link", name=number).click()
    expect(provider.get_by_role("heading", level=1, name=f"Toewijzing {number}")).to_be_visible()
    resident = provider.locator("[data-resident]")
    expect(resident).to_contain_text("Noor Hendriks")
    expect(resident).to_contain_text("1 maart 1985")
    expect(resident).to_contain_text("Lindelaan 12")
    for goal in world.goals:
        expect(provider.get_by_role("main")).to_contain_text(goal)
    assert world.mother.bsn not in provider.content()
    assert_accessible(provider)

    # ... starts the care (305) ...
    provider.get_by_role("link", name="Zorg gestart").click()
    assert_accessible(provider)
    provider.get_by_label("Datum waarop de zorg is gestart").fill(today.isoformat())
    provider.get_by_role("button", name="Start van de zorg melden").click()
    expect(provider.get_by_role("status").filter(has_text="De start van de zorg is gemeld.")).to_be_visible()
    expect(provider.locator("[data-status]")).to_have_attribute("data-status", "started")
    assert_accessible(provider)

    block = household_page(page, household_id)
    expect(block.locator(f'[data-assignment="{number}"] [data-assignment-status]')).to_contain_text(
        f"gestart op {long_date(today)}"
    )
    expect(timeline(page)).to_contain_text(f"Zorg van toewijzing {number} gestart op")

    # ... reports progress per goal ...
    provider.get_by_role("link", name="Voortgang melden").click()
    provider.get_by_label("Datum van het verslag").fill(today.isoformat())
    for goal, rating in zip(world.goals, PROGRESS, strict=True):
        group = provider.get_by_role("group").filter(has_text=goal)
        group.get_by_label(rating, exact=True).check()
    provider.get_by_label("Toelichting bij dit doel").first.fill("Samen elke maandag de dag plannen.")
    provider.get_by_label("Verslag", exact=True).fill("Noor plant haar dagen weer zelf; het huishouden loopt.")
    assert_accessible(provider)
    provider.get_by_role("button", name="Verslag vastleggen").click()
    expect(provider.get_by_role("status").filter(has_text="Uw voortgangsverslag is vastgelegd.")).to_be_visible()
    expect(provider.locator("[data-report]")).to_contain_text(f"{world.goals[0]}: Op weg")
    assert_accessible(provider)

    block = household_page(page, household_id)
    report = block.locator(f'[data-assignment="{number}"] [data-assignment-report]')
    expect(report).to_contain_text("Noor plant haar dagen weer zelf")
    expect(timeline(page)).to_contain_text(f"Voortgang van toewijzing {number} gemeld door de aanbieder")

    # ... and stops it, with the standard's reason (307).
    provider.get_by_role("link", name="Zorg gestopt").click()
    assert_accessible(provider)
    provider.get_by_label("Datum waarop de zorg is gestopt").fill(today.isoformat())
    provider.get_by_label("Reden van beëindiging").select_option(label=STOP_REASON)
    provider.get_by_role("button", name="Einde van de zorg melden").click()
    expect(provider.get_by_role("status").filter(has_text="Het einde van de zorg is gemeld.")).to_be_visible()
    expect(provider.locator("[data-status]")).to_have_attribute("data-status", "stopped")
    assert_accessible(provider)

    # 3. The coordinator sees the stop and its reason; the timeline tells every step.
    block = household_page(page, household_id)
    status = block.locator(f'[data-assignment="{number}"] [data-assignment-status]')
    expect(status).to_contain_text(f"gestopt op {long_date(today)}")
    expect(status).to_contain_text("Levering volgens plan beëindigd")
    card = block.locator(f'[data-assignment="{number}"]')
    card.locator("summary").click()
    messages = card.locator("[data-assignment-messages]")
    for kind in ("301", "305", "307"):
        expect(messages).to_contain_text(kind)
    entries = timeline(page)
    expect(entries).to_contain_text(f"Toewijzing {number} verstuurd aan de aanbieder")
    expect(entries).to_contain_text(f"Zorg van toewijzing {number} gestart op")
    expect(entries).to_contain_text(f"Voortgang van toewijzing {number} gemeld door de aanbieder")
    expect(entries).to_contain_text(f"Zorg van toewijzing {number} gestopt op")

    assignment.refresh_from_db()
    assert (assignment.status, assignment.started_on, assignment.stopped_on) == (
        AssignmentStatus.STOPPED,
        today,
        today,
    )


FOCUSED_ID = "() => document.activeElement && document.activeElement.id"
FOCUSED_TEXT = "() => document.activeElement && document.activeElement.textContent.trim()"


def tab_until(page: Page, script: str, wanted: str, *, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script) == wanted:
            return
    raise AssertionError(f"Tab never reached {wanted!r} on {page.url}")


def same_day_and_month(on: date) -> date:
    """The latest day on or before `on` whose day and month are the same number (11 November): typed the same
    whichever order the browser's date field asks for (dd-mm-jjjj or mm/dd/yyyy), which follows its own locale."""
    year = on.year
    while True:
        for month in range(12, 0, -1):
            day = date(year, month, month)
            if day <= on:
                return day
        year -= 1


def test_the_provider_reports_the_start_of_care_with_the_keyboard_only(page: Page, world):
    started_on = same_day_and_month(timezone.localdate())
    decision = access_services.decision_record(
        actor=world.coordinator,
        case=world.case,
        addressee=world.mother,
        provisions=[
            journey.guidance(provider=world.provider, starts_on=started_on, ends_on=started_on + timedelta(days=365))
        ],
    ).decision
    assignment = Assignment.objects.get(provision_id=decision.provisions.get().pk)
    log_in(page, world.provider_user.username)

    page.goto(f"/aanbieder/toewijzingen/{assignment.pk}/gestart/")
    tab_until(page, FOCUSED_ID, "id_started_on")
    page.wait_for_function("() => document.activeElement.id === 'id_started_on'")
    page.keyboard.type(started_on.strftime("%d%m%Y"))
    expect(page.get_by_label("Datum waarop de zorg is gestart")).to_have_value(started_on.isoformat())
    tab_until(page, FOCUSED_TEXT, "Start van de zorg melden")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").filter(has_text="De start van de zorg is gemeld.")).to_be_visible()
    assignment.refresh_from_db()
    assert (assignment.status, assignment.started_on) == (AssignmentStatus.STARTED, started_on)
