from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from routekaart.audit import retention
from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import Event, ProcessingLogEntry

pytestmark = [pytest.mark.django_db]


class FakeFiles:
    """A stand-in for an app's records: closed on the given dates."""

    def __init__(self, closed: dict[str, date]) -> None:
        self.closed = closed
        self.anonymised: list[str] = []

    def due(self, *, cutoff: date) -> list[str]:
        return [i for i, d in self.closed.items() if d < cutoff and i not in self.anonymised]

    def anonymise(self, *, ids: list[str]) -> list[str]:
        self.anonymised += ids
        return [f"pseudonym-{i}" for i in ids]


@pytest.fixture
def files(monkeypatch):
    processing_activities_load()
    handler = FakeFiles({"old": date(2014, 12, 31), "recent": date(2020, 6, 1)})
    monkeypatch.setattr(retention, "_HANDLERS", {"social-assistance-file": handler})
    return handler


def test_terms_come_from_the_data_file():
    terms = {t.code: t for t in retention.retention_terms()}
    assert terms["social-assistance-file"].years == 10
    assert terms["youth-care-file"].years == 20


def test_report_only_changes_nothing(files):
    out = StringIO()
    call_command("retention", "--today", "2026-01-01", stdout=out)
    assert "social-assistance-file: 1 due" in out.getvalue()
    assert files.anonymised == []
    assert not ProcessingLogEntry.objects.exists()


def test_anonymise_handles_what_is_due_and_logs_it(files):
    call_command("retention", "--today", "2026-01-01", "--anonymise", stdout=StringIO())
    assert files.anonymised == ["old"]
    entry = ProcessingLogEntry.objects.get()
    assert (entry.activity_id, entry.pseudonyms, entry.channel) == ("retention", ["pseudonym-old"], "batch")
    assert Event.objects.get().action == "retention.anonymised"
    out = StringIO()
    call_command("retention", "--today", "2026-01-01", stdout=out)
    assert "social-assistance-file: 0 due" in out.getvalue()
