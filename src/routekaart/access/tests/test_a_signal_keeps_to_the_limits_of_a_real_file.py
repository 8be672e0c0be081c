"""A signal's summary fits a file (at most 5,000 characters) and it was received between 1900 and today: the page
and the API refuse the same values with the same Dutch message, and the refusal changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.access.models import Signal
from routekaart.core import limits
from routekaart.testing import database_fingerprint, problem_fields

pytestmark = pytest.mark.django_db

TOO_LONG = "Gebruik ten hoogste 5.000 tekens; nu 100.000."
TOO_EARLY = "Vul een datum op of na 1 januari 1900 in."


@pytest.fixture
def logged_in(client, demo_login, coordinator, involved):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def page_post(client, household, **changes):
    data = {
        "kind": "report",
        "topic": "care",
        "domain": "W",
        "received_on": timezone.localdate().isoformat(),
        "summary": "Het lukt thuis niet meer",
    }
    return client.post(reverse("access:signal_create", args=[household.pk]), data | changes)


def api_post(client, household, **changes):
    data = {"household": household.pk, "kind": "report", "topic": "care", "domain": "W", "summary": "Hulp nodig"}
    return client.post("/api/v1/signals/", data | changes, content_type="application/json")


def test_a_summary_of_100000_characters_is_refused_on_the_page(logged_in, household):
    before = database_fingerprint()
    response = page_post(logged_in, household, summary="x" * 100_000)
    assert response.status_code == 400
    assert 'maxlength="5000"' in response.text  # the page says the limit before it is sent
    assert "Gebruik ten hoogste 5000 tekens voor" in response.text  # the form's instruction, naming the field
    assert database_fingerprint() == before


def test_a_summary_of_100000_characters_is_refused_by_the_api(logged_in, household):
    before = database_fingerprint()
    response = api_post(logged_in, household, summary="x" * 100_000)
    assert response.status_code == 400
    assert problem_fields(response)["summary"] == [TOO_LONG]
    assert database_fingerprint() == before


@pytest.mark.parametrize("length", [limits.SUMMARY - 1, limits.SUMMARY])
def test_a_summary_up_to_the_limit_is_kept(logged_in, household, length):
    assert api_post(logged_in, household, summary="x" * length).status_code == 201
    assert len(Signal.objects.get().summary) == length


def test_a_summary_one_character_over_the_limit_is_refused(logged_in, household):
    response = api_post(logged_in, household, summary="x" * (limits.SUMMARY + 1))
    assert problem_fields(response)["summary"] == ["Gebruik ten hoogste 5.000 tekens; nu 5.001."]
    assert not Signal.objects.exists()


def test_a_signal_received_in_1850_is_refused_on_the_page(logged_in, household):
    before = database_fingerprint()
    response = page_post(logged_in, household, received_on="1850-06-01")
    assert response.status_code == 400
    assert TOO_EARLY in response.text
    assert database_fingerprint() == before


def test_a_signal_received_in_1850_is_refused_by_the_api(logged_in, household):
    before = database_fingerprint()
    response = api_post(logged_in, household, received_on="1850-06-01")
    assert response.status_code == 400
    assert problem_fields(response)["received_on"] == [TOO_EARLY]
    assert database_fingerprint() == before


def test_a_signal_received_tomorrow_is_refused_and_today_is_kept(logged_in, household):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = api_post(logged_in, household, received_on=tomorrow)
    assert refused.status_code == 400
    assert problem_fields(refused)["received_on"]  # the service's own "in de toekomst", before the limits
    assert api_post(logged_in, household, received_on=timezone.localdate().isoformat()).status_code == 201
