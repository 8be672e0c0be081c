"""The login's own pages, and what a portal account meets outside the portal."""

import socket

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ...organisations.roles import Role
from ...organisations.tests.factories import UserFactory
from ...residents.tests.factories import MembershipFactory
from ...testing import database_fingerprint
from .. import login as login_module
from ..login import DIGID_BASIS, DIGID_HOOG, DIGID_LEVELS, DIGID_MIDDEN, assurance_sufficient
from ..session import SESSION_KEY
from .helpers import portal_login
from .oidc import settings_for

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_digid_and_says_when_the_session_ended(client):
    page = client.get(reverse("portal:login")).content.decode()
    assert "Inloggen met DigiD" in page
    assert reverse("portal:oidc_authentication_init") in page
    assert "Uw sessie is verlopen" not in page
    assert "Uw sessie is verlopen" in client.get(reverse("portal:login") + "?verlopen=1").content.decode()


def test_the_login_page_of_someone_logged_in_to_the_portal_goes_to_the_portal(client):
    portal_login(client, MembershipFactory().resident)
    assert client.get(reverse("portal:login"))["Location"] == reverse("portal:home")


def test_logout_ends_the_portal_login_and_the_django_session(client):
    portal_login(client, MembershipFactory().resident)
    assert client.get(reverse("portal:logout")).status_code == 405  # a link cannot log anyone out
    response = client.post(reverse("portal:logout"))
    assert response["Location"] == reverse("portal:login") + "?uitgelogd=1"
    assert SESSION_KEY not in client.session
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")
    assert "U bent uitgelogd" in client.get(response["Location"]).content.decode()


def test_a_refused_page_without_a_known_reason_says_the_login_did_not_finish(client):
    page = client.get(reverse("portal:refused") + "?reden=<script>").content.decode()
    assert "Het inloggen met DigiD is niet afgemaakt" in page
    assert "<script>" not in page


def test_the_levels_are_ordered_and_an_unknown_level_is_never_enough():
    assert DIGID_LEVELS == (DIGID_BASIS, DIGID_MIDDEN, login_module.DIGID_SUBSTANTIEEL, DIGID_HOOG)
    assert not assurance_sufficient(DIGID_BASIS, DIGID_MIDDEN)
    assert assurance_sufficient(DIGID_MIDDEN, DIGID_MIDDEN)
    assert assurance_sufficient(DIGID_HOOG, DIGID_MIDDEN)
    assert not assurance_sufficient("urn:something:else", DIGID_MIDDEN)
    assert not assurance_sufficient(None, DIGID_MIDDEN)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_digid_that_does_not_answer_gives_a_dutch_page_to_try_again_not_a_500(client, settings):
    for name, value in settings_for(f"http://127.0.0.1:{_closed_port()}").items():
        setattr(settings, name, value)
    settings.OIDC_TIMEOUT = 1
    before = database_fingerprint()

    response = client.get(reverse("portal:oidc_authentication_init"))

    assert response.status_code == 503
    page = response.content.decode()
    assert "Inloggen met DigiD lukt nu niet" in page
    assert reverse("portal:login") in page
    assert database_fingerprint() == before


def test_digid_that_stops_answering_during_the_round_trip_gives_the_same_page(client, settings, oidc_server):
    resident = MembershipFactory().resident
    from .oidc import oidc_user

    sub = oidc_user(oidc_server, bsn=resident.bsn)
    start = client.get(reverse("portal:oidc_authentication_init"))
    import httpx

    answer = httpx.post(start["Location"], data={"sub": sub}, follow_redirects=False, timeout=5)
    settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{_closed_port()}/oauth2/token"  # the broker went away
    settings.OIDC_TIMEOUT = 1
    before = database_fingerprint()

    back = answer.headers["location"].split("testserver", 1)[1]
    response = client.get(back)

    assert response.status_code == 503
    assert "Inloggen met DigiD lukt nu niet" in response.content.decode()
    assert database_fingerprint() == before
    assert SESSION_KEY not in client.session


def test_home_of_a_portal_account_logged_in_with_a_password_goes_to_the_portal(client, demo_login):
    """The demo's `inwoner`: a resident's own account with the resident role, logged in at the staff login."""
    resident = MembershipFactory().resident
    user = UserFactory(role=Role.RESIDENT, is_demo=True)
    resident.user = user
    resident.save(update_fields=["user"])
    client.force_login(user)

    response = client.get(reverse("home"))

    assert response["Location"] == reverse("portal:home")
    assert client.get(response["Location"])["Location"] == reverse("portal:login")


def test_a_portal_login_that_opens_a_staff_page_is_sent_to_the_portal(client):
    portal_login(client, MembershipFactory().resident)
    for path in (reverse("home"), reverse("network"), "/huishoudens/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("portal:home"), path
    assert client.get(reverse("portal:login"))["Location"] == reverse("portal:home")


def test_a_staff_member_is_not_sent_to_the_portal(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    MembershipFactory(resident__user=user)  # a coordinator who also lives in the town
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("network")).status_code in (200, 403)


def test_the_login_pages_run_a_fixed_number_of_queries_whatever_the_data(client):
    """They read no one's data: the same queries in an empty town and in a town with households."""
    pages = [
        reverse("portal:login"),
        reverse("portal:login") + "?verlopen=1",
        reverse("portal:unknown"),
        reverse("portal:refused") + "?reden=niveau",
    ]

    def counts() -> list[int]:
        found = []
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page).status_code == 200
            found.append(len(queries))
        return found

    few = counts()
    MembershipFactory.create_batch(5)
    assert counts() == few
    assert max(few) <= 2
