"""API tokens: made only from a session that proved the second factor, ending when idle or old, revocable, and
every use recorded. A token is no way around the login."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from freezegun import freeze_time
from knox.models import AuthToken
from rest_framework.test import APIClient

from routekaart.audit.models import Event
from routekaart.organisations.roles import Role

from .factories import TOTPDeviceFactory, UserFactory

pytestmark = [pytest.mark.django_db]

TOKEN_URL = "/api/v1/auth/token/"
ME = "/api/v1/me/"


def signed_in(client, user, *, verified: bool):
    client.force_login(user)
    if verified:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDeviceFactory(user=user).persistent_id
        session.save()
    return client


def with_token(token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


@pytest.fixture
def token(client, production_login):
    user = UserFactory(role=Role.COORDINATOR)
    response = signed_in(client, user, verified=True).post(TOKEN_URL)
    assert response.status_code == 200, response.content
    return response.json()["token"]


def test_a_session_without_the_second_factor_gets_no_token_in_production(client, production_login):
    user = UserFactory(role=Role.COORDINATOR, is_demo=True)
    response = signed_in(client, user, verified=False).post(TOKEN_URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "Log eerst in met uw tweede factor."
    assert not AuthToken.objects.exists()


def test_the_token_view_itself_refuses_an_unverified_session_in_dutch(client, production_login, settings):
    """Also without the middleware in front (defence in depth)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("RequireSecondFactorMiddleware")]
    user = UserFactory(role=Role.COORDINATOR)
    response = signed_in(client, user, verified=False).post(TOKEN_URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "Een API-sleutel krijgt u alleen na inloggen met uw tweede factor."
    assert not AuthToken.objects.exists()


def test_a_token_cannot_make_another_token(token):
    assert with_token(token).post(TOKEN_URL).status_code in (401, 403)
    assert AuthToken.objects.count() == 1


def test_a_verified_session_gets_a_token_that_works_and_is_stored_hashed(token):
    assert with_token(token).get(ME).status_code == 200
    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key)
    assert Event.objects.filter(action="api_token.created").count() == 1


def test_a_demo_account_skips_the_second_factor_for_a_token_only_in_the_demo(client, demo_login):
    user = UserFactory(role=Role.COORDINATOR, is_demo=True)
    assert signed_in(client, user, verified=False).post(TOKEN_URL).status_code == 200


def test_every_use_of_a_token_leaves_an_event_without_the_token(token):
    api = with_token(token)
    api.get(ME)
    api.get("/api/v1/households/999999999/")  # a refused request counts too
    used = Event.objects.filter(action="api_token.used")
    assert used.count() == 2
    assert {e.after["status"] for e in used} == {200, 403}
    for event in used:
        assert token[:8] not in str(event.subject_id) + str(event.after)
        assert "999999999" not in str(event.after)


def test_a_token_ends_after_its_lifetime_even_when_used(token):
    api = with_token(token)
    start = timezone.now()
    step = timedelta(minutes=10)  # within the idle time, so only the lifetime ends it
    moment = start
    while moment < start + settings.API_TOKEN_TTL - step:
        moment += step
        with freeze_time(moment):
            assert api.get(ME).status_code == 200
    with freeze_time(start + settings.API_TOKEN_TTL + timedelta(minutes=1)):
        assert api.get(ME).status_code == 401


def test_a_token_ends_when_left_idle(token):
    with freeze_time(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)):
        assert with_token(token).get(ME).status_code == 401


def test_a_revoked_token_is_refused(token):
    api = with_token(token)
    assert api.post("/api/v1/auth/token/revoke/").status_code == 204
    assert api.get(ME).status_code == 401
    assert Event.objects.filter(action="api_token.revoked").count() == 1


def test_revoking_all_from_the_browser_ends_every_token(client, token):
    second = client.post(TOKEN_URL).json()["token"]
    assert client.post("/api/v1/auth/token/revoke-all/").status_code == 204
    assert with_token(token).get(ME).status_code == 401
    assert with_token(second).get(ME).status_code == 401


def test_drf_authtoken_is_gone():
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
    assert "rest_framework.authentication.TokenAuthentication" not in str(settings.REST_FRAMEWORK)


def test_a_sixth_token_is_refused_in_dutch_and_none_is_made(client, token):
    for _ in range(4):
        assert client.post(TOKEN_URL).status_code == 200
    response = client.post(TOKEN_URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "U hebt al 5 geldige API-sleutels; trek er eerst een in."
    assert AuthToken.objects.count() == 5
