"""The processing log at city scale: one entry per processing action with its people as subjects, found per person
through an index, and a page view's reads written in the request's own transaction as one insert."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.audit import selectors, services
from routekaart.audit.models import ProcessingLogEntry, ProcessingLogSubject, Result
from routekaart.organisations.roles import Role
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)

pytestmark = [pytest.mark.django_db]


def statements(queries, start: str, table: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith(start) and f'"{table}"' in q["sql"]]


@pytest.fixture
def family():
    household = HouseholdFactory()
    for role, given in (("head", "Marieke"), ("child", "Daan"), ("child", "Sanne")):
        resident = ResidentFactory(given_names=given, birth_date=date(1984 if role == "head" else 2012, 2, 2))
        MembershipFactory(household=household, resident=resident, role=role, valid_from=date(2019, 1, 1))
    return household


def coordinator_of(household, staff_client):
    client, user = staff_client(Role.COORDINATOR)
    InvolvementFactory(household=household, organisation=user.affiliations.get().organisation, user=user)
    return client, user


def test_people_read_at_once_are_one_entry_with_each_of_them_as_subject():
    services.processing_record(actor=None, activity="household-file", data_subjects=["a", "b", "c", "b"])
    entry = ProcessingLogEntry.objects.get()
    assert sorted(entry.pseudonyms) == ["a", "b", "c"]
    assert {s.occurred_at for s in ProcessingLogSubject.objects.all()} == {entry.occurred_at}


def test_an_entry_without_a_person_has_no_subjects_and_no_people_logs_nothing():
    services.processing_record(actor=None, activity="household-file", data_subjects=[""])
    assert ProcessingLogEntry.objects.get().pseudonyms == []
    services.processing_record(actor=None, activity="household-file", data_subjects=[])
    assert ProcessingLogEntry.objects.count() == 1


def test_who_processed_my_data_is_two_queries_however_long_the_log(django_assert_num_queries):
    for n in (1, 30):
        for i in range(n):
            services.processing_record(actor=None, activity="household-file", data_subjects=[f"p{n}", f"other{i}"])
        with django_assert_num_queries(2):  # the entries through the subject index, then their subjects
            found = list(selectors.processing_log_of(f"p{n}"))
        assert len(found) == n and all(f"p{n}" in e.pseudonyms for e in found)


def test_the_privacy_officers_search_finds_an_entry_of_many_people_once(staff_client):
    services.processing_record(actor=None, activity="household-file", data_subjects=["a", "b", "c"])
    services.processing_record(actor=None, activity="household-file", data_subjects=["d"])
    client, _ = staff_client(Role.PRIVACY_OFFICER)
    response = client.get(reverse("audit:processing_log"), {"data_subject": "b"})
    assert [sorted(e.pseudonyms) for e in response.context["page"]] == [["a", "b", "c"]]


def test_a_page_view_writes_its_reads_as_one_insert_and_no_session(family, staff_client):
    client, user = coordinator_of(family, staff_client)
    url = reverse("residents:household_detail", args=[family.pk])
    assert client.get(url).status_code == 200  # the first request records the session's activity
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(statements(queries, "INSERT", "audit_processinglogentry")) == 1
    assert len(statements(queries, "INSERT", "audit_processinglogsubject")) == 1
    assert statements(queries, "UPDATE", "django_session") == []
    last = ProcessingLogEntry.objects.filter(actor=user).order_by("-id").first()
    assert len(last.pseudonyms) == 3


@pytest.mark.django_db(transaction=True)
def test_a_page_view_commits_once_its_reads_inside_the_views_own_transaction(family, staff_client):
    client, user = coordinator_of(family, staff_client)
    url = reverse("residents:household_detail", args=[family.pk])
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in queries]
    commits = [i for i, s in enumerate(sql) if s == "COMMIT"]
    inserts = [i for i, s in enumerate(sql) if s.startswith("INSERT") and "audit_processinglog" in s]
    assert len(commits) == 1, sql
    assert inserts and max(inserts) < commits[0]  # inside the view's transaction, before its one commit
    assert ProcessingLogEntry.objects.filter(actor=user).count() == 2


def test_a_view_that_fails_after_reading_keeps_its_refusals_but_not_its_reads(family, staff_client, monkeypatch):
    from routekaart.audit.middleware import view_flushing

    def view(request):
        services.processing_record(actor=None, activity="household-file", data_subjects=["read"])
        services.processing_record(
            actor=None, activity="household-file", data_subjects=["refused"], result=Result.DENIED
        )
        raise RuntimeError("boom")

    from routekaart.audit.context import (
        batch_entries,
        pending_entries,
        reset_batch,
        reset_pending,
        start_batch,
        start_pending,
    )

    batch, pending = start_batch(), start_pending()
    try:
        with pytest.raises(RuntimeError):
            view_flushing(view)(None)
        assert batch_entries() == []  # the failed view's reads go with its rollback
        assert [subjects for _entry, subjects in pending_entries()] == [["refused"]]
    finally:
        reset_batch(batch)
        reset_pending(pending)
    assert not ProcessingLogEntry.objects.exists()
