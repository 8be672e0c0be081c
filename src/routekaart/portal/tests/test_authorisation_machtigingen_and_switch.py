"""Machtigingen in the portal and the person switch: a child of 16+ becomes visible only with their authorisation,
only for its domains; withdrawing ends it at once (the next request no longer shows the person); the switch ignores
any id outside the scope and goes back only to a local address; another person's authorisation is a 404."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from ...audit.models import Event, ProcessingLogEntry
from ...audit.services import pseudonym
from ...residents.models import Authorisation
from ...residents.tests.factories import ResidentFactory
from ...testing import database_fingerprint
from ..session import VIEWING_KEY
from .helpers import page_queries, portal_login
from .test_authorisation_fixtures import authorisation_today, authorise, family_make  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("authorisation_today")]


@pytest.fixture
def family():
    return family_make()


def switch(client, person_id, next_url="/mijn/toestemmingen/"):
    return client.post(reverse("portal:person_switch"), {"person": str(person_id), "next": next_url})


def viewing(client):
    return client.session.get(VIEWING_KEY)


def test_the_page_lists_whom_i_authorised_and_who_authorised_me_and_logs_the_read(client, family):
    authorise(family.mother, family.partner, domains=["P", "G"])
    authorise(family.older, family.mother, domains=["J"])
    portal_login(client, family.mother)
    page = client.get(reverse("portal:authorisations"))
    assert page.status_code == 200
    assert "Machtiging van Jeroen Oosterveld intrekken" in page.text
    assert "Werk en bijstand (Participatiewet)" in page.text
    assert "Bekijk de gegevens van Sanne Oosterveld" in page.text
    entry = ProcessingLogEntry.objects.filter(activity_id="consent", channel="portal").latest("id")
    assert set(entry.pseudonyms) == {pseudonym(p.bsn) for p in (family.mother, family.partner, family.older)}


def test_a_child_of_16_is_not_switchable_without_an_authorisation(client, family):
    portal_login(client, family.mother)
    assert switch(client, family.older.pk).status_code == 302
    assert viewing(client) is None
    page = client.get(reverse("portal:consents"))
    assert f'value="{family.older.pk}"' not in page.text


def test_a_child_of_16_becomes_visible_with_their_authorisation(client, family):
    authorise(family.older, family.mother, domains=["P"])
    portal_login(client, family.mother)
    response = switch(client, family.older.pk)
    assert response["Location"] == "/mijn/toestemmingen/"
    assert viewing(client) == family.older.pk
    page = client.get(reverse("portal:consents"))
    assert "Sanne Oosterveld mogen zien" in page.text


def test_a_child_under_16_is_switchable_without_an_authorisation(client, family):
    portal_login(client, family.mother)
    switch(client, family.young.pk)
    assert viewing(client) == family.young.pk


def test_withdrawing_ends_it_at_once_the_next_request_no_longer_shows_the_person(client, family):
    authorisation = authorise(family.older, family.mother)
    portal_login(client, family.mother)
    switch(client, family.older.pk)
    assert "Sanne Oosterveld mogen zien" in client.get(reverse("portal:consents")).text

    theirs = Client()  # the principal withdraws in their own session
    portal_login(theirs, family.older)
    response = theirs.post(reverse("portal:authorisation_withdraw", args=[authorisation.pk]))
    assert response["Location"] == reverse("portal:authorisations")
    assert Authorisation.objects.get(pk=authorisation.pk).withdrawn_at is not None
    assert Event.objects.filter(action="authorisation.withdrawn").count() == 1

    page = client.get(reverse("portal:consents"))
    assert "Sanne Oosterveld" not in page.text
    assert "Hier ziet u welke organisaties uw gegevens mogen zien" in page.text
    switch(client, family.older.pk)
    assert viewing(client) is None


@pytest.mark.parametrize("value", ["stranger", "partner", "older", "999999999", "abc", "-1", ""])
def test_the_switch_ignores_anything_outside_the_scope_and_stays_on_oneself(client, family, value):
    portal_login(client, family.mother)
    switch(client, family.young.pk)
    person = getattr(family, value).pk if value in ("stranger", "partner", "older") else value
    before = database_fingerprint()
    response = switch(client, person)
    assert response.status_code == 302 and response["Location"] == "/mijn/toestemmingen/"
    assert viewing(client) is None
    assert database_fingerprint() == before


@pytest.mark.parametrize("unsafe", ["https://evil.example/mijn/", "//evil.example/", "javascript:alert(1)"])
def test_the_switch_goes_back_only_to_a_local_address(client, family, unsafe):
    portal_login(client, family.mother)
    response = switch(client, family.young.pk, next_url=unsafe)
    assert response["Location"] == reverse("portal:home")


def test_the_switch_is_post_only(client, family):
    portal_login(client, family.mother)
    assert client.get(reverse("portal:person_switch"), {"person": family.young.pk}).status_code == 405


@pytest.mark.parametrize("case", ["received", "stranger"])
def test_withdrawing_an_authorisation_i_did_not_give_is_a_404_and_changes_nothing(client, family, case):
    if case == "received":
        authorisation = authorise(family.older, family.mother)  # the mother is the agent
    else:
        authorisation = authorise(family.stranger, family.partner)
    portal_login(client, family.mother)
    before = database_fingerprint()
    assert client.post(reverse("portal:authorisation_withdraw", args=[authorisation.pk])).status_code == 404
    assert database_fingerprint() == before


def test_withdrawing_twice_says_so_in_dutch_and_changes_nothing(client, family):
    authorisation = authorise(family.mother, family.partner)
    portal_login(client, family.mother)
    client.post(reverse("portal:authorisation_withdraw", args=[authorisation.pk]))
    before = database_fingerprint()
    client.post(reverse("portal:authorisation_withdraw", args=[authorisation.pk]))
    assert database_fingerprint() == before
    assert "Deze machtiging is al ingetrokken." in client.get(reverse("portal:authorisations")).text


def test_the_page_runs_the_same_queries_for_1_or_10_authorisations(client, family):
    portal_login(client, family.mother)
    url = reverse("portal:authorisations")
    counts = []
    for extra in (1, 5):
        for _ in range(extra):
            authorise(family.mother, ResidentFactory(birth_date=date(1970, 1, 1)))
            authorise(ResidentFactory(birth_date=date(1970, 1, 1)), family.mother)
        counts.append(page_queries(client, url))
    assert counts[0] == counts[1], counts
