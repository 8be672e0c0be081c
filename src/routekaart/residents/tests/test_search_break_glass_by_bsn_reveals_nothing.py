"""Emergency access from the search: offered on a full BSN that found no one, answered alike whether anyone has it."""

import logging
import re

import pytest

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from ..access import household_access_check
from ..models import BreakGlass
from .factories import MembershipFactory, ResidentFactory, bsn_for

pytestmark = pytest.mark.django_db
SEARCH = "/huishoudens/zoeken/"
BREAK_GLASS = "/huishoudens/zoeken/noodtoegang/"
REASON = "Acute zorgen over de veiligheid van een kind, collega niet bereikbaar"


def without_tokens(html: str) -> str:
    """The page without its per-request CSRF and CSP nonce values."""
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


def test_a_bsn_that_finds_no_one_offers_emergency_access_whether_the_person_exists_or_not(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    assert user.has_perm("residents.break_glass")
    existing = MembershipFactory().resident
    missing = bsn_for(4_444_444)
    known = client.post(SEARCH, {"bsn": existing.bsn})
    unknown = client.post(SEARCH, {"bsn": missing})
    assert "data-break-glass-offer" in known.text
    assert without_tokens(unknown.text).replace(missing, "BSN") == without_tokens(known.text).replace(
        existing.bsn, "BSN"
    )


def test_no_emergency_offer_on_a_name_search(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    MembershipFactory(resident=ResidentFactory(family_name="Mulder"))
    response = client.post(SEARCH, {"family_name": "Mulder"})
    assert "data-break-glass-offer" not in response.text


def test_breaking_the_glass_by_bsn_answers_the_same_page_for_a_known_and_an_unknown_bsn(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    existing = MembershipFactory().resident
    missing = bsn_for(4_444_444)
    known = client.post(BREAK_GLASS, {"bsn": existing.bsn, "reason": REASON})
    unknown = client.post(BREAK_GLASS, {"bsn": missing, "reason": REASON})
    assert known.status_code == unknown.status_code == 200
    assert without_tokens(unknown.text).replace(missing, "BSN") == without_tokens(known.text).replace(
        existing.bsn, "BSN"
    )
    # Access was opened for the existing person only; the unknown BSN was logged as a refused attempt.
    household_id = existing.memberships.get().household_id
    assert list(BreakGlass.objects.values_list("user", "household")) == [(user.pk, household_id)]
    attempts = ProcessingLogEntry.objects.filter(actor=user, activity_id="break-the-glass")
    assert sorted(attempts.values_list("result", flat=True)) == sorted([Result.BREAK_GLASS, Result.DENIED])


def test_after_breaking_the_glass_the_search_finds_the_household_and_logs_the_read_as_break_glass(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    existing = MembershipFactory().resident
    assert client.post(SEARCH, {"bsn": existing.bsn}).context["result"].rows == []
    client.post(BREAK_GLASS, {"bsn": existing.bsn, "reason": REASON})
    response = client.post(SEARCH, {"bsn": existing.bsn})
    rows = response.context["result"].rows
    assert [row.resident.pk for row in rows] == [existing.pk]
    assert rows[0].break_glass
    read = ProcessingLogEntry.objects.filter(actor=user, activity_id="household-file", result=Result.BREAK_GLASS)
    assert read.filter(reason=REASON).exists()
    assert household_access_check(user=user, household_id=rows[0].household_id).basis == "break_glass"


def test_a_short_reason_is_refused_in_dutch_and_changes_nothing(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    existing = MembershipFactory().resident
    before = database_fingerprint()
    response = client.post(BREAK_GLASS, {"bsn": existing.bsn, "reason": "spoed"})
    assert response.status_code == 400
    assert "Beschrijf de reden in ten minste 20 tekens." in response.text
    assert database_fingerprint() == before


def test_a_role_without_break_glass_gets_no_offer_and_no_access(staff_client):
    client, user = staff_client(Role.EMPLOYER_ADVISER)
    if user.has_perm("residents.break_glass"):
        pytest.skip("this role may break the glass")
    existing = MembershipFactory().resident
    assert client.post(BREAK_GLASS, {"bsn": existing.bsn, "reason": REASON}).status_code == 403
    assert not BreakGlass.objects.exists()


def test_the_bsn_never_reaches_the_processing_log_or_the_log_output(staff_client, caplog):
    client, user = staff_client(Role.COORDINATOR)
    existing = MembershipFactory().resident
    missing = bsn_for(4_444_444)
    with caplog.at_level(logging.DEBUG):
        client.post(SEARCH, {"bsn": existing.bsn})
        client.post(SEARCH, {"bsn": missing})
        client.post(SEARCH, {"bsn": "123456788"})  # refused by the 11-check
        client.post(BREAK_GLASS, {"bsn": existing.bsn, "reason": REASON})
        client.post(BREAK_GLASS, {"bsn": missing, "reason": REASON})
        client.post(SEARCH, {"bsn": existing.bsn})
    logged = caplog.text + " ".join(
        str(value) for row in ProcessingLogEntry.objects.filter(actor=user).values() for value in row.values()
    )
    assert ProcessingLogEntry.objects.filter(actor=user).exists()
    for bsn in (existing.bsn, missing, "123456788"):
        assert bsn not in logged
