import pytest
from django.db import DatabaseError, connection, transaction

from routekaart.audit import services, triggers
from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import Event, ProcessingLogEntry

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def append_only_triggers():
    """The migration installs these; installed again here because a transactional test may have lifted them."""
    triggers.install(connection)


@pytest.fixture
def entry():
    processing_activities_load()
    services.processing_record(actor=None, activity="household-file", data_subjects=[services.pseudonym("1")])
    return ProcessingLogEntry.objects.get()


@pytest.fixture
def event():
    return services.action_record(actor=None, action="test", subject=("household", 1))


@pytest.mark.parametrize("table", ["audit_event", "audit_processinglogentry", "audit_processinglogsubject"])
def test_the_database_refuses_update_and_delete(entry, event, table):
    for sql in (f"UPDATE {table} SET occurred_at = occurred_at", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert Event.objects.count() == 1
    assert ProcessingLogEntry.objects.count() == 1
    assert entry.pseudonyms == [services.pseudonym("1")]


def test_the_orm_refuses_changes_before_the_database_is_asked(entry, event):
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        ProcessingLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        Event.objects.update(action="x")


def test_the_pseudonym_is_stable_and_never_the_identifier():
    first, second = services.pseudonym("123456782"), services.pseudonym("123456782")
    assert first == second
    assert "123456782" not in first
    assert services.pseudonym("123456782") != services.pseudonym("111222333")


def test_register_loads_idempotently():
    processing_activities_load()
    from routekaart.audit.models import ProcessingActivity

    count = ProcessingActivity.objects.count()
    processing_activities_load()
    assert ProcessingActivity.objects.count() == count >= 8
