"""One call records an action: its event and the processing-log entries of its write, together (audit.services)."""

import datetime
import pathlib
import re

import pytest
from django.utils import timezone

from routekaart.audit import services
from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import Event, Operation, ProcessingLogEntry
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def register():
    processing_activities_load()


def test_an_action_writes_its_event_and_its_log_entries_per_member_of_the_household():
    household = HouseholdFactory()
    mother, child = ResidentFactory(), ResidentFactory()
    MembershipFactory(household=household, resident=mother)
    MembershipFactory(household=household, resident=child)
    event = services.action_record(
        actor=None,
        action="case.closed",
        subject=("case", 7),
        household_id=household.pk,
        before={"status": "planned"},
        after={"status": "closed"},
        purpose="household-file",
    )
    assert (event.action, event.subject_type, event.subject_id, event.household_id) == (
        "case.closed",
        "case",
        "7",
        household.pk,
    )
    assert event.before == {"status": "planned"} and event.after == {"status": "closed"}
    entries = ProcessingLogEntry.objects.all()
    assert {s for e in entries for s in e.pseudonyms} == {services.pseudonym(mother.bsn), services.pseudonym(child.bsn)}
    assert {(e.activity_id, e.operation) for e in entries} == {("household-file", Operation.WRITE)}


def test_a_former_member_is_not_a_data_subject_of_todays_write():
    household = HouseholdFactory()
    stays, left = ResidentFactory(), ResidentFactory()
    MembershipFactory(household=household, resident=stays)
    MembershipFactory(household=household, resident=left, valid_to=timezone.localdate() - datetime.timedelta(days=1))
    services.action_record(actor=None, purpose="household-file", household_id=household.pk)
    assert list(ProcessingLogEntry.objects.values_list("data_subjects__pseudonym", flat=True)) == [
        services.pseudonym(stays.bsn)
    ]
    assert not Event.objects.exists()


def test_the_residents_given_are_the_data_subjects_and_a_model_is_its_own_reference():
    resident = ResidentFactory()
    other = ResidentFactory()
    event = services.action_record(
        actor=None,
        action="resident.changed",
        subject=resident,
        purpose="household-file",
        residents=[resident, other.pk],
    )
    assert (event.subject_type, event.subject_id) == ("resident", str(resident.pk))
    assert set(ProcessingLogEntry.objects.values_list("data_subjects__pseudonym", flat=True)) == {
        services.pseudonym(resident.bsn),
        services.pseudonym(other.bsn),
    }


def test_without_a_purpose_only_the_event_is_written_and_a_domain_tags_its_states():
    event = services.action_record(
        actor=None, action="assignment.ended", subject=("assignment", 1), before={"a": 1}, after=None, domain="P"
    )
    assert event.before == {"domain": "P", "a": 1} and event.after == {"domain": "P"}
    assert not ProcessingLogEntry.objects.exists()


def test_no_app_wraps_the_audit_writer_or_writes_an_event_past_it():
    """DESIGN.md: the event/processing-log writer is defined once; apps call it directly."""
    root = pathlib.Path(services.__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.parts[-2] == "audit":
            continue
        text = path.read_text()
        if re.search(r"def _(event|written)\(|event_record\(|Event\.objects\.create\(", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
