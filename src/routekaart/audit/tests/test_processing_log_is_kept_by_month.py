"""The processing log's retention: on PostgreSQL whole months (partitions) past the term are dropped; the coming
months are made ahead of time (idempotent); every other kind of record still goes through its app's handler."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from freezegun import freeze_time

from routekaart.audit import partitions, retention, services
from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import Event, ProcessingLogEntry, ProcessingLogSubject

pytestmark = [pytest.mark.django_db]
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions exist on PostgreSQL only")

TODAY = date(2026, 12, 5)


def logged_on(moment: datetime, subject: str) -> ProcessingLogEntry:
    with freeze_time(moment):
        services.processing_record(actor=None, activity="household-file", data_subjects=[subject])
    return ProcessingLogEntry.objects.filter(data_subjects__pseudonym=subject).get()


def partition_of(entry: ProcessingLogEntry) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_processinglogentry WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


def test_the_processing_log_has_a_term_and_a_handler():
    term = {t.code: t for t in retention.retention_terms()}[retention.PROCESSING_LOG]
    assert term.years == 5
    assert retention.handler_for(retention.PROCESSING_LOG) is not None


def test_on_sqlite_the_log_is_one_table_and_no_month_is_ever_due():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    logged_on(datetime(2015, 1, 10, tzinfo=UTC), "old")
    assert partitions.partitions_ensure(today=TODAY) == []
    assert retention.retention_apply(TODAY)[retention.PROCESSING_LOG] == 0
    assert ProcessingLogEntry.objects.count() == 1


def test_retention_apply_is_the_jobs_entry_point_and_logs_what_it_anonymised(monkeypatch):
    processing_activities_load()

    class Files:
        def due(self, *, cutoff):
            return ["7"] if cutoff == date(2016, 12, 5) else []

        def anonymise(self, *, ids):
            return ["pseudonym-7"]

    monkeypatch.setattr(retention, "_HANDLERS", {"social-assistance-file": Files()})
    assert retention.retention_apply(TODAY, anonymise=False) == {"social-assistance-file": 1}
    assert not Event.objects.exists()
    assert retention.retention_apply(TODAY) == {"social-assistance-file": 1}
    assert ProcessingLogEntry.objects.get(activity_id="retention").pseudonyms == ["pseudonym-7"]
    assert Event.objects.get().action == "retention.anonymised"


@postgresql_only
def test_the_coming_months_are_made_once():
    made = partitions.partitions_ensure(today=TODAY)
    assert partitions.partitions_ensure(today=TODAY) == []
    names = {p.name for p in partitions.partitions_list()}
    assert {"audit_processinglogentry_y2026m12", "audit_processinglogentry_y2027m03"} <= names
    assert set(made) <= names | {p.name for p in partitions.partitions_list("audit_processinglogsubject")}


@postgresql_only
def test_an_entry_and_its_subjects_land_in_their_month():
    partitions.partitions_ensure(today=TODAY)
    entry = logged_on(datetime(2026, 12, 5, 10, tzinfo=UTC), "now")
    assert partition_of(entry) == "audit_processinglogentry_y2026m12"
    assert ProcessingLogSubject.objects.get(pseudonym="now").entry_id == entry.pk


@postgresql_only
def test_retention_drops_whole_months_past_the_term_and_keeps_the_rest():
    processing_activities_load()
    partitions.partitions_ensure(today=date(2021, 1, 1), since=date(2020, 11, 1), months_ahead=0)
    old = logged_on(datetime(2020, 11, 20, tzinfo=UTC), "old")
    kept = logged_on(datetime(2021, 1, 2, tzinfo=UTC), "kept")  # its month still holds days within the term
    assert partition_of(old) == "audit_processinglogentry_y2020m11"

    due = retention.handler_for(retention.PROCESSING_LOG).due(cutoff=date(2021, 1, 5))
    assert due == ["2020-11", "2020-12"]
    retention.retention_apply(date(2026, 1, 5))

    assert not ProcessingLogEntry.objects.filter(pk=old.pk).exists()
    assert not ProcessingLogSubject.objects.filter(pseudonym="old").exists()
    assert ProcessingLogEntry.objects.filter(pk=kept.pk).exists()
    assert "audit_processinglogentry_y2020m11" not in {p.name for p in partitions.partitions_list()}
    assert Event.objects.filter(action="retention.anonymised", subject_type=retention.PROCESSING_LOG).exists()


@postgresql_only
def test_archiving_detaches_the_month_and_keeps_its_rows(settings):
    settings.PROCESSING_LOG_ARCHIVE = True
    partitions.partitions_ensure(today=date(2020, 11, 1), months_ahead=0)
    old = logged_on(datetime(2020, 11, 20, tzinfo=UTC), "old")
    retention.handler_for(retention.PROCESSING_LOG).anonymise(ids=["2020-11"])
    assert not ProcessingLogEntry.objects.filter(pk=old.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_processinglogentry_y2020m11")
        assert cursor.fetchone()[0] == 1
