"""Wijziging doorgeven in Mijn Routekaart: living together, abroad (with a date of return or 'not known yet'), another
address; last year's situation shown beside the form; refusals in Dutch change nothing; the coordinator sees it."""

from datetime import date

import pytest
from django.urls import reverse

from ...audit.models import Event
from ...income.models import ChangeKind, ChangeReport, ChangeStatus
from ...income.tests.factories import HouseholdSituationFactory
from ...testing import database_fingerprint
from .helpers import page_queries_as, portal_login
from .income_builders import benefit_household, income_today  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]

URL = "portal:change_report"
EMPTY = {"ends_on": "", "details": ""}


def test_last_years_situation_is_shown_beside_the_form(client):
    benefit = benefit_household()
    HouseholdSituationFactory(household=benefit.household, year=2025, monthly_income="1234.56")
    portal_login(client, benefit.client)
    html = client.get(reverse(URL)).content.decode()
    assert "Wat wij van u weten" in html and "Dit gaf u door in 2025" in html and "€ 1.234,56" in html
    assert 'value="2026-03-02"' in html  # from today


def test_living_together_is_received_with_an_event_and_shows_on_my_income_page(client):
    benefit = benefit_household()
    user = portal_login(client, benefit.client)
    response = client.post(reverse(URL), {**EMPTY, "kind": ChangeKind.LIVING_TOGETHER, "starts_on": "2026-04-01"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:income")
    report = ChangeReport.objects.get(benefit=benefit)
    assert (report.kind, report.starts_on, report.reported_by) == ("cohabiting", date(2026, 4, 1), user)
    event = Event.objects.get(action="change_report.submitted")
    assert (event.actor, event.household_id) == (user, benefit.household_id)
    html = client.get(reverse("portal:income")).content.decode()
    assert f'data-change="{report.pk}"' in html and "Ontvangen" in html


def test_abroad_with_the_return_not_known_yet(client):
    benefit = benefit_household()
    portal_login(client, benefit.client)
    data = {**EMPTY, "kind": ChangeKind.ABROAD, "starts_on": "2026-07-01", "ends_unknown": "on"}
    assert client.post(reverse(URL), data).status_code == 302
    report = ChangeReport.objects.get(benefit=benefit)
    assert (report.ends_on, report.ends_unknown, report.status) == (None, True, ChangeStatus.RECEIVED)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": ChangeKind.ABROAD, "starts_on": "2026-07-01"}, "ends_on", "of kies 'Dat weet ik nog niet'"),
        (
            {"kind": ChangeKind.ABROAD, "starts_on": "2026-07-01", "ends_on": "2026-06-20"},
            "ends_on",
            "De datum van terugkomst ligt na de datum van vertrek.",
        ),
        ({"kind": ChangeKind.ADDRESS, "starts_on": "2026-04-01"}, "details", "Vul uw nieuwe adres in."),
        ({"kind": ChangeKind.LIVING_TOGETHER, "starts_on": "2031-01-01"}, "starts_on", "meer dan een jaar vooruit"),
        ({"kind": "", "starts_on": "2026-04-01"}, "kind", "Kies"),
    ],
)
def test_a_wrong_change_is_refused_in_dutch_on_its_field_and_nothing_changes(client, data, field, message):
    benefit = benefit_household()
    portal_login(client, benefit.client)
    before = database_fingerprint()
    response = client.post(reverse(URL), {**EMPTY, **data})
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert database_fingerprint() == before


def test_the_form_runs_the_same_queries_for_a_short_and_a_long_history(client):
    small = benefit_household()
    large = benefit_household()
    HouseholdSituationFactory(household=large.household, year=2025)
    HouseholdSituationFactory(household=large.household, year=2024)
    for number in range(12):
        ChangeReport.objects.create(
            benefit=large,
            kind=ChangeKind.OTHER,
            starts_on=date(2026, 1, 1),
            details=str(number),
            reported_by=large.coordinator,
        )
    counts = page_queries_as(client, reverse(URL), [small.client, large.client])
    assert counts[0] == counts[1], counts
