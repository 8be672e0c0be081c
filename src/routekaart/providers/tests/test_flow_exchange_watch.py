"""The exchange process keeps going alone: a round that fails on the database leaves the file in the inbox, logs
only the kind of error, and the next round processes the message."""

import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError

from ..management.commands import providers_exchange
from ..models import AssignmentStatus
from ..wire import FileDropWire
from .flow_world import sent_assignment, start_xml, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


class _Stop(Exception):
    pass


def test_a_failed_round_is_logged_without_content_and_the_next_round_processes_the_message(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    assignment = sent_assignment(world)
    FileDropWire().deliver(start_xml(world, assignment), "305-start.xml")
    real_batch = providers_exchange.messages_receive_batch
    rounds = []

    def flaky_batch(files):
        rounds.append(1)
        if len(rounds) == 1:
            raise OperationalError("database bsn=123456782 onbereikbaar")
        return real_batch(files)

    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise _Stop

    monkeypatch.setattr(providers_exchange, "messages_receive_batch", flaky_batch)
    monkeypatch.setattr(providers_exchange.time, "sleep", sleep)

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True), pytest.raises(_Stop):
        call_command("providers_exchange", watch=5)

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.STARTED
    assert sleeps == [5, 5]
    assert [record.getMessage() for record in caplog.records] == [
        "Berichtenuitwisseling mislukt (OperationalError); volgende poging over 5 s."
    ]
    assert "123456782" not in caplog.text
    assert [path.name for path in FileDropWire().done.iterdir()] == ["305-start.xml"]


def test_without_watch_a_failed_round_fails_the_command(world, monkeypatch):
    def broken(files):
        raise OperationalError("weg")

    monkeypatch.setattr(providers_exchange, "messages_receive_batch", broken)

    with pytest.raises(OperationalError):
        call_command("providers_exchange")
