"""A second authenticator app must not lock the first out, and wrong codes still lock the account.

django_otp.match_token tries every device of the user and each device that does not accept the code records a
throttling failure; the login counts a code for the user as a whole instead (organisations.second_factor).
"""

import pytest
from django.urls import reverse

from routekaart.testing import PASSWORD, current_code

from .factories import TOTPDeviceFactory, UserFactory

pytestmark = [pytest.mark.django_db]

LOCKED = "Account tijdelijk geblokkeerd"
WRONG_CODE = "De code uit de authenticator-app klopt niet"


def login(client, username: str, code: str):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD, "otp_token": code})


def wrong_code(*devices) -> str:
    codes = {current_code(device) for device in devices}
    return next(code for code in ("000000", "111111", "222222") if code not in codes)


@pytest.fixture
def two_apps(production_login, settings):
    # A throttle that outlasts the test, so a failure recorded on a device is seen, however fast the test runs.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    user = UserFactory()
    first = TOTPDeviceFactory(user=user, name="Telefoon")
    second = TOTPDeviceFactory(user=user, name="Tablet")
    return user, first, second


def test_a_code_of_the_second_app_records_no_failure_on_the_first(client, two_apps):
    user, first, second = two_apps

    response = login(client, user.username, current_code(second))

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.throttling_failure_count == 0
    assert first.throttling_failure_timestamp is None


def test_the_first_app_logs_in_right_after_the_second_was_used(client, two_apps):
    user, first, second = two_apps
    assert login(client, user.username, current_code(second)).status_code == 302
    client.post(reverse("logout"))

    response = login(client, user.username, current_code(first))

    assert response.status_code == 302
    assert client.get(reverse("home")).wsgi_request.user.is_verified()


def test_a_right_code_on_one_app_clears_the_failures_the_user_had_on_every_app(client, two_apps, settings):
    user, first, second = two_apps
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between the attempts of this test
    login(client, user.username, wrong_code(first, second))

    assert login(client, user.username, current_code(first)).status_code == 302

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.throttling_failure_count, second.throttling_failure_count) == (0, 0)


def test_wrong_codes_throttle_two_apps_exactly_as_one(client, two_apps):
    user, first, second = two_apps
    single = TOTPDeviceFactory(user=UserFactory())

    for _ in range(3):
        assert WRONG_CODE in login(client, user.username, wrong_code(first, second)).text
        assert WRONG_CODE in login(client, single.user.username, wrong_code(single)).text

    first.refresh_from_db()
    second.refresh_from_db()
    single.refresh_from_db()
    assert first.throttling_failure_count == second.throttling_failure_count == single.throttling_failure_count >= 1
    # The throttle holds for both apps alike: even the right code waits until it has passed.
    assert WRONG_CODE in login(client, user.username, current_code(second)).text
    assert "_auth_user_id" not in client.session


def test_five_wrong_codes_still_lock_the_account_with_two_apps(client, two_apps):
    user, first, second = two_apps

    for _ in range(4):
        assert LOCKED not in login(client, user.username, wrong_code(first, second)).text
    fifth = login(client, user.username, wrong_code(first, second))

    assert fifth.status_code == 429
    assert LOCKED in fifth.text
    for device in (first, second):
        after = login(client, user.username, current_code(device))
        assert after.status_code == 429
        assert LOCKED in after.text
    assert "_auth_user_id" not in client.session
