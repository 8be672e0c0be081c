"""Beheer markt's complaint pages: the list puts open complaints first with their last day and marks the overdue,
a step is taken or refused on the complaint's page, only Beheer markt (and, to file one, a coordinator) gets in,
and each page runs the same number of queries for one complaint as for many."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.providers.models import Complaint, ComplaintOutcome, ComplaintStatus
from routekaart.providers.tests.factories import ComplaintFactory, ProviderFactory
from routekaart.testing import database_fingerprint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_the_list_shows_open_complaints_first_by_their_last_day_and_marks_the_overdue(manager_client):
    decided = ComplaintFactory(received_on=date(2026, 11, 30), status=ComplaintStatus.DECIDED, outcome="founded")
    late = ComplaintFactory(received_on=date(2026, 9, 7))  # six weeks ended on 19 October
    soon = ComplaintFactory(received_on=date(2026, 11, 2))  # ends on Monday 14 December
    committee = ComplaintFactory(received_on=date(2026, 10, 5), committee=True)  # ten weeks: 14 December too
    response = manager_client.get(reverse("market:complaint_list"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.complaint for row in rows] == [late, soon, committee, decided]  # a tie: the newest first
    assert [row.term.days_left if row.term else None for row in rows] == [-43, 13, 13, None]
    html = response.content.decode()
    assert html.count("data-overdue") == 1 and "43 dagen te laat" in html


def test_registering_a_complaint_goes_to_its_page(manager_client):
    provider = ProviderFactory(name="De Linde")
    response = manager_client.post(
        reverse("market:complaint_create"),
        {
            "provider": provider.pk,
            "complainant_name": "J. de Klager",
            "received_on": "2026-11-30",
            "subject": "Niet gekomen.",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == reverse("market:complaint_detail", args=[complaint.pk])


def test_a_complaint_form_received_tomorrow_is_refused_on_its_field(manager_client):
    provider = ProviderFactory()
    before = database_fingerprint()
    response = manager_client.post(
        reverse("market:complaint_create"),
        {"provider": provider.pk, "complainant_name": "J.", "received_on": "2026-12-02", "subject": "x"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["received_on"] == [
        "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd."
    ]
    assert database_fingerprint() == before


def test_a_step_is_taken_on_the_complaints_page(manager_client):
    complaint = ComplaintFactory(received_on=date(2026, 11, 2))
    url = reverse("market:complaint_step", args=[complaint.pk, "acknowledge"])
    response = manager_client.post(url, {"acknowledge-acknowledged_on": "2026-11-03"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.acknowledged_on) == (ComplaintStatus.ACKNOWLEDGED, date(2026, 11, 3))


def test_a_decision_before_the_acknowledgement_is_refused_on_the_page(manager_client):
    complaint = ComplaintFactory(received_on=date(2026, 11, 2))
    before = database_fingerprint()
    response = manager_client.post(
        reverse("market:complaint_step", args=[complaint.pk, "decide"]),
        {"decide-decided_on": "2026-11-30", "decide-outcome": ComplaintOutcome.FOUNDED, "decide-conclusions": "Ja."},
    )
    assert response.status_code == 400
    assert "Bevestig eerst de ontvangst van de klacht (Awb 9:6)." in response.content.decode()
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("market:complaint_list", Role.COORDINATOR),
        ("market:complaint_list", Role.PROVIDER),
        ("market:complaint_list", Role.POLICY),
        ("market:review", Role.COORDINATOR),
        ("market:review", Role.PROVIDER),
    ],
)
def test_other_roles_do_not_see_the_complaints_or_the_review(staff_client, name, role):
    """Beleid reads the review (aggregates, test_review_for_policy) but not the complaints."""
    client, _user = staff_client(role)
    assert client.get(reverse(name)).status_code == 403


def test_a_provider_cannot_open_a_complaint(staff_client):
    client, _user = staff_client(Role.PROVIDER)
    assert client.get(reverse("market:complaint_detail", args=[ComplaintFactory().pk])).status_code == 403


def test_a_coordinator_may_open_the_form_to_file_a_complaint(staff_client):
    client, _user = staff_client(Role.COORDINATOR)
    assert client.get(reverse("market:complaint_create")).status_code == 200


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_runs_the_same_queries_for_one_complaint_and_many(manager_client):
    ComplaintFactory()
    small = _count(manager_client, reverse("market:complaint_list"))
    for _n in range(30):
        ComplaintFactory(provider=ProviderFactory())
    assert _count(manager_client, reverse("market:complaint_list")) == small


def test_the_complaints_page_runs_the_same_queries_whatever_the_complaint(manager_client):
    plain = ComplaintFactory()
    linked = ComplaintFactory(status=ComplaintStatus.HEARD, acknowledged_on=date(2026, 11, 3))
    for _n in range(10):
        ComplaintFactory(provider=linked.provider)
    counts = [_count(manager_client, reverse("market:complaint_detail", args=[c.pk])) for c in (plain, linked)]
    assert counts[0] == counts[1]


def test_opening_a_complaint_logs_the_read_for_complaint_handling(manager_client):
    from routekaart.audit.models import ProcessingLogEntry

    complaint = ComplaintFactory()
    manager_client.get(reverse("market:complaint_list"))
    assert not ProcessingLogEntry.objects.filter(activity_id="complaint-handling").exists()  # the list names no one
    manager_client.get(reverse("market:complaint_detail", args=[complaint.pk]))
    assert ProcessingLogEntry.objects.filter(activity_id="complaint-handling", operation="read").count() == 1


def test_a_coordinator_who_filed_a_complaint_goes_back_home(staff_client):
    from routekaart.providers.tests.factories import AssignmentFactory
    from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory

    client, coordinator = staff_client(Role.COORDINATOR)
    membership = MembershipFactory()
    InvolvementFactory(household=membership.household, organisation=coordinator.affiliations.get().organisation)
    assignment = AssignmentFactory(resident=membership.resident, household_id=membership.household_id)
    response = client.post(
        reverse("market:complaint_create"),
        {
            "provider": assignment.provider_id,
            "assignment": assignment.number,
            "complainant_name": "N. Hendriks",
            "received_on": "2026-11-30",
            "subject": "De begeleiding stopte zonder bericht.",
        },
    )
    assert response.status_code == 302 and response.url == reverse("home")
    assert Complaint.objects.get().resident_id == membership.resident_id
