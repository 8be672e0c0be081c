import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..models import Assignment, AssignmentStatus, Message
from ..services.inbound import messages_receive_batch
from ..wire import FileDropWire
from .flow_world import sent_assignment, start_xml, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _starts(world, assignments, first_identification: int) -> list[bytes]:
    return [
        start_xml(world, assignment, identification=f"{first_identification + i:012d}")
        for i, assignment in enumerate(assignments)
    ]


def _queries_of_batch(files) -> int:
    with CaptureQueriesContext(connection) as queries:
        summary = messages_receive_batch(files)
    assert summary.accepted == len(files)
    return len(queries)


def test_a_batch_costs_the_same_few_queries_for_every_message(world):
    assignments = [sent_assignment(world, provision_id=1000 + i) for i in range(12)]

    two = _queries_of_batch(_starts(world, assignments[:2], 1000))
    four = _queries_of_batch(_starts(world, assignments[2:6], 2000))
    six = _queries_of_batch(_starts(world, assignments[6:], 3000))

    per_message = (four - two) // 2
    assert four - two == 2 * per_message
    assert six - four == 2 * per_message
    assert per_message <= 12
    assert set(Assignment.objects.values_list("status", flat=True)) == {AssignmentStatus.STARTED}


def test_a_batch_counts_what_happened_to_each_message(world):
    first, second = (sent_assignment(world, provision_id=1000 + i) for i in range(2))
    files = [
        start_xml(world, first, identification="000000000001"),
        start_xml(world, first, identification="000000000001"),  # the same message again
        start_xml(world, second, identification="000000000002", starts_on=datetime.date(2026, 10, 1)),  # too early
        b"geen xml",
    ]

    summary = messages_receive_batch(files)

    assert (summary.received, summary.accepted, summary.duplicates, summary.rejected, summary.unanswerable) == (
        4,
        1,
        1,
        1,
        1,
    )


def test_the_exchange_command_processes_the_inbox_and_puts_the_retours_on_the_wire(
    world, django_capture_on_commit_callbacks
):
    assignment = sent_assignment(world)
    wire = FileDropWire()
    wire.deliver(start_xml(world, assignment), "305-start.xml")
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("providers_exchange", stdout=out)

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.STARTED
    assert "1 ontvangen: 1 verwerkt" in out.getvalue()
    assert not list(wire.inbox.iterdir())
    assert [p.name for p in wire.done.iterdir()] == ["305-start.xml"]
    retour = Message.objects.get(kind="306")
    assert [p.name.split("-")[0] for p in wire.outbox.iterdir()] == ["306"]
    assert (wire.outbox / next(wire.outbox.iterdir()).name).read_text() == retour.xml


def test_a_file_on_the_wire_appears_whole_or_not_at_all(tmp_path):
    wire = FileDropWire(tmp_path)

    wire.deliver(b"<Bericht/>", "a.xml")

    assert [p.name for p in wire.inbox.iterdir()] == ["a.xml"]  # no temporary file left beside it
    assert list(wire.receive()) == [b"<Bericht/>"]
    assert [p.name for p in wire.inbox.iterdir()] == ["a.xml"]  # until its message is processed
    wire.acknowledge()
    assert [p.name for p in wire.done.iterdir()] == ["a.xml"]
    assert list(wire.receive()) == []
