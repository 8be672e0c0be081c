"""A yearly conversation held without a planned one is one action: one service, one transaction, no planning event."""

import pytest
from django.urls import reverse

from routekaart.audit.models import Event
from routekaart.income.models import AnnualReview
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from .factories import SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]

DATA = {
    "held_on": "2026-03-02",
    "contact": "in_person",
    "life_changes": ["abroad"],
    "note": "",
    "monthly_income": "1407.65",
    "assets": "200",
    "low_income_since": "2018-01-01",
    "makes_ends_meet": "difficult",
    "daily_meal": "yes",
    "debts": "none",
}


@pytest.fixture
def page(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    benefit = SocialAssistanceFactory(organisation=user.affiliations.get().organisation, coordinator=user)
    return client, reverse("income:annual_review_record", args=[benefit.household_id]), benefit


def test_a_refused_unplanned_conversation_changes_nothing(page):
    client, url, _benefit = page
    before = database_fingerprint()
    response = client.post(url, {**DATA, "debt_referral": "on"})
    assert response.status_code == 400
    assert "Zonder schulden is er geen verwijzing naar schuldhulpverlening." in response.content.decode()
    assert database_fingerprint() == before


def test_an_unplanned_conversation_is_recorded_with_one_event(page):
    client, url, benefit = page
    events = Event.objects.count()
    assert client.post(url, DATA).status_code == 302
    review = AnnualReview.objects.get(benefit=benefit)
    assert review.status == "held" and review.planned_on.isoformat() == "2026-03-02"
    actions = list(Event.objects.order_by("pk").values_list("action", flat=True))[events:]
    # The conversation is one event (the situation it confirms is its own fact); no separate planning event.
    assert "annual_review.planned" not in actions and actions.count("annual_review.held") == 1
    assert Event.objects.get(action="annual_review.held").after["unplanned"] is True


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        ("1850-06-15", "Deze datum ligt vóór de ingangsdatum van de uitkering."),
        ("2200-06-15", "Deze datum ligt in de toekomst."),
    ],
)
def test_an_unplanned_conversation_on_an_impossible_day_is_refused_on_its_date(page, held_on, message):
    """The date is judged before a conversation is planned for it: the refusal names the date field, not the
    planned conversation's year."""
    client, url, _benefit = page
    before = database_fingerprint()
    response = client.post(url, {**DATA, "held_on": held_on})
    assert response.status_code == 400
    assert f'href="#id_held_on">Datum van het gesprek: {message}' in response.content.decode()
    assert database_fingerprint() == before
