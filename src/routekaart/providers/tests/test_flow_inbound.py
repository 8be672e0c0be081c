import datetime

import pytest
from django.core.exceptions import ValidationError

from ...audit.models import Event
from ...testing import database_fingerprint
from ..messages import codec
from ..models import AssignmentStatus, Direction, Message, MessageStatus
from ..services.assignments import assignment_start, assignment_stop
from ..services.inbound import message_receive
from .factories import ContractProductFactory, ProviderProfileFactory
from .flow_world import (  # noqa: F401
    fingerprint_but_messages,
    sent_assignment,
    start_xml,
    stop_xml,
    world_fixture,
)

pytestmark = pytest.mark.django_db

NOV_1 = datetime.date(2026, 11, 1)


def _retour(message: Message) -> Message:
    return message.retours.get()


def _refused_with(world, xml: bytes, code: str) -> Message:
    """Receive a message that must be refused: only the message and its retour are stored, nothing else."""
    before = fingerprint_but_messages()
    messages = Message.objects.count()

    message = message_receive(xml)

    assert (message.status, message.retour_codes) == (MessageStatus.REJECTED, [code])
    assert fingerprint_but_messages() == before
    assert Message.objects.count() == messages + 2
    retour = _retour(message)
    assert retour.direction == Direction.OUT and retour.retour_codes == [code]
    assert code in str(codec.parse(retour.xml.encode()))
    return message


def test_a_305_starts_a_sent_assignment_and_is_answered_with_a_306(world):
    assignment = sent_assignment(world)

    message = message_receive(start_xml(world, assignment))

    assignment.refresh_from_db()
    assert (assignment.status, assignment.started_on) == (AssignmentStatus.STARTED, NOV_1)
    assert (message.kind, message.direction, message.status) == ("305", Direction.IN, MessageStatus.ACCEPTED)
    assert message.assignment == assignment
    retour = codec.parse(_retour(message).xml.encode())
    assert retour.header.kind == "306"
    assert retour.answers_identification == "000000000101"
    event = Event.objects.get(action="assignment.started")
    assert event.household_id == assignment.household_id


def test_the_same_305_twice_is_processed_once(world):
    assignment = sent_assignment(world)
    first = message_receive(start_xml(world, assignment))
    before = database_fingerprint()

    again = message_receive(start_xml(world, assignment))

    assert again == first
    assert database_fingerprint() == before


def test_a_307_stops_a_started_assignment(world):
    assignment = sent_assignment(world)
    message_receive(start_xml(world, assignment))
    assignment.refresh_from_db()

    message = message_receive(stop_xml(world, assignment, ends_on=datetime.date(2026, 11, 30)))

    assignment.refresh_from_db()
    assert message.status == MessageStatus.ACCEPTED
    assert (assignment.status, assignment.stopped_on, assignment.stop_reason) == (
        AssignmentStatus.STOPPED,
        datetime.date(2026, 11, 30),
        "02",
    )
    assert codec.parse(_retour(message).xml.encode()).header.kind == "308"
    assert Event.objects.filter(action="assignment.stopped", household_id=assignment.household_id).exists()


def test_a_307_on_an_assignment_that_did_not_start_is_refused_with_9069(world):
    assignment = sent_assignment(world)

    _refused_with(world, stop_xml(world, assignment, starts_on=NOV_1, ends_on=datetime.date(2026, 11, 30)), "9069")


def test_a_second_305_on_a_started_assignment_is_refused_with_9074(world):
    assignment = sent_assignment(world)
    message_receive(start_xml(world, assignment))

    _refused_with(world, start_xml(world, assignment, identification="000000000103"), "9074")


def test_a_305_for_an_unknown_assignment_is_refused_with_9019(world):
    assignment = sent_assignment(world)

    _refused_with(world, start_xml(world, assignment, assignment_number="99999999"), "9019")


def test_a_305_from_another_provider_is_refused_with_9019(world):
    assignment = sent_assignment(world)
    other = ProviderProfileFactory()
    ContractProductFactory(contract__provider=other.organisation, contract__municipalities=[world.municipality])
    xml = start_xml(world, assignment)
    xml = xml.replace(world.profile.agb_code.encode(), other.agb_code.encode())

    message = _refused_with(world, xml, "9019")

    assert message.provider == other.organisation


def test_a_305_for_another_product_is_refused_with_9340(world):
    assignment = sent_assignment(world)

    _refused_with(world, start_xml(world, assignment, code="02A99"), "9340")


@pytest.mark.parametrize(
    ("starts_on", "accepted"),
    [
        (datetime.date(2026, 10, 31), False),  # the day before the assignment's start
        (datetime.date(2026, 11, 1), True),  # its first day
        (datetime.date(2026, 11, 2), True),
    ],
)
def test_a_start_before_the_assignment_starts_is_refused_with_9307(world, starts_on, accepted):
    assignment = sent_assignment(world)

    if accepted:
        assert message_receive(start_xml(world, assignment, starts_on=starts_on)).status == MessageStatus.ACCEPTED
    else:
        _refused_with(world, start_xml(world, assignment, starts_on=starts_on), "9307")


@pytest.mark.parametrize(
    ("ends_on", "refusal"),
    [
        (datetime.date(2026, 11, 9), "0001"),  # the day before care started: the codec's date order (technical)
        (datetime.date(2026, 11, 10), None),  # the day it started
        (datetime.date(2027, 10, 31), None),  # the assignment's last day
        (datetime.date(2027, 11, 1), "9308"),  # the day after
    ],
)
def test_a_stop_outside_the_care_period_is_refused(world, ends_on, refusal):
    assignment = sent_assignment(world)
    message_receive(start_xml(world, assignment, starts_on=datetime.date(2026, 11, 10)))
    assignment.refresh_from_db()

    if refusal is None:
        assert message_receive(stop_xml(world, assignment, ends_on=ends_on)).status == MessageStatus.ACCEPTED
    else:
        _refused_with(world, stop_xml(world, assignment, ends_on=ends_on), refusal)


def test_a_message_with_a_wrong_bsn_is_stored_rejected_and_answered_with_0001(world):
    assignment = sent_assignment(world)
    xml = start_xml(world, assignment)
    bsn = assignment.resident.bsn
    wrong = bsn[:-1] + str((int(bsn[-1]) + 1) % 10)

    message = _refused_with(world, xml.replace(f">{bsn}<".encode(), f">{wrong}<".encode()), "0001")

    assert message.kind == "305"
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SENT


def test_a_message_that_is_not_xml_changes_nothing_and_is_not_stored(world):
    before = database_fingerprint()

    message = message_receive(b"<Bericht><niet-af>")

    assert message.pk is None and message.retour_codes == ["0001"]
    assert database_fingerprint() == before


def test_the_provider_screen_starts_and_stops_through_the_same_path(world):
    assignment = sent_assignment(world)

    assignment_start(actor=world.actor, assignment=assignment, started_on=NOV_1)
    assignment_stop(actor=world.actor, assignment=assignment, stopped_on=datetime.date(2026, 11, 20), reason="02")

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.STOPPED
    kinds = list(Message.objects.filter(assignment=assignment).order_by("pk").values_list("kind", "direction"))
    assert kinds == [("301", "out"), ("305", "in"), ("306", "out"), ("307", "in"), ("308", "out")]


def test_the_provider_screen_cannot_stop_care_that_did_not_start_and_nothing_changes(world):
    assignment = sent_assignment(world)
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        assignment_stop(actor=world.actor, assignment=assignment, stopped_on=datetime.date(2026, 11, 20), reason="02")

    assert refused.value.message_dict == {"stopped_on": ["De zorg is nog niet gestart; stoppen kan pas na de start."]}
    assert database_fingerprint() == before


def test_the_provider_screen_cannot_start_twice(world):
    assignment = sent_assignment(world)
    assignment_start(actor=world.actor, assignment=assignment, started_on=NOV_1)
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        assignment_start(actor=world.actor, assignment=assignment, started_on=NOV_1)

    assert refused.value.message_dict == {"started_on": ["Deze toewijzing is al gestart."]}
    assert database_fingerprint() == before
