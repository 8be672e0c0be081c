"""Toestemmingen in the portal: what I (or my child under 16) consented to, withdrawn in one click at once; another
person's consent is a 404 and changes nothing; a principal's consents only in the authorised domains, read-only."""

import pytest
from django.urls import reverse

from ...audit.models import Event, ProcessingLogEntry
from ...audit.services import pseudonym
from ...residents.models import Consent
from ...testing import database_fingerprint
from .helpers import page_queries, portal_login, portal_view_as
from .test_authorisation_fixtures import TODAY, authorisation_today, authorise, consent_make, family_make  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("authorisation_today")]


@pytest.fixture
def family():
    return family_make()


def test_my_consents_show_for_whom_which_data_in_plain_words_what_for_and_status(client, family):
    consent_make(family.household, family.mother, organisation="Werkgeversservicepunt", domain="P", scope="Werk zoeken")
    consent_make(family.household, family.partner, organisation="Jeugdzorg Oost", domain="J")
    portal_login(client, family.mother)
    page = client.get(reverse("portal:consents"))
    assert page.status_code == 200
    assert "Werkgeversservicepunt" in page.text
    assert "Werk en bijstand (Participatiewet)" in page.text
    assert "Werk zoeken" in page.text
    assert "Geldt nu" in page.text
    assert "Toestemming aan Werkgeversservicepunt intrekken" in page.text
    assert "Jeugdzorg Oost" not in page.text  # the partner's own consent


def test_reading_the_consents_is_logged_with_channel_portal(client, family):
    portal_login(client, family.mother)
    client.get(reverse("portal:consents"))
    entry = ProcessingLogEntry.objects.filter(activity_id="consent", channel="portal").latest("id")
    assert entry.pseudonyms == [pseudonym(family.mother.bsn)]


def test_withdrawing_my_consent_takes_effect_at_once_with_an_event(client, family):
    consent = consent_make(family.household, family.mother)
    user = portal_login(client, family.mother)
    response = client.post(reverse("portal:consent_withdraw", args=[consent.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("portal:consents")
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == user
    assert not consent.is_active_on(TODAY)
    assert Event.objects.filter(action="consent.withdrawn", subject_id=str(consent.pk), actor=user).exists()
    page = client.get(reverse("portal:consents"))
    assert "U hebt de toestemming ingetrokken." in page.text
    assert "Ingetrokken" in page.text
    assert "intrekken</button>" not in page.text


def test_withdrawing_twice_says_so_in_dutch_and_changes_nothing(client, family):
    consent = consent_make(family.household, family.mother)
    portal_login(client, family.mother)
    client.post(reverse("portal:consent_withdraw", args=[consent.pk]))
    before = database_fingerprint()
    client.post(reverse("portal:consent_withdraw", args=[consent.pk]))
    assert database_fingerprint() == before
    assert "Deze toestemming is al ingetrokken." in client.get(reverse("portal:consents")).text


@pytest.mark.parametrize("whose", ["partner", "older", "stranger"])
def test_withdrawing_another_persons_consent_is_a_404_and_changes_nothing(client, family, whose):
    person = getattr(family, whose)
    household = family.other_household if whose == "stranger" else family.household
    consent = consent_make(household, person)
    portal_login(client, family.mother)
    before = database_fingerprint()
    assert client.post(reverse("portal:consent_withdraw", args=[consent.pk])).status_code == 404
    assert database_fingerprint() == before
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is None


def test_withdrawing_is_post_only(client, family):
    consent = consent_make(family.household, family.mother)
    portal_login(client, family.mother)
    assert client.get(reverse("portal:consent_withdraw", args=[consent.pk])).status_code == 405


def test_a_parent_sees_and_withdraws_the_consent_of_a_child_under_16(client, family):
    consent = consent_make(family.household, family.young, organisation="Jeugdzorg Oost", domain="J")
    portal_login(client, family.mother)
    portal_view_as(client, family.young)
    page = client.get(reverse("portal:consents"))
    assert "Jeugdzorg Oost" in page.text
    assert client.post(reverse("portal:consent_withdraw", args=[consent.pk])).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_a_parent_does_not_see_the_consent_of_a_child_of_16(client, family):
    consent_make(family.household, family.older, organisation="Jeugdzorg Oost", domain="J")
    portal_login(client, family.mother)
    portal_view_as(client, family.older)  # not represented: the page stays on the mother
    page = client.get(reverse("portal:consents"))
    assert "Jeugdzorg Oost" not in page.text


def test_an_agent_sees_a_principals_consents_only_in_the_authorised_domains_and_cannot_withdraw(client, family):
    authorise(family.older, family.mother, domains=["P"])
    work = consent_make(family.household, family.older, organisation="Werkgeversservicepunt", domain="P")
    youth = consent_make(family.household, family.older, organisation="Jeugdzorg Oost", domain="J")
    portal_login(client, family.mother)
    portal_view_as(client, family.older)
    page = client.get(reverse("portal:consents"))
    assert "Werkgeversservicepunt" in page.text
    assert "Jeugdzorg Oost" not in page.text
    assert "intrekken</button>" not in page.text
    before = database_fingerprint()
    for consent in (work, youth):
        assert client.post(reverse("portal:consent_withdraw", args=[consent.pk])).status_code == 404
    assert database_fingerprint() == before


def test_the_page_runs_the_same_queries_for_1_or_12_consents(client, family):

    consent_make(family.household, family.mother)
    portal_login(client, family.mother)
    url = reverse("portal:consents")
    counts = []
    for extra in (0, 11):
        for n in range(extra):
            consent_make(family.household, family.mother, organisation=f"Organisatie {n}", given_by=None)
        counts.append(page_queries(client, url))
    assert counts[0] == counts[1], counts
