"""Mijn terugbetalingen: the person's own claims (why, the period, the balance, what is paid each month) and their
letters; never a housemate's or another household's claim; the read logged; a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ...audit.models import ProcessingLogEntry
from ...income.services import recovery
from ...income.tests.factories_recovery import ClaimArrangementFactory, ClaimFactory
from .helpers import page_queries, portal_login
from .income_builders import benefit_household, income_today  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]


def test_my_claim_shows_why_the_period_the_balance_and_the_monthly_settlement(client):
    benefit = benefit_household()
    claim = ClaimFactory(benefit=benefit, principal=Decimal("600.00"), explanation="Inkomsten te laat gemeld.")
    ClaimArrangementFactory(claim=claim, monthly_amount=Decimal("50.00"))
    recovery.payment_record(actor=claim.created_by, claim=claim, amount=Decimal("100.00"), received_on=date(2026, 2, 1))
    portal_login(client, benefit.client)
    response = client.get(reverse("portal:claims"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inkomsten niet of te laat gemeld" in html and "Inkomsten te laat gemeld." in html
    assert "1 oktober 2025" in html and "31 december 2025" in html
    assert "€ 500,00" in html and "€ 50,00, ingehouden op uw uitkering" in html
    assert reverse("portal:claim_letter", args=[claim.pk, "besluit"]) in html
    assert ProcessingLogEntry.objects.filter(activity="benefit-recovery", channel="portal").exists()


def test_the_income_page_links_to_my_claims(client):
    benefit = benefit_household()
    portal_login(client, benefit.client)
    assert reverse("portal:claims") in client.get(reverse("portal:income")).content.decode()


def test_a_housemates_or_another_households_claim_is_not_shown_and_its_letter_is_404(client):
    benefit = benefit_household()
    other = ClaimFactory(benefit=benefit_household())
    portal_login(client, benefit.client)
    html = client.get(reverse("portal:claims")).content.decode()
    assert other.reference not in html and "U hoeft niets terug te betalen." in html
    assert client.get(reverse("portal:claim_letter", args=[other.pk, "besluit"])).status_code == 404


def test_the_page_runs_the_same_queries_for_one_claim_or_four(client):
    benefit = benefit_household()
    ClaimFactory(benefit=benefit)
    portal_login(client, benefit.client)
    url = reverse("portal:claims")
    one = page_queries(client, url)
    for _ in range(3):
        ClaimArrangementFactory(claim=ClaimFactory(benefit=benefit))
    assert page_queries(client, url) == one
