import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ...audit.models import Event
from ...testing import database_fingerprint
from ..messages import codec
from ..models import AssignmentStatus, Message
from ..services.assignments import assignment_change, assignment_end, assignment_start
from .flow_world import sent_assignment, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _last_301(assignment):
    message = Message.objects.filter(assignment=assignment, kind="301").order_by("-pk").first()
    return codec.parse(message.xml.encode()).products[0]


def test_a_changed_decision_changes_the_assignment_and_sends_a_301_with_its_reason(world):
    assignment = sent_assignment(world)

    changed = assignment_change(
        actor=world.actor,
        provision_id=assignment.provision_id,
        volume=Decimal("6"),
        ends_on=datetime.date(2027, 12, 31),
    )

    assert (changed.volume, changed.ends_on, changed.version) == (Decimal("6"), datetime.date(2027, 12, 31), 2)
    sent = _last_301(assignment)
    assert (sent.change_reason, sent.volume.amount, sent.ends_on) == ("04", Decimal("6"), datetime.date(2027, 12, 31))
    assert Event.objects.filter(action="assignment.changed", household_id=assignment.household_id).exists()


def test_a_shorter_decision_says_shortening(world):
    assignment = sent_assignment(world)

    assignment_change(
        actor=world.actor, provision_id=assignment.provision_id, volume=Decimal("2"), ends_on=datetime.date(2027, 3, 31)
    )

    assert _last_301(assignment).change_reason == "05"


def test_a_change_in_days_per_week_is_assigned_in_day_parts(world):
    assignment = sent_assignment(world, provision_unit="days_per_week", volume=Decimal("2"))

    changed = assignment_change(
        actor=world.actor,
        provision_id=assignment.provision_id,
        volume=Decimal("3"),
        ends_on=assignment.ends_on,
        provision_unit="days_per_week",
    )

    assert changed.volume == Decimal("6")


def test_a_provision_without_an_assignment_changes_and_ends_nothing(world):
    before = database_fingerprint()
    on = datetime.date(2027, 1, 1)

    assert assignment_change(actor=world.actor, provision_id=9, volume=Decimal(1), ends_on=on) is None
    assert assignment_end(actor=world.actor, provision_id=9, ends_on=on) is None
    assert database_fingerprint() == before


def test_a_change_that_ends_before_the_start_is_refused_and_nothing_changes(world):
    assignment = sent_assignment(world)
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        assignment_change(
            actor=world.actor,
            provision_id=assignment.provision_id,
            volume=Decimal("4"),
            ends_on=datetime.date(2026, 10, 31),
        )

    assert refused.value.message_dict == {"ends_on": ["De einddatum ligt vóór de ingangsdatum."]}
    assert database_fingerprint() == before


def test_ending_an_assignment_that_did_not_start_withdraws_it(world):
    assignment = sent_assignment(world)

    ended = assignment_end(actor=world.actor, provision_id=assignment.provision_id, ends_on=datetime.date(2026, 10, 1))

    assert (ended.status, ended.ends_on, ended.version) == (AssignmentStatus.ENDED, assignment.starts_on, 2)
    assert _last_301(assignment).ends_on == assignment.starts_on
    assert Event.objects.filter(action="assignment.ended").exists()


def test_ending_a_started_assignment_shortens_it_and_tells_the_provider(world):
    assignment = sent_assignment(world)
    assignment_start(actor=world.actor, assignment=assignment, started_on=datetime.date(2026, 11, 1))

    ended = assignment_end(actor=world.actor, provision_id=assignment.provision_id, ends_on=datetime.date(2027, 1, 31))

    assert (ended.status, ended.ends_on) == (AssignmentStatus.STARTED, datetime.date(2027, 1, 31))
    assert (_last_301(assignment).ends_on, _last_301(assignment).change_reason) == (datetime.date(2027, 1, 31), "05")


def test_ending_a_started_assignment_before_its_start_is_refused_and_nothing_changes(world):
    assignment = sent_assignment(world)
    assignment_start(actor=world.actor, assignment=assignment, started_on=datetime.date(2026, 11, 10))
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        assignment_end(actor=world.actor, provision_id=assignment.provision_id, ends_on=datetime.date(2026, 11, 9))

    assert refused.value.message_dict == {"ends_on": ["De einddatum ligt vóór de datum waarop de zorg is gestart."]}
    assert database_fingerprint() == before
