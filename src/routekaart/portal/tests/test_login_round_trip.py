"""The DigiD login for real: Django's test client and a local OIDC provider, through the whole round trip."""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
import pytest
from django.urls import reverse

from ...audit.models import Event
from ...residents.tests.factories import MembershipFactory, ResidentFactory
from ...testing import database_fingerprint
from ..login import DIGID_BASIS, DIGID_HOOG
from ..session import SESSION_KEY
from .oidc import oidc_login, oidc_provider, oidc_user, settings_for

pytestmark = pytest.mark.django_db


def refused_reason(response) -> str:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:refused"))
    return response["Location"].split("reden=")[1]


def test_login_with_digid_midden_lands_on_the_portal_as_that_resident(client, oidc_server):
    resident = MembershipFactory().resident
    sub = oidc_user(oidc_server, bsn=resident.bsn)

    response = oidc_login(client, oidc_server, sub)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    login = client.session[SESSION_KEY]
    assert login["resident_id"] == resident.pk
    home = client.get(reverse("portal:home"))
    assert home.wsgi_request.portal.me == resident
    resident.refresh_from_db()
    assert resident.user is not None and not resident.user.has_usable_password()
    assert not resident.user.affiliations.exists()


def test_first_login_links_an_account_with_one_event_and_a_second_login_reuses_it(client, oidc_server):
    resident = MembershipFactory().resident
    sub = oidc_user(oidc_server, bsn=resident.bsn)

    oidc_login(client, oidc_server, sub)
    client.post(reverse("portal:logout"))
    oidc_login(client, oidc_server, sub)

    resident.refresh_from_db()
    events = Event.objects.filter(action="resident.portal_account_linked")
    assert events.count() == 1
    event = events.get()
    assert event.subject_id == str(resident.pk)
    assert resident.bsn not in str(event.after) and resident.family_name not in str(event.after)
    assert client.session[SESSION_KEY]["resident_id"] == resident.pk


def test_a_higher_level_than_midden_is_let_in(client, oidc_server):
    resident = MembershipFactory().resident
    response = oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn, assurance=DIGID_HOOG))
    assert response["Location"] == reverse("portal:home")


def test_digid_basis_is_refused_with_the_reason_in_dutch_and_nothing_changes(client, oidc_server):
    resident = MembershipFactory().resident
    sub = oidc_user(oidc_server, bsn=resident.bsn, assurance=DIGID_BASIS)
    before = database_fingerprint()

    response = oidc_login(client, oidc_server, sub)

    assert refused_reason(response) == "niveau"
    assert database_fingerprint() == before
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert "Voor Mijn Routekaart is meer zekerheid nodig" in page.content.decode()
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")


def test_a_token_without_a_level_is_refused(client, oidc_server):
    resident = MembershipFactory().resident
    before = database_fingerprint()
    response = oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn, assurance=None))
    assert refused_reason(response) == "niveau"
    assert database_fingerprint() == before


def test_a_token_without_a_bsn_is_refused_and_nothing_changes(client, oidc_server):
    MembershipFactory()
    before = database_fingerprint()

    response = oidc_login(client, oidc_server, oidc_user(oidc_server))

    assert refused_reason(response) == "bsn"
    assert database_fingerprint() == before
    page = client.get(response["Location"]).content.decode()
    assert "DigiD gaf ons geen geldig burgerservicenummer door" in page


def test_a_bsn_that_fails_the_eleven_check_is_refused(client, oidc_server):
    before = database_fingerprint()
    response = oidc_login(client, oidc_server, oidc_user(oidc_server, bsn="123456789"))
    assert refused_reason(response) == "bsn"
    assert database_fingerprint() == before


def test_an_expired_token_is_refused_and_nothing_changes(client, settings):
    resident = MembershipFactory().resident
    with oidc_provider(token_max_age=timedelta(seconds=-120)) as base_url:
        for name, value in settings_for(base_url).items():
            setattr(settings, name, value)
        sub = oidc_user(base_url, bsn=resident.bsn)
        before = database_fingerprint()

        response = oidc_login(client, base_url, sub)

    assert refused_reason(response) == "verlopen"
    assert database_fingerprint() == before
    assert SESSION_KEY not in client.session
    assert "Uw inlog bij DigiD was al verlopen" in client.get(response["Location"]).content.decode()


def test_an_unknown_bsn_gets_the_we_do_not_know_you_page_and_no_account(client, oidc_server):
    stranger = ResidentFactory.build().bsn  # a valid BSN, of nobody Routekaart knows
    before = database_fingerprint()

    response = oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=stranger), follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:unknown")
    assert response.status_code == 200
    assert "We kennen u nog niet" in response.content.decode()
    assert database_fingerprint() == before
    assert SESSION_KEY not in client.session


def test_a_known_resident_in_no_household_today_gets_the_same_page_and_no_account(client, oidc_server):
    resident = ResidentFactory()
    before = database_fingerprint()

    response = oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn))

    assert response["Location"] == reverse("portal:unknown")
    assert database_fingerprint() == before
    resident.refresh_from_db()
    assert resident.user is None


def test_the_bsn_is_in_no_log_record_and_not_in_the_session(client, oidc_server, caplog):
    resident = MembershipFactory().resident
    stranger = ResidentFactory.build().bsn
    caplog.set_level(logging.DEBUG)

    oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn, assurance=DIGID_BASIS))
    oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=stranger))
    oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn))

    assert client.session[SESSION_KEY]["resident_id"] == resident.pk
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + str(record.exc_info or "")
        assert resident.bsn not in text and stranger not in text, record.name
    stored = repr(dict(client.session.items()))
    assert resident.bsn not in stored


def test_a_portal_login_cycles_the_session_key(client, oidc_server):
    resident = MembershipFactory().resident
    client.get(reverse("portal:login"))
    client.session.save()
    start = client.get(reverse("portal:oidc_authentication_init"))  # the session that carries the OIDC state
    before = client.session.session_key
    assert start.status_code == 302

    oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn))

    assert client.session.session_key != before
    assert client.session[SESSION_KEY]["resident_id"] == resident.pk


def test_after_the_digid_session_ended_a_staff_page_still_sends_the_resident_to_the_portal(client, oidc_server):
    """Not to the staff's second-factor set-up: the Django session that DigiD opened stays the resident's."""
    resident = MembershipFactory().resident
    oidc_login(client, oidc_server, oidc_user(oidc_server, bsn=resident.bsn))
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "expires_at": 0}
    session.save()
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login") + "?verlopen=1"

    response = client.get(reverse("home"))

    assert response["Location"] == reverse("portal:home")
    assert client.get(response["Location"])["Location"] == reverse("portal:login")


def test_cancelling_at_digid_says_the_login_did_not_finish(client, oidc_server):
    start = client.get(reverse("portal:oidc_authentication_init"))
    answer = httpx.post(start["Location"], data={"action": "deny"}, follow_redirects=False, timeout=5)
    back = urlsplit(answer.headers["location"])

    response = client.get(f"{back.path}?{back.query}")

    assert refused_reason(response) == "mislukt"
    assert SESSION_KEY not in client.session


def test_a_callback_used_twice_or_from_another_browser_is_refused_not_an_error(client, oidc_server):
    resident = MembershipFactory().resident
    sub = oidc_user(oidc_server, bsn=resident.bsn)
    start = client.get(reverse("portal:oidc_authentication_init"))
    answer = httpx.post(start["Location"], data={"sub": sub}, follow_redirects=False, timeout=5)
    back = urlsplit(answer.headers["location"])
    callback = f"{back.path}?{back.query}"

    assert client.get(callback)["Location"] == reverse("portal:home")
    client.post(reverse("portal:logout"))
    client.get(reverse("portal:oidc_authentication_init"))  # a new round trip started, another state kept
    before = database_fingerprint()

    replayed = client.get(callback)

    assert refused_reason(replayed) == "mislukt"
    assert SESSION_KEY not in client.session
    assert database_fingerprint() == before
