"""Issue 21's journey in a real Chromium, every page scanned by axe-core (WCAG 2.2 AA): Kim objects in Mijn
Routekaart against her decision (two day parts of Begeleiding a week); the `jurist` finds it on the deadline
dashboard with its days left, acknowledges it, plans and records the hearing, and decides it upheld with four day
parts; the decision letter downloads as PDF; her coordinator sees the changed provision on the case page, and Kim
sees the outcome in "Mijn bezwaren". The days left of a running term are on screen at every step."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.access.letters import pango_missing
from routekaart.legal import letters as legal_letters
from routekaart.legal import terms as legal_terms
from routekaart.legal.models import Objection

from . import portal_world
from .conftest import assert_accessible
from .legal_world import GROUNDS, JURIST, NEW_VOLUME, legal_world_make
from .portal_world import digid_login, staff_login

# The portal world's fixtures: the local DigiD, Kim's household and the phone's viewport.
oidc_url, digid, world, phone = portal_world.oidc_url, portal_world.digid, portal_world.world, portal_world.phone

pytestmark = [pytest.mark.django_db(transaction=True)]

HEARING_PLACE = "Stadskantoor Weidebeek, spreekkamer 2"
REASONING = "Uit het gesprek blijkt dat twee dagdelen niet genoeg zijn om de administratie op orde te houden."


@pytest.fixture
def legal(world):
    return legal_world_make(world)


def visit(page: Page, url: str) -> None:
    """Open a page: it answers 200 and passes axe-core."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert_accessible(page)


def days_left(ends_on) -> str:
    """The words the pages use for a term's days left (legal/_days_left.html, the portal's cards)."""
    left = (ends_on - timezone.localdate()).days
    return f"nog {left} dag" if left == 1 else f"nog {left} dagen"


def step(page: Page, name: str):
    """The form of one step on the objection's file."""
    return page.locator(f"section[aria-labelledby='step-{name}']")


def submit_step(page: Page, name: str, fields: dict[str, str], *, selects: dict | None = None) -> None:
    """Fill one step's form by its labels, send it, and land back on the file (scanned) with the success message."""
    form = step(page, name)
    for label, value in fields.items():
        form.get_by_label(label, exact=True).fill(value)
    for label, value in (selects or {}).items():
        form.get_by_label(label, exact=True).select_option(value)
    form.get_by_role("button").click()
    page.wait_for_load_state()
    errors = page.locator("[role=alert], .utrecht-form-field-error-message").all_inner_texts()
    landed = re.search(r"/bezwaar/\d+/$", page.url) and page.locator(".utrecht-alert--ok").count() == 1
    assert landed, f"{name}: {errors}"
    assert_accessible(page)


def test_objection_from_the_portal_to_the_changed_decision_and_the_outcome_in_mijn_bezwaren(
    phone: Page, page: Page, legal
):
    today = timezone.localdate()
    kim = legal.portal
    decision, provision = legal.decision, legal.provision

    # Kim objects in Mijn Routekaart against her decision of ten days ago.
    digid_login(phone, kim.sub)
    visit(phone, reverse("portal:decisions"))
    card = phone.locator(f"[data-decision='{decision.pk}']")
    expect(card).to_contain_text(decision.reference)
    card.get_by_role("link", name="Bezwaar maken").click()
    phone.wait_for_url(f"**{reverse('portal:objection', args=[decision.pk])}")
    assert_accessible(phone)
    phone.get_by_label("Waarom bent u het niet eens met dit besluit?").fill(GROUNDS)
    phone.get_by_role("button", name="Bezwaar versturen").click()
    phone.wait_for_url(f"**{reverse('portal:objection_received', args=[decision.pk])}")
    assert_accessible(phone)
    objection = Objection.objects.get(decision_id=decision.pk, decision_kind="access")
    assert (objection.channel, objection.objector_id, objection.late) == ("portal", kim.resident.pk, False)
    due = objection.decision_due_on
    expect(phone.locator("[data-objection-reference]")).to_have_text(objection.reference)
    expect(phone.locator("[data-decision-term]")).to_contain_text(days_left(due))

    # "Mijn bezwaren": where it stands, and the days left until the decision at the latest.
    visit(phone, reverse("portal:objections"))
    mine = phone.locator(f"[data-objection='{objection.reference}']")
    expect(mine.locator("[data-decision-term]")).to_contain_text(days_left(due))

    # The jurist finds it on the deadline dashboard with its days left.
    staff_login(page, JURIST)
    visit(page, reverse("legal:deadline_dashboard"))
    row = page.locator(f"[data-deadline='{objection.reference} decision']")
    expect(row).to_contain_text(days_left(due))
    row.get_by_role("link", name=objection.reference).click()
    page.wait_for_url(f"**{reverse('legal:objection_detail', args=[objection.pk])}")
    assert_accessible(page)
    decision_term = page.locator("[data-term='decision']")
    expect(decision_term).to_contain_text(days_left(due))
    expect(page.locator("[data-term='receipt']")).to_contain_text(days_left(legal_terms.acknowledgement_due(today)))

    # Acknowledged: the receipt's term is met, the decision term keeps running.
    submit_step(page, "acknowledge", {"Ontvangstbevestiging verstuurd op": today.isoformat()})
    expect(page.locator("[data-term='receipt']")).to_have_count(0)
    expect(decision_term).to_contain_text(days_left(due))

    # The hearing planned for this afternoon: its day is on the file beside the decision term.
    submit_step(
        page,
        "plan_hearing",
        {
            "Uitgenodigd op": today.isoformat(),
            "Datum en tijd van de hoorzitting": f"{today.isoformat()}T23:30",
            "Plaats of manier": HEARING_PLACE,
        },
    )
    expect(page.locator("[data-term='hearing']")).to_contain_text("vandaag de laatste dag")
    expect(page.locator("[data-hearings]")).to_contain_text(HEARING_PLACE)
    expect(decision_term).to_contain_text(days_left(due))
    visit(phone, reverse("portal:objections"))
    expect(mine.locator("[data-hearing]")).to_contain_text(HEARING_PLACE)
    expect(mine.locator("[data-decision-term]")).to_contain_text(days_left(due))

    # The hearing held and recorded.
    form = step(page, "record_hearing")
    form.get_by_label("Hoorzitting", exact=True).select_option(index=1)
    submit_step(
        page,
        "record_hearing",
        {
            "Gehouden op": today.isoformat(),
            "Aanwezigen": "Mevrouw De Vries, L. van Dijk (jurist)",
            "Verslag": "Mevrouw licht toe dat zij de post niet bijhoudt met twee dagdelen begeleiding.",
        },
    )
    expect(page.locator("[data-hearings]")).to_contain_text("gehouden op")
    expect(decision_term).to_contain_text(days_left(due))

    # Upheld: the decision is changed, the Begeleiding goes to four day parts a week.
    decide = step(page, "decide")
    decide.get_by_label(re.compile(r"wat verandert er\?")).select_option("change")
    decide.get_by_label(re.compile("nieuwe omvang")).fill(str(NEW_VOLUME))
    decide.get_by_label(re.compile("nieuwe einddatum")).fill(provision.ends_on.isoformat())
    submit_step(
        page,
        "decide",
        {"Beslist op": today.isoformat(), "Motivering": REASONING},
        selects={"Oordeel": "upheld", "Gevolg voor het besluit": "change"},
    )
    expect(page.locator("[data-status]")).to_contain_text("gegrond")
    appeal_term = legal_terms.appeal_term_end(today)
    expect(page.locator("[data-term='appeal_term']")).to_contain_text(days_left(appeal_term))
    objection.refresh_from_db()
    assert (objection.status, objection.outcome, objection.effect) == ("decided", "upheld", "change")
    provision.refresh_from_db()
    assert provision.volume == NEW_VOLUME

    # The decision letter: a PDF, whose text gives the outcome and the appeal clause.
    letter_text = legal_letters.letter_html(objection, "decision")
    assert "gegrond" in letter_text.lower() and "beroep" in letter_text.lower()
    if pango_missing():
        pytest.skip(f"Pango ontbreekt: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 ({pango_missing()})")
    href = (
        page.locator("[data-letters]")
        .get_by_role("link", name=re.compile("^Beslissing op bezwaar"))
        .get_attribute("href")
    )
    letter = page.request.get(href)
    assert letter.status == 200
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")

    # The coordinator sees the original decision changed on the case page.
    page.get_by_role("button", name="Uitloggen").click()
    staff_login(page, kim.coordinator.username)
    visit(page, reverse("access:household", args=[kim.household_id]))
    decisions = page.locator("[data-decisions]")
    changed = decisions.locator("tr").filter(has_text=decision.reference)
    expect(changed).to_contain_text(re.compile(rf"\b{NEW_VOLUME} dagdelen"))

    # Kim sees the outcome in "Mijn bezwaren", with the decision letter.
    visit(phone, reverse("portal:objections"))
    expect(mine).to_contain_text("Uw bezwaar is gegrond.")
    expect(mine.locator("[data-steps] [data-done]")).to_have_count(mine.locator("[data-steps] li").count())
    letter_link = mine.locator("[data-letters]").get_by_role("link", name=re.compile("^Beslissing op bezwaar"))
    mine_letter = phone.request.get(letter_link.get_attribute("href"))
    assert mine_letter.status == 200 and mine_letter.headers["content-type"] == "application/pdf"
