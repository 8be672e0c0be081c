"""Inkomsten doorgeven in Mijn Routekaart: pre-filled from the last report, saved as the resident's own report
(source CLIENT) with its event and timeline sentence, the effect confirmed; refusals in Dutch change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ...audit.event_labels import event_sentence
from ...audit.models import Event
from ...income import selectors, services
from ...income.calculation import euro
from ...income.models import IncomeReport, ReportSource, SurplusSettlement
from ...residents.tests.factories import MembershipFactory
from ...testing import database_fingerprint
from .helpers import page_queries_as, portal_login
from .income_builders import benefit_household, income_today, reports  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]

URL = "portal:income_report"


def test_the_form_is_prefilled_from_the_last_report_and_asks_for_last_month(client):
    benefit = benefit_household()
    reports(benefit, (date(2026, 1, 1), "612.34"))
    portal_login(client, benefit.client)
    html = client.get(reverse(URL)).content.decode()
    assert "Vooraf ingevuld" in html and "januari 2026" in html
    assert 'value="612.34"' in html
    assert 'value="2026-02"' in html  # last month


def test_a_report_lands_as_the_residents_own_with_an_event_and_the_effect_is_confirmed(client):
    benefit = benefit_household()
    user = portal_login(client, benefit.client)
    response = client.post(
        reverse(URL), {"month": "2026-02", "net_earnings": "600.00", "other_income": "", "hours": "40", "note": ""}
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:income")
    report = IncomeReport.objects.get(benefit=benefit)
    assert (report.source, report.reported_by, report.net_earnings) == (ReportSource.CLIENT, user, Decimal("600.00"))
    event = Event.objects.get(action="income_report.submitted")
    assert (event.actor, event.household_id) == (user, benefit.household_id)
    assert event_sentence(event, with_actor=False) == (
        "Inkomsten over februari 2026 doorgegeven door de inwoner (Mijn Routekaart)"
    )
    calculation = selectors.benefit_calculation_get(benefit=benefit, month=date(2026, 2, 1))
    html = client.get(reverse("portal:income")).content.decode()
    assert f"Uw uitkering over februari 2026 wordt {euro(calculation.benefit)}." in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"month": "2026-02", "net_earnings": "-5"}, "net_earnings", "Vul voor netto inkomsten uit werk 0 of meer in."),
        (
            {"month": "2026-09", "net_earnings": "100"},
            "month",
            "over een maand die begonnen is.",
        ),
        ({"month": "2026-02", "net_earnings": ""}, "net_earnings", "Vul netto inkomsten uit werk in."),
    ],
)
def test_a_wrong_report_is_refused_in_dutch_on_its_field_and_nothing_changes(client, data, field, message):
    benefit = benefit_household()
    portal_login(client, benefit.client)
    before = database_fingerprint()
    response = client.post(reverse(URL), {"other_income": "", "hours": "", "note": "", **data})
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert database_fingerprint() == before


def test_without_a_benefit_of_my_own_nothing_can_be_reported_on_anothers(client):
    other = benefit_household()
    resident = MembershipFactory().resident  # a household without a benefit
    portal_login(client, resident)
    before = database_fingerprint()
    response = client.post(reverse(URL), {"month": "2026-02", "net_earnings": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:income")
    assert not IncomeReport.objects.filter(benefit=other).exists()
    assert database_fingerprint() == before


def test_the_form_runs_the_same_queries_for_a_short_and_a_long_history(client):
    small = benefit_household()
    large = benefit_household()
    reports(large, *[(date(2024 + n // 12, n % 12 + 1, 1), str(100 + n)) for n in range(26)])
    counts = page_queries_as(client, reverse(URL), [small.client, large.client])
    assert counts[0] == counts[1], counts


def test_in_the_surplus_scheme_the_confirmation_names_the_settlement_with_the_next_payment(client):
    benefit = benefit_household(surplus_settlement=True)
    services.income_report_submit(
        actor=benefit.coordinator, benefit=benefit, month=date(2026, 1, 1), net_earnings=Decimal("600.00")
    )
    portal_login(client, benefit.client)
    response = client.post(reverse(URL), {"month": "2026-02", "net_earnings": "800.00"}, follow=True)
    settlement = SurplusSettlement.objects.get(benefit=benefit, month=date(2026, 2, 1))
    assert settlement.settlement < 0  # more earned than the month before: part of the advance comes back
    assert f"Wij houden {euro(-settlement.settlement)} in op de volgende betaling." in response.content.decode()
