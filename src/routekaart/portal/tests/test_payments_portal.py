"""Mijn betalingen: what the benefit paid the person each month (the holiday allowance held back, what was settled
against a claim, the account masked): only approved runs, never another's payments; the read logged; a fixed
number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ...audit.models import ProcessingLogEntry
from ...income.models import PaymentLine, PaymentRun
from ...income.tests.factories_payments import client_admin_at
from .helpers import page_queries, portal_login
from .income_builders import benefit_household, income_today  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]
IBAN = "NL91ABNA0417164300"


def _paid(benefit, month: date, *, status: str = "approved", due: str = "1401.22") -> PaymentLine:
    """A line of a run of `status` for the benefit's client in `month` (written directly: the run's services are
    income's tests' business; here only what the resident sees)."""
    preparer = client_admin_at(benefit.organisation)
    approval = {}
    if status == "approved":
        approval = {"approved_by": client_admin_at(benefit.organisation), "approved_at": timezone.now()}
    run = PaymentRun.objects.create(
        organisation=benefit.organisation,
        month=month,
        execution_on=month.replace(day=25),
        prepared_by=preparer,
        prepared_at=timezone.now(),
        message_id=f"RUN-{benefit.pk}-{month:%Y%m}-{status}",
        status=status,
        **approval,
    )
    due = Decimal(due)
    reserved = (due * Decimal("0.05")).quantize(Decimal("0.01"))
    return PaymentLine.objects.create(
        run=run,
        benefit=benefit,
        household_id=benefit.household_id,
        payee=benefit.client,
        month=month,
        due=due,
        holiday_reserved=reserved,
        amount=due - reserved,
        iban=IBAN,
        account_holder="Test",
        end_to_end_id=f"E2E-{benefit.pk}-{month:%Y%m}-{status}",
    )


def test_my_payments_show_each_month_what_was_held_back_and_paid_to_my_masked_account(client):
    benefit = benefit_household()
    _paid(benefit, date(2026, 1, 1))
    portal_login(client, benefit.client)
    response = client.get(reverse("portal:payments"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "januari 2026" in html and "€ 1.401,22" in html and "€ 70,06" in html and "€ 1.331,16" in html
    assert "•••• 4300" in html and IBAN not in html
    assert ProcessingLogEntry.objects.filter(activity="payment-administration", channel="portal").exists()


def test_a_run_not_yet_approved_and_another_households_payments_are_not_shown(client):
    benefit = benefit_household()
    _paid(benefit, date(2026, 2, 1), status="prepared")
    other = _paid(benefit_household(), date(2026, 1, 1))
    portal_login(client, benefit.client)
    html = client.get(reverse("portal:payments")).content.decode()
    assert "Er zijn nog geen betalingen aan u." in html
    assert f'data-payment="{other.pk}"' not in html


def test_the_income_page_links_to_my_payments(client):
    benefit = benefit_household()
    portal_login(client, benefit.client)
    assert reverse("portal:payments") in client.get(reverse("portal:income")).content.decode()


def test_the_page_runs_the_same_queries_for_one_payment_or_four(client):
    benefit = benefit_household()
    _paid(benefit, date(2026, 1, 1))
    portal_login(client, benefit.client)
    url = reverse("portal:payments")
    one = page_queries(client, url)
    for month in (2, 3, 4):
        _paid(benefit, date(2026, month, 1))
    assert page_queries(client, url) == one
