import pytest
from django.urls import reverse

from routekaart.audit import services
from routekaart.audit.configuration import processing_activities_load
from routekaart.audit.models import BreakGlassReview, ProcessingLogEntry, Result
from routekaart.organisations.roles import Role

pytestmark = [pytest.mark.django_db]

BSN = "111222333"


@pytest.fixture(autouse=True)
def register():
    processing_activities_load()


def test_privacy_officer_finds_the_processings_of_one_person_by_bsn(staff_client):
    services.processing_record(actor=None, activity="household-file", data_subjects=[services.pseudonym(BSN)])
    services.processing_record(actor=None, activity="household-file", data_subjects=[services.pseudonym("999999990")])
    client, _ = staff_client(Role.PRIVACY_OFFICER)
    response = client.post(reverse("audit:processing_log"), {"bsn": BSN}, follow=True)
    assert response.status_code == 200
    assert BSN not in response.redirect_chain[0][0]
    found = sorted(e.activity_id for e in response.context["page"])
    assert found == ["household-file", "processing-log-review"]  # the other person's entry is not shown
    assert BSN not in response.text


def test_the_search_by_bsn_is_itself_logged(staff_client):
    client, user = staff_client(Role.PRIVACY_OFFICER)
    client.post(reverse("audit:processing_log"), {"bsn": BSN})
    entry = ProcessingLogEntry.objects.get(activity_id="processing-log-review")
    assert entry.actor == user
    assert entry.pseudonyms == [services.pseudonym(BSN)]


def test_filters_by_activity_and_result(staff_client):
    services.processing_record(actor=None, activity="youth-care", data_subjects=["a"], result=Result.DENIED)
    services.processing_record(actor=None, activity="household-file", data_subjects=["b"])
    client, _ = staff_client(Role.PRIVACY_OFFICER)
    response = client.get(reverse("audit:processing_log"), {"activity": "youth-care", "result": "denied"})
    assert [e.pseudonyms for e in response.context["page"]] == [["a"]]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.POLICY, Role.FUNCTIONAL_ADMIN])
def test_only_the_privacy_officer_opens_the_log(staff_client, role):
    client, _ = staff_client(role)
    assert client.get(reverse("audit:processing_log")).status_code == 403
    assert client.get(reverse("audit:break_glass_report")).status_code == 403


def test_the_log_page_runs_the_same_queries_for_few_or_many_entries(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = staff_client(Role.PRIVACY_OFFICER)
    counts = []
    for n in (2, 40):
        services.processing_record(actor=None, activity="household-file", data_subjects=[str(i) for i in range(n)])
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("audit:processing_log"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_break_glass_is_reported_and_reviewed_once(staff_client):
    services.processing_record(
        actor=None, activity="break-the-glass", data_subjects=["x"], result=Result.BREAK_GLASS, reason="Acuut gevaar"
    )
    entry = ProcessingLogEntry.objects.get()
    client, officer = staff_client(Role.PRIVACY_OFFICER)
    page = client.get(reverse("audit:break_glass_report"))
    assert "Acuut gevaar" in page.text
    url = reverse("audit:break_glass_review", args=[entry.pk])
    assert client.post(url, {f"e{entry.pk}-verdict": "justified", f"e{entry.pk}-note": "Terecht"}).status_code == 302
    assert BreakGlassReview.objects.get(entry=entry).reviewer == officer
    again = client.post(url, {f"e{entry.pk}-verdict": "unjustified"})
    assert again.status_code == 400
    assert "al beoordeeld" in again.text
    assert BreakGlassReview.objects.get(entry=entry).verdict == "justified"


def test_a_review_without_verdict_is_refused_in_dutch(staff_client):
    services.processing_record(
        actor=None, activity="break-the-glass", data_subjects=["x"], result=Result.BREAK_GLASS, reason="Spoed"
    )
    entry = ProcessingLogEntry.objects.get()
    client, _ = staff_client(Role.PRIVACY_OFFICER)
    response = client.post(reverse("audit:break_glass_review", args=[entry.pk]), {})
    assert response.status_code == 400
    assert "Kies oordeel." in response.text
    assert 'id="error-summary"' in response.text
    assert not BreakGlassReview.objects.exists()


def test_a_malformed_bsn_gets_a_dutch_message_and_logs_nothing(staff_client):
    client, _ = staff_client(Role.PRIVACY_OFFICER)
    response = client.post(reverse("audit:processing_log"), {"bsn": "12ab"})
    assert response.status_code == 400
    assert "Een BSN bestaat uit negen cijfers." in response.text
    assert not ProcessingLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("111222334", "Dit BSN bestaat niet: het voldoet niet aan de elfproef."),  # one off a valid number
        ("123456789", "Dit BSN bestaat niet: het voldoet niet aan de elfproef."),
        ("000000000", "Dit BSN bestaat niet: het voldoet niet aan de elfproef."),
        ("11122233", "Een BSN bestaat uit negen cijfers."),
        ("1112223330", "Een BSN bestaat uit negen cijfers."),
    ],
)
def test_a_bsn_search_that_fails_the_eleven_check_is_refused_in_dutch_and_changes_nothing(staff_client, bsn, message):
    from routekaart.testing import database_fingerprint

    client, _ = staff_client(Role.PRIVACY_OFFICER)
    before = database_fingerprint()
    logged = ProcessingLogEntry.objects.count()
    response = client.post(reverse("audit:processing_log"), {"bsn": bsn})
    assert response.status_code == 400
    assert response.context["person_form"].errors["bsn"] == [message]
    assert message in response.text
    assert bsn not in response.text.replace(f'value="{bsn}"', "")  # only echoed in the field, never elsewhere
    assert database_fingerprint() == before
    assert ProcessingLogEntry.objects.count() == logged  # a refused search is no processing of a person
