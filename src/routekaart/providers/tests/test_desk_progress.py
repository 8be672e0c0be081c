"""Voortgang melden: on a running assignment a rating and a short text per goal and a summary, one event
(progress.reported) for the household; refused in Dutch, with nothing changed, before the start or after the stop."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from routekaart.testing import database_fingerprint

from ...audit.event_labels import event_kind, event_sentence
from ...audit.models import Event, ProcessingLogEntry
from ..models import AssignmentStatus, ProgressReport
from ..services.progress import progress_report
from .desk_helpers import assignment_make, progress_data, provider_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]

NOT_RUNNING = "Voortgang meldt u alleen bij een toewijzing waarvan de zorg is gestart en loopt."


@pytest.fixture
def linde():
    return provider_make("De Linde")


def test_a_progress_report_is_stored_per_goal_with_one_event_for_the_household(client, linde):
    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    client.force_login(linde.user)
    response = client.post(reverse("desk:progress_create", args=[assignment.pk]), progress_data())
    assert response.status_code == 302 and response["Location"] == reverse(
        "desk:assignment_detail", args=[assignment.pk]
    )
    report = ProgressReport.objects.get(assignment=assignment)
    assert report.reported_by == linde.user and report.reported_on == datetime.date(2026, 11, 20)
    assert report.goal_ratings == [
        {"goal": 11, "rating": "on_track", "text": "Samen elke maandag."},
        {"goal": 12, "rating": "achieved", "text": ""},
    ]
    event = Event.objects.get(action="progress.reported")
    assert event.household_id == assignment.household_id and event.subject_id == str(report.pk)
    assert "post" not in str(event.after) and assignment.resident.family_name not in str(event.after)
    assert event_sentence(event, with_actor=False) == (
        f"Voortgang van toewijzing {assignment.number} gemeld door de aanbieder"
    )
    assert event_kind("progress.reported") == "provision_delivery"
    entry = ProcessingLogEntry.objects.filter(activity_id="provision-delivery", operation="write").get()
    assert entry.actor == linde.user
    page = client.get(reverse("desk:assignment_detail", args=[assignment.pk])).text
    assert "Op weg" in page and "Samen elke maandag." in page and "Het gaat goed" in page


@pytest.mark.parametrize("status", [AssignmentStatus.SENT, AssignmentStatus.STOPPED, AssignmentStatus.ENDED])
def test_progress_on_an_assignment_that_does_not_run_is_refused_and_nothing_changes(client, linde, status):
    assignment = assignment_make(linde, status)
    client.force_login(linde.user)
    before = database_fingerprint()
    response = client.post(reverse("desk:progress_create", args=[assignment.pk]), progress_data())
    assert response.status_code == 400
    assert NOT_RUNNING in response.text
    assert database_fingerprint() == before


def test_every_goal_needs_its_rating_on_the_form_and_nothing_changes(client, linde):
    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    client.force_login(linde.user)
    before = database_fingerprint()
    response = client.post(reverse("desk:progress_create", args=[assignment.pk]), progress_data(rating_1=""))
    assert response.status_code == 400
    assert "Twee dagdelen per week naar de dagbesteding" in response.text
    assert database_fingerprint() == before


def test_the_service_refuses_a_goal_not_given_with_the_assignment_and_a_missing_one(linde):
    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    before = database_fingerprint()
    arguments = {"actor": linde.user, "assignment": assignment, "reported_on": datetime.date(2026, 11, 20)}
    with pytest.raises(ValidationError) as refused:
        progress_report(
            **arguments,
            summary="Verslag",
            goal_ratings=[{"goal": 99, "rating": "achieved"}, {"goal": 12, "rating": "achieved"}],
        )
    assert refused.value.message_dict["goal_ratings"] == [
        "Meld voortgang alleen over de doelen die bij de toewijzing zijn meegegeven."
    ]
    with pytest.raises(ValidationError) as refused:
        progress_report(**arguments, summary="Verslag", goal_ratings=[{"goal": 11, "rating": "achieved"}])
    assert refused.value.message_dict["goal_ratings"] == ["Meld de voortgang van elk doel van de toewijzing."]
    assert database_fingerprint() == before


def test_a_report_dated_before_the_start_of_care_is_refused(linde):
    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        progress_report(
            actor=linde.user,
            assignment=assignment,
            reported_on=datetime.date(2026, 11, 1),
            summary="Verslag",
            goal_ratings=[{"goal": 11, "rating": "achieved"}, {"goal": 12, "rating": "behind"}],
        )
    assert refused.value.message_dict["reported_on"] == ["De datum van het verslag ligt vóór de start van de zorg."]
    assert database_fingerprint() == before
