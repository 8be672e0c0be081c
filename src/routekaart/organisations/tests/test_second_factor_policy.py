import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from routekaart.organisations.roles import Role
from routekaart.testing import PASSWORD, current_code

from .factories import UserFactory

pytestmark = [pytest.mark.django_db]


def test_production_sends_a_user_without_device_to_link_one_before_anything_else(client, production_login):
    user = UserFactory(role=Role.COORDINATOR, is_demo=True)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("two_factor_setup")


def test_linking_a_device_with_a_valid_code_verifies_the_session(client, production_login):
    user = UserFactory(role=Role.COORDINATOR)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


def test_linking_with_a_wrong_code_changes_nothing(client, production_login):
    user = UserFactory(role=Role.COORDINATOR)
    client.force_login(user)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"token": "12345"})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_demo_accounts_skip_the_second_factor_only_in_demo_and_see_it_marked(client, demo_login):
    user = UserFactory(role=Role.COORDINATOR, is_demo=True)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "zonder tweede factor" in response.text


def test_non_demo_accounts_need_the_second_factor_even_in_demo(client, demo_login):
    user = UserFactory(role=Role.COORDINATOR, is_demo=False)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.get(reverse("home")).url == reverse("two_factor_setup")


def test_production_settings_require_the_second_factor():
    """Read in a fresh interpreter: settings modules read the environment once, at import."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "SECRET_KEY": "Zq8-long-random-production-secret-key-that-is-not-real-xyz",
        "ALLOWED_HOSTS": "routekaart.example.nl",
        "BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BSN_HASH_KEY": "h" * 40,
        "PSEUDONYM_KEY": "p" * 40,
    }
    code = (
        "from routekaart.conf import production as p; print(p.TWO_FACTOR_REQUIRED, p.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR)"
    )
    src = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=src)
    assert result.stdout.split() == ["True", "False"], result.stderr
