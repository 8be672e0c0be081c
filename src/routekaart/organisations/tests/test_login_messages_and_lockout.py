import pytest
from django.urls import reverse

from routekaart.testing import PASSWORD, current_code

from .factories import TOTPDeviceFactory, UserFactory

pytestmark = [pytest.mark.django_db]

WRONG_LOGIN = "De gebruikersnaam of het wachtwoord klopt niet."
WRONG_CODE = "De code uit de authenticator-app klopt niet"
LOCKED = "Account tijdelijk geblokkeerd"


def login(client, username: str, password: str, code: str = ""):
    return client.post(reverse("login"), {"username": username, "password": password, "otp_token": code})


def test_wrong_password_gives_a_dutch_message_and_no_session(client, production_login):
    user = UserFactory()
    response = login(client, user.username, "fout-wachtwoord")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert "_auth_user_id" not in client.session


def test_unknown_user_gets_the_same_message_as_a_wrong_password(client, production_login):
    response = login(client, "bestaat-niet", "wat-dan-ook")
    assert WRONG_LOGIN in response.text


def test_wrong_totp_code_gives_a_dutch_message(client, production_login):
    device = TOTPDeviceFactory()
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = login(client, device.user.username, PASSWORD, wrong)
    assert WRONG_CODE in response.text
    assert "_auth_user_id" not in client.session


def test_missing_totp_code_asks_for_it(client, production_login):
    device = TOTPDeviceFactory()
    response = login(client, device.user.username, PASSWORD)
    assert "Vul de zescijferige code" in response.text


def test_right_totp_code_logs_in_verified(client, production_login):
    device = TOTPDeviceFactory()
    response = login(client, device.user.username, PASSWORD, current_code(device))
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.wsgi_request.user.is_verified()


@pytest.mark.parametrize("failure", ["password", "code"])
def test_fifth_failure_locks_the_account_even_for_the_right_password(client, production_login, failure):
    device = TOTPDeviceFactory()
    username = device.user.username
    bad = (
        (lambda: login(client, username, "fout"))
        if failure == "password"
        else (lambda: login(client, username, PASSWORD, "000000" if current_code(device) != "000000" else "111111"))
    )
    for _ in range(4):
        assert LOCKED not in bad().text
    fifth = bad()
    assert fifth.status_code == 429
    assert LOCKED in fifth.text
    after = login(client, username, PASSWORD, current_code(device))
    assert after.status_code == 429
    assert "_auth_user_id" not in client.session
