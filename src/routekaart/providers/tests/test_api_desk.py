"""/api/v1/aanbieder/: a provider system with its user's token sees and changes only its own organisation's
assignments (another's: 404), by the same selectors and services as the desk's pages; bad input is a 400 naming the
field in Dutch with nothing changed; a message comes in as XML and is answered with its retour."""

import pytest

from routekaart.testing import FINGERPRINT_IGNORES, problem_fields, problem_reasons
from routekaart.testing import database_fingerprint as fingerprint_of_all

from ...audit.models import Event, ProcessingLogEntry
from ...audit.services import pseudonym
from ...organisations.roles import Role
from ...organisations.tests.factories import UserFactory
from ..models import AssignmentStatus, ProgressReport
from .desk_helpers import api_for, assignment_make, provider_make

pytestmark = [pytest.mark.django_db]

BASE = "/api/v1/aanbieder/toewijzingen/"
MESSAGES = "/api/v1/aanbieder/berichten/"
# Every use of a token is an event of its own (organisations.middleware.ApiTokenUseMiddleware) and refreshes the
# token: those two tables are compared without the token's bookkeeping (`database_fingerprint` below).
TOKEN_BOOKKEEPING = FINGERPRINT_IGNORES | {"audit_event", "knox_authtoken"}
PROGRESS = {
    "reported_on": "2026-11-20",
    "summary": "Loopt volgens plan.",
    "goal_ratings": [{"goal": 11, "rating": "on_track", "text": "Elke maandag."}, {"goal": 12, "rating": "behind"}],
}


def database_fingerprint() -> dict:
    """Every table as `routekaart.testing.database_fingerprint`, and the events other than a token's use."""
    events = list(Event.objects.exclude(action="api_token.used").order_by("id").values_list("id", "action"))
    return {**fingerprint_of_all(TOKEN_BOOKKEEPING), "events": events}


@pytest.fixture
def linde():
    return provider_make("De Linde")


@pytest.fixture
def other():
    return provider_make("Zorgboog")


def test_the_list_holds_only_the_providers_own_assignments_without_bsn_and_filters_by_status(linde, other):
    sent = assignment_make(linde)
    started = assignment_make(linde, AssignmentStatus.STARTED)
    assignment_make(other)
    api = api_for(linde.user)
    rows = api.get(BASE).json()["results"]
    assert {row["number"] for row in rows} == {sent.number, started.number}
    row = next(r for r in rows if r["number"] == sent.number)
    assert row["resident"] == {
        "name": sent.resident.full_name,
        "birth_date": "1985-06-15",
        "address": str(sent.resident.address),
    }
    assert row["volume_text"] == "4 uur per week" and row["goals"][0]["text"].startswith("Zelfstandig")
    assert sent.resident.bsn not in str(rows)
    assert [r["number"] for r in api.get(BASE, {"status": "started"}).json()["results"]] == [started.number]


def test_reading_through_the_api_is_logged_as_provision_delivery_on_the_api_channel(linde):
    assignment = assignment_make(linde)
    api_for(linde.user).get(f"{BASE}{assignment.pk}/")
    entry = ProcessingLogEntry.objects.filter(activity_id="provision-delivery").latest("id")
    assert entry.channel == "api" and entry.actor == linde.user
    assert entry.pseudonyms == [pseudonym(assignment.resident.bsn)]


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("post", "start/", {"started_on": "2026-11-03"}),
        ("post", "stop/", {"stopped_on": "2026-11-20", "reason": "19"}),
        ("post", "voortgang/", PROGRESS),
    ],
)
def test_another_providers_assignment_is_not_found_and_nothing_changes(linde, other, method, suffix, body):
    theirs = assignment_make(other, AssignmentStatus.STARTED)
    api = api_for(linde.user)
    before = database_fingerprint()
    response = getattr(api, method)(f"{BASE}{theirs.pk}/{suffix}", body, format="json")
    assert response.status_code == 404
    assert theirs.resident.full_name not in response.text
    assert database_fingerprint() == before


def test_a_token_of_another_role_is_refused(linde):
    assert api_for(UserFactory(role=Role.COORDINATOR)).get(BASE).status_code == 403


def test_progress_through_the_api_is_stored_with_its_event(linde):
    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    response = api_for(linde.user).post(f"{BASE}{assignment.pk}/voortgang/", PROGRESS, format="json")
    assert response.status_code == 201, response.json()
    report = ProgressReport.objects.get(assignment=assignment)
    assert [r["rating"] for r in report.goal_ratings] == ["on_track", "behind"]
    assert Event.objects.filter(action="progress.reported", household_id=assignment.household_id).count() == 1


def test_progress_on_an_assignment_not_started_is_a_400_in_dutch_and_nothing_changes(linde):
    assignment = assignment_make(linde)
    before = database_fingerprint()
    response = api_for(linde.user).post(f"{BASE}{assignment.pk}/voortgang/", PROGRESS, format="json")
    assert response.status_code == 400
    assert "Voortgang meldt u alleen bij een toewijzing waarvan de zorg is gestart en loopt." in problem_reasons(
        response
    )
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("suffix", "body", "field"),
    [
        ("start/", {"started_on": "geen datum"}, "started_on"),
        ("start/", {}, "started_on"),
        ("stop/", {"stopped_on": "2026-11-20", "reason": "99"}, "reason"),
        ("voortgang/", {**PROGRESS, "goal_ratings": [{"goal": 11, "rating": "prima"}]}, "goal_ratings.0.rating"),
        ("voortgang/", {**PROGRESS, "summary": ""}, "summary"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_changes(linde, suffix, body, field):
    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    before = database_fingerprint()
    response = api_for(linde.user).post(f"{BASE}{assignment.pk}/{suffix}", body, format="json")
    assert response.status_code == 400
    assert field in problem_fields(response), problem_fields(response)
    assert database_fingerprint() == before


def test_an_empty_message_is_a_400_and_a_message_of_another_provider_is_refused(linde, other):
    api = api_for(linde.user)
    before = database_fingerprint()
    empty = api.post(MESSAGES, b"", content_type="application/xml")
    assert empty.status_code == 400 and "bericht" in problem_fields(empty)
    foreign = f"<Bericht><Header><Afzender>{other.profile.agb_code}</Afzender></Header></Bericht>".encode()
    refused = api.post(MESSAGES, foreign, content_type="application/xml")
    assert refused.status_code == 403
    assert "U kunt alleen berichten van uw eigen organisatie (AGB-code) sturen." in problem_reasons(refused)
    assert database_fingerprint() == before
