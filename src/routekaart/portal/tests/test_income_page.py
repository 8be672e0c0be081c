"""Mijn inkomen: the benefit of the person the page shows, month by month and explained in plain words from the
calculation's own figures; never another household's, a housemate's or a child's; a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ...audit.models import ProcessingLogEntry
from ...income import selectors, services
from ...income.calculation import euro
from ...income.models import ChangeKind, SurplusSettlement
from ...residents.models import RelationKind
from ...residents.tests.factories import MembershipFactory, RelationFactory, ResidentFactory
from ...testing import database_fingerprint
from ..income_text import calculation_in_words
from .helpers import page_queries, portal_login, portal_view_as
from .income_builders import benefit_household, income_today, reports  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]

MARCH = date(2026, 3, 1)


def page(client) -> str:
    response = client.get(reverse("portal:income"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_month_is_explained_with_the_calculations_own_figures(client):
    benefit = benefit_household()
    reports(benefit, (MARCH, "600.00"))
    portal_login(client, benefit.client)
    html = page(client)
    calculation = selectors.benefit_calculation_get(benefit=benefit, month=MARCH)
    assert calculation.earnings == Decimal("600.00") and calculation.disregard > 0  # the case the text explains
    expected = [
        f"Uw norm als alleenstaande is {euro(calculation.norms.single)}.",
        f"Uw inkomsten uit werk waren {euro(calculation.earnings)}.",
        f"Daarvan mag u {euro(calculation.disregard)} houden (vrijlating).",
        f"Wij halen {euro(calculation.earnings - calculation.disregard)} van uw norm af.",
        f"U krijgt {euro(calculation.benefit)}.",
    ]
    assert calculation_in_words(calculation) == expected
    for sentence in expected:
        assert sentence in html
    assert 'data-month="2026-03"' in html and 'data-month="2025-09"' in html  # this month and the six before
    assert 'data-month="2025-08"' not in html
    entry = ProcessingLogEntry.objects.filter(activity_id="social-assistance", channel="portal").get()
    assert entry.actor == benefit.client.user


def test_a_single_parent_reads_their_norm_as_a_single_parent(client):
    benefit = benefit_household()
    MembershipFactory(household=benefit.household, resident=ResidentFactory(birth_date=date(2018, 1, 1)), role="child")
    portal_login(client, benefit.client)
    calculation = selectors.benefit_calculation_get(benefit=benefit, month=MARCH)
    assert f"Uw norm als alleenstaande ouder is {euro(calculation.norms.single_parent)}." in page(client)
    assert f"U krijgt {euro(calculation.benefit)}." in page(client)


def test_the_page_shows_my_reports_settlements_and_changes_and_nothing_of_another_household(client):
    benefit = benefit_household(surplus_settlement=True)
    services.income_report_submit(
        actor=benefit.coordinator, benefit=benefit, month=date(2026, 2, 1), net_earnings=Decimal("432.10")
    )
    services.change_report_submit(
        actor=benefit.coordinator, benefit=benefit, kind=ChangeKind.LIVING_TOGETHER, starts_on=date(2026, 4, 1)
    )
    other = benefit_household()
    reports(other, (date(2026, 2, 1), "987.65"))
    portal_login(client, benefit.client)
    html = page(client)
    settlement = SurplusSettlement.objects.get(benefit=benefit)
    assert 'data-settlement="2026-02"' in html and euro(settlement.advance) in html
    assert 'data-income-report="2026-02"' in html and "€ 432,10" in html
    assert "Ik ga samenwonen" in html and "Ontvangen. Uw regisseur kijkt ernaar." in html
    assert "987,65" not in html
    assert other.client.family_name not in html


def test_the_partner_sees_the_benefit_a_housemate_of_18_does_not(client):
    benefit = benefit_household()
    partner = MembershipFactory(household=benefit.household, role="partner", resident__birth_date=date(1982, 5, 5))
    lodger = MembershipFactory(household=benefit.household, role="other", resident__birth_date=date(2007, 1, 1))
    portal_login(client, partner.resident)
    assert "data-months" in page(client)
    client.logout()
    portal_login(client, lodger.resident)
    html = page(client)
    assert "data-no-benefit" in html and "data-months" not in html


def test_without_a_benefit_the_page_says_so_and_where_to_apply(client):
    resident = MembershipFactory().resident
    portal_login(client, resident)
    html = page(client)
    assert "U krijgt geen bijstandsuitkering van ons." in html
    assert "bijstand aanvragen bij uw gemeente" in html
    assert not ProcessingLogEntry.objects.filter(channel="portal").exists()


def test_a_child_a_parent_looks_at_has_no_income_of_their_own(client):
    benefit = benefit_household()
    child = ResidentFactory(birth_date=date(2016, 4, 1), given_names="Sam")
    MembershipFactory(household=benefit.household, resident=child, role="child")
    RelationFactory(resident=benefit.client, related=child, kind=RelationKind.PARENT)
    portal_login(client, benefit.client)
    portal_view_as(client, child)
    html = page(client)
    assert "Sam heeft geen eigen uitkering." in html
    assert "data-months" not in html
    assert client.get(reverse("portal:income_report"))["Location"] == reverse("portal:income")
    assert client.get(reverse("portal:change_report"))["Location"] == reverse("portal:income")


def _queries(client) -> int:
    return page_queries(client, reverse("portal:income"))


def test_the_page_runs_the_same_queries_for_a_short_and_a_long_history(client):
    small = benefit_household()
    large = benefit_household(surplus_settlement=True)
    for number in range(1, 25):
        month = date(2024 + (number - 1) // 12, (number - 1) % 12 + 1, 1)
        services.income_report_submit(
            actor=large.coordinator, benefit=large, month=month, net_earnings=Decimal(100 + number)
        )
    for number in range(15):
        services.change_report_submit(
            actor=large.coordinator, benefit=large, kind=ChangeKind.ADDRESS, starts_on=MARCH, details=f"Straat {number}"
        )
    portal_login(client, small.client)
    few = _queries(client)
    client.logout()
    portal_login(client, large.client)
    many = _queries(client)
    assert few == many


def test_an_ended_benefit_says_since_when_and_offers_no_change_report(client):
    benefit = benefit_household(ended_on=date(2026, 2, 1))
    portal_login(client, benefit.client)
    html = page(client)
    assert "Uw uitkering is gestopt op 1 februari 2026." in html
    assert 'data-month="2026-01"' in html and 'data-month="2026-02"' not in html
    assert reverse("portal:change_report") not in html.split("rk-portal__content", 1)[1]


def _view_as_agent(client, principal, domains: str):
    from ...residents.models import Authorisation

    agent = MembershipFactory().resident
    Authorisation.objects.create(principal=principal, agent=agent, domains=domains, valid_from=date(2025, 1, 1))
    portal_login(client, agent)
    portal_view_as(client, principal)
    return agent


def test_someone_authorised_for_the_participatiewet_sees_the_benefit_and_reports_nothing(client):
    benefit = benefit_household()
    _view_as_agent(client, benefit.client, "P")
    html = page(client)
    assert "data-months" in html and "data-looks-only" in html
    assert reverse("portal:income_report") not in html.split("rk-portal__content", 1)[1]
    before = database_fingerprint()
    response = client.post(reverse("portal:income_report"), {"month": "2026-02", "net_earnings": "10"})
    assert response["Location"] == reverse("portal:income")
    assert client.post(reverse("portal:change_report"), {"kind": "cohabiting", "starts_on": "2026-04-01"})[
        "Location"
    ] == reverse("portal:income")
    assert database_fingerprint() == before


def test_someone_authorised_for_youth_care_only_sees_nothing_of_the_benefit(client):
    benefit = benefit_household()
    reports(benefit, (MARCH, "600.00"))
    _view_as_agent(client, benefit.client, "J")
    html = page(client)
    assert "heeft u daarvoor geen machtiging gegeven" in html
    assert "data-months" not in html and "600,00" not in html
    assert not ProcessingLogEntry.objects.filter(channel="portal", activity_id="social-assistance").exists()
