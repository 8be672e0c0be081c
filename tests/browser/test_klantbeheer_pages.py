"""Klantbeheer's other pages in a real Chromium: each scanned by axe-core (WCAG 2.2 AA) and used with the keyboard
alone (Tab to the link or button, its focus visible, Enter): the conduct complaints, the quality page, the
enforcement signals and an investigation, a claim, and the payment run that one user prepares and a second one
approves (four eyes on screen); in Mijn Routekaart the investigations, the claims and the satisfaction survey."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from routekaart.income.models import PaymentRun

from . import portal_world
from .conftest import assert_accessible
from .legal_world import klantbeheer_world_make, resident_records_make
from .portal_world import assert_focus_visible, digid_login, staff_login, tab_to

oidc_url, digid, world, phone = portal_world.oidc_url, portal_world.digid, portal_world.world, portal_world.phone

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def klantbeheer(demo_login):
    return klantbeheer_world_make()


def visit(page: Page, url: str) -> None:
    """Open a page: it answers 200 and passes axe-core."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert_accessible(page)


def follow_by_keyboard(page: Page, text: str, url: str) -> None:
    """Tab to the link or button in main whose text starts with `text` (focus visible), press Enter, land on `url`."""
    tab_to(page, lambda state: state["inMain"] and state["text"].startswith(text))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{url}")
    assert_accessible(page)


def test_complaints_and_quality_pages_are_accessible_and_keyboard_usable(page: Page, klantbeheer):
    complaint = klantbeheer.complaint
    staff_login(page, klantbeheer.jurist.username)
    visit(page, reverse("legal:complaint_list"))
    expect(page.locator("main")).to_contain_text(complaint.reference)
    follow_by_keyboard(page, complaint.reference, reverse("legal:complaint_detail", args=[complaint.pk]))
    expect(page.locator("main")).to_contain_text(complaint.reference)
    expect(page.locator("main")).to_contain_text(re.compile(r"nog \d+ dag"))
    visit(page, reverse("legal:complaint_register"))
    visit(page, reverse("legal:quality"))


def test_enforcement_signal_list_and_investigation_are_accessible_and_keyboard_usable(page: Page, klantbeheer):
    signal, investigation = klantbeheer.signal, klantbeheer.investigation
    staff_login(page, klantbeheer.preparer.username)
    visit(page, reverse("legal:enforcement_signal_list"))
    detail = reverse("legal:enforcement_signal_detail", args=[signal.pk])
    link = page.locator(f"main a[href='{detail}']").first
    expect(link).to_be_visible()
    follow_by_keyboard(page, link.inner_text().strip(), detail)
    visit(page, reverse("legal:enforcement_signal_record"))
    visit(page, reverse("legal:investigation_list"))
    follow_by_keyboard(page, investigation.reference, reverse("legal:investigation_detail", args=[investigation.pk]))
    expect(page.locator("main")).to_contain_text(investigation.reference)


def test_claim_detail_is_accessible_and_keyboard_usable(page: Page, klantbeheer):
    claim = klantbeheer.claim
    staff_login(page, klantbeheer.preparer.username)
    visit(page, reverse("recovery:claim_list"))
    follow_by_keyboard(page, claim.reference, reverse("recovery:claim_detail", args=[claim.pk]))
    expect(page.locator("main")).to_contain_text("2.400")


def test_a_payment_run_prepared_by_one_is_approved_on_screen_by_another(page: Page, klantbeheer):
    today = timezone.localdate()
    month = (today.replace(day=1) + timezone.timedelta(days=32)).replace(day=1)
    staff_login(page, klantbeheer.preparer.username)
    visit(page, reverse("payments:run_list"))
    follow_by_keyboard(page, "Betaalrun klaarzetten", reverse("payments:run_prepare"))
    form = page.locator("main form.rk-form")
    form.get_by_label("Maand", exact=True).fill(month.isoformat())
    form.get_by_label("Uitvoeringsdatum", exact=True).fill(month.replace(day=25).isoformat())
    tab_to(page, lambda state: state["tag"] == "BUTTON" and state["inMain"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/betalingen/\d+/$"))
    assert_accessible(page)
    run = PaymentRun.objects.get(organisation=klantbeheer.dienst, month=month)
    assert run.status == "prepared" and run.line_count == 2

    # Who prepared it cannot approve it: no button, the page says a colleague approves.
    main = page.locator("main")
    expect(main.get_by_role("button", name="Betaalrun fiatteren")).to_have_count(0)
    expect(main).to_contain_text("een collega van klantbeheer fiatteert hem (vier ogen)")

    # The colleague approves it with the keyboard; the payment file is then offered.
    page.get_by_role("button", name="Uitloggen").click()
    staff_login(page, klantbeheer.approver.username)
    visit(page, reverse("payments:run_detail", args=[run.pk]))
    tab_to(page, lambda state: state["tag"] == "BUTTON" and state["text"] == "Betaalrun fiatteren")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the POST answers with a redirect back to the run
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    assert_accessible(page)
    run.refresh_from_db()
    assert (run.status, run.prepared_by_id, run.approved_by_id) == (
        "approved",
        klantbeheer.preparer.pk,
        klantbeheer.approver.pk,
    )
    expect(page.locator("main")).to_contain_text(klantbeheer.approver.get_full_name())
    expect(page.get_by_role("link", name=re.compile("Betaalbestand"))).to_be_visible()


def _paid_last_month(benefit) -> None:
    """An approved run that paid Kim's benefit last month, so Mijn betalingen shows its table."""
    from datetime import date, timedelta
    from decimal import Decimal

    from routekaart.income.models import PaymentLine
    from routekaart.income.tests.factories_payments import client_admin_at

    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    run = PaymentRun.objects.create(
        organisation=benefit.organisation,
        month=month,
        execution_on=date(month.year, month.month, 25),
        prepared_by=client_admin_at(benefit.organisation),
        prepared_at=timezone.now(),
        approved_by=client_admin_at(benefit.organisation),
        approved_at=timezone.now(),
        status="approved",
        message_id=f"KIM-{benefit.pk}-{month:%Y%m}",
    )
    PaymentLine.objects.create(
        run=run,
        benefit=benefit,
        household_id=benefit.household_id,
        payee_id=benefit.client_id,
        month=month,
        due=Decimal("1401.22"),
        holiday_reserved=Decimal("70.06"),
        amount=Decimal("1331.16"),
        iban="NL91ABNA0417164300",
        account_holder="K. de Vries",
        end_to_end_id=f"KIM-{benefit.pk}-{month:%Y%m}",
    )


def test_portal_investigations_claims_and_survey_are_accessible_on_a_phone(phone: Page, world):
    records = resident_records_make(world)
    digid_login(phone, world.sub)

    visit(phone, reverse("portal:investigations"))
    expect(phone.locator("main")).to_contain_text(records.investigation.reference)

    visit(phone, reverse("portal:claims"))
    expect(phone.locator("main")).to_contain_text(records.claim.reference)

    _paid_last_month(records.claim.benefit)
    visit(phone, reverse("portal:payments"))
    expect(phone.locator("main table")).to_contain_text("•••• 4300")

    visit(phone, reverse("portal:survey", args=[records.survey.pk]))
    for group in phone.locator("main form fieldset").all():
        group.get_by_role("radio").nth(3).check()
    tab_to(phone, lambda state: state["tag"] == "BUTTON" and state["text"] == "Antwoorden versturen")
    assert_focus_visible(phone)
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"**{reverse('portal:survey_thanks')}")
    assert_accessible(phone)
    records.survey.refresh_from_db()
    assert records.survey.status == "answered"
