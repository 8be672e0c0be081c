"""The 15-minute idle timeout holds, and the session is saved at most once per interval, not on every request."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from routekaart.organisations.roles import Role

pytestmark = [pytest.mark.django_db]

START = datetime(2026, 3, 2, 9, 0, 0)


def session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if '"django_session"' in q["sql"] and q["sql"].startswith(("UPDATE", "INSERT"))]


def signed_in(response) -> bool:
    return response.status_code == 200


@pytest.fixture
def active_at_start(staff_client):
    with freeze_time(START):
        client, _ = staff_client(Role.COORDINATOR)
        assert signed_in(client.get(reverse("home")))  # records the activity at START
    return client


def test_the_settings_keep_the_idle_timeout_and_browser_close():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.REST_KNOX["TOKEN_TTL"] == timedelta(seconds=settings.SESSION_COOKIE_AGE)


@pytest.mark.parametrize(("idle", "still_signed_in"), [(15 * 60 - 1, True), (15 * 60, False), (15 * 60 + 1, False)])
def test_the_session_ends_after_fifteen_idle_minutes(active_at_start, idle, still_signed_in):
    with freeze_time(START + timedelta(seconds=idle)):
        response = active_at_start.get(reverse("home"))
    assert signed_in(response) is still_signed_in
    if not still_signed_in:
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_request_within_the_interval_writes_nothing_to_the_session(active_at_start):
    soon = START + timedelta(seconds=settings.SESSION_ACTIVITY_SAVE_INTERVAL - 1)
    with freeze_time(soon), CaptureQueriesContext(connection) as queries:
        assert signed_in(active_at_start.get(reverse("home")))
    assert session_writes(queries) == []


def test_activity_after_the_interval_is_saved_once_and_moves_the_timeout(active_at_start):
    later = START + timedelta(seconds=settings.SESSION_ACTIVITY_SAVE_INTERVAL)
    with freeze_time(later), CaptureQueriesContext(connection) as queries:
        assert signed_in(active_at_start.get(reverse("home")))
    assert len(session_writes(queries)) == 1
    with freeze_time(later + timedelta(seconds=15 * 60 - 1)):  # idle counts from the saved activity now
        assert signed_in(active_at_start.get(reverse("home")))
