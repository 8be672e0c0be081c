"""Pages and API answers with personal data are never cached and deny browser features; no error page prints a
number typed into the address (it may be a BSN), under production settings (DEBUG off, second factor on)."""

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import TOTPDeviceFactory, UserFactory
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory

pytestmark = [pytest.mark.django_db]

TYPED_BSN = "999900006"


@pytest.fixture
def verified(client, production_login, settings):
    """A coordinator signed in with a proven second factor, as in production."""
    settings.DEBUG = False
    user = UserFactory(role=Role.COORDINATOR)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDeviceFactory(user=user).persistent_id
    session.save()
    return user


def test_a_household_page_is_not_cached_and_denies_browser_features(client, verified):
    household = MembershipFactory().household
    InvolvementFactory(household=household, organisation=verified.affiliations.get().organisation, user=verified)
    response = client.get(reverse("residents:household_detail", args=[household.pk]))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_every_api_answer_is_not_cached(client, verified):
    response = client.get("/api/v1/households/")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_login_page_denies_browser_features_too(client):
    assert "camera=()" in client.get(reverse("login")).headers["Permissions-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        f"/huishoudens/{TYPED_BSN}/",  # refused: no such household (or not involved)
        f"/huishoudens/{TYPED_BSN}/onbekend/",  # no such page
        f"/api/v1/households/{TYPED_BSN}/",
        f"/api/v1/bestaat-niet/{TYPED_BSN}/",
    ],
)
def test_a_bsn_typed_into_an_address_is_not_echoed(client, verified, path):
    response = client.get(path)
    assert response.status_code in (403, 404)
    assert TYPED_BSN not in response.content.decode()
    assert "no-store" in response.headers["Cache-Control"]


def test_the_404_page_is_dutch_and_names_no_address(client, verified):
    response = client.get(f"/onbekend/{TYPED_BSN}/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)." in response.text
    assert TYPED_BSN not in response.text


def test_the_api_404_answers_json_with_one_detail(client, verified):
    response = client.get(f"/api/v1/bestaat-niet/{TYPED_BSN}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Deze pagina bestaat niet (meer)."


@pytest.mark.parametrize(("handler", "status"), [("bad_request", 400), ("permission_denied", 403)])
def test_the_400_and_403_pages_print_neither_the_address_nor_the_exception(rf, handler, status):
    from django.contrib.auth.models import AnonymousUser

    from routekaart.core import errors

    request = rf.get(f"/huishoudens/{TYPED_BSN}/")
    request.user = AnonymousUser()
    response = getattr(errors, handler)(request, Exception(f"/huishoudens/{TYPED_BSN}/"))
    assert response.status_code == status
    assert TYPED_BSN not in response.content.decode()


def test_the_500_page_is_dutch_and_prints_nothing_of_the_request(rf):
    from routekaart.core import errors

    response = errors.server_error(rf.get(f"/huishoudens/{TYPED_BSN}/"))
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant." in response.content.decode()
    assert TYPED_BSN not in response.content.decode()


def test_the_500_page_wears_the_site_layout_and_its_language(rf):
    from routekaart.core import errors

    body = errors.server_error(rf.get("/")).content.decode()

    assert 'class="utrecht-theme"' in body
    assert "routekaart/site.css" in body
    assert 'lang="nl"' in body
    assert '<main id="main"' in body
