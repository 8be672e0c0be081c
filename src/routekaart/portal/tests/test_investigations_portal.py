"""Onderzoek naar uw uitkering: the resident sees an investigation only once they have been informed of it (what
is checked, the dates, the hearing, the outcome with its explanation); never someone else's; one read logged; a
fixed number of queries however many investigations."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from ...audit.models import ProcessingLogEntry
from ...legal.tests.factories_enforcement import InvestigationFactory
from ...residents.tests.factories import MembershipFactory
from .helpers import page_queries, portal_login

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def resident():
    return MembershipFactory(valid_from=date(2020, 1, 1)).resident


def page(client) -> str:
    response = client.get(reverse("portal:investigations"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_investigation_the_resident_was_not_told_of_is_not_shown(client, resident):
    InvestigationFactory(resident=resident, reference="HO-2026-000001", question="Woont er iemand bij u?")
    portal_login(client, resident)
    html = page(client)
    assert "HO-2026-000001" not in html and "Woont er iemand" not in html and "data-none" in html


def test_an_informed_investigation_shows_what_is_checked_and_that_they_will_be_heard(client, resident):
    InvestigationFactory(
        resident=resident,
        reference="HO-2026-000002",
        question="Woont er iemand bij u?",
        findings="Interne bevinding die de inwoner hier niet leest.",
        resident_informed_on=date(2026, 11, 10),
    )
    portal_login(client, resident)
    html = page(client)
    assert "HO-2026-000002" in html and "Woont er iemand bij u?" in html and "10 november 2026" in html
    assert "Het onderzoek loopt nog." in html and "mag u vertellen wat u ervan vindt" in html
    assert "Interne bevinding" not in html


def test_a_closed_investigation_shows_the_outcome_and_its_explanation(client, resident):
    InvestigationFactory(
        resident=resident,
        resident_informed_on=date(2026, 11, 10),
        heard_on=date(2026, 11, 20),
        status="closed",
        closed_on=date(2026, 11, 30),
        outcome="fine",
        harm_amount=Decimal("1000.00"),
        fine_amount=Decimal("500.00"),
        outcome_reasoning="U hebt niet gemeld dat uw partner bij u woont.",
    )
    portal_login(client, resident)
    html = page(client)
    assert 'data-outcome="fine"' in html and "€ 500,00" in html and "€ 1.000,00" in html
    assert "U hebt niet gemeld dat uw partner bij u woont." in html and "20 november 2026" in html


def test_someone_elses_investigation_is_not_shown(client, resident):
    InvestigationFactory(reference="HO-2026-000009", resident_informed_on=date(2026, 11, 10))
    portal_login(client, resident)
    assert "HO-2026-000009" not in page(client)


def test_the_read_is_logged_under_enforcement(client, resident):
    InvestigationFactory(resident=resident, resident_informed_on=date(2026, 11, 10))
    portal_login(client, resident)
    page(client)
    assert ProcessingLogEntry.objects.filter(activity_id="enforcement", channel="portal").count() == 1


def test_the_page_runs_the_same_queries_for_one_investigation_or_many(client, resident):
    InvestigationFactory(resident=resident, resident_informed_on=date(2026, 11, 10))
    portal_login(client, resident)
    one = page_queries(client, reverse("portal:investigations"))
    for _ in range(3):
        InvestigationFactory(resident=resident, resident_informed_on=date(2026, 11, 10))
    assert page_queries(client, reverse("portal:investigations")) == one
