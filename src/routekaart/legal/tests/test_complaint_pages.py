"""Klantbeheer's conduct complaint pages: the list (fixed queries), registering one, one complaint with its steps,
a refused step answered 400 with the Dutch message and nothing changed; a coordinator sees none of it."""

from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.testing import database_fingerprint

from ..models import StaffComplaint, StaffComplaintStatus
from .factories_complaints import StaffComplaintFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def jurist_client(staff_client):
    client, user = staff_client(Role.LEGAL)
    return client, user


@pytest.fixture
def desk(jurist_client):
    """The jurist's own legal desk: its complaints are theirs to handle."""
    return jurist_client[1].affiliations.get().organisation


def test_the_list_shows_open_complaints_with_their_days_left_in_fixed_queries(
    jurist_client, desk, django_assert_max_num_queries
):
    client, _user = jurist_client
    # six weeks end on New Year's Day: Monday 4 January
    StaffComplaintFactory(organisation=desk, received_on=date(2026, 11, 20))
    StaffComplaintFactory(organisation=desk, received_on=date(2026, 10, 1))  # last day 12 November: overdue
    client.get(reverse("legal:complaint_list"))
    for _ in range(5):
        StaffComplaintFactory(organisation=desk, received_on=date(2026, 11, 2))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("legal:complaint_list"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "4 Jan 2027" in text and "19 dagen te laat" in text
    assert "J. de Klager" not in text  # the list names no complainant


def test_registering_a_complaint_goes_to_its_page(jurist_client):
    client, jurist = jurist_client
    colleague = UserFactory(first_name="Karel", last_name="Balie", role=Role.COORDINATOR)
    response = client.post(
        reverse("legal:complaint_register"),
        {
            "about_user": colleague.pk,
            "complainant_name": "J. de Klager",
            "received_on": "2026-11-30",
            "subject": "Onbeleefd aan de telefoon.",
        },
    )
    complaint = StaffComplaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "legal:complaint_detail", args=[complaint.pk]
    )
    assert complaint.handler == jurist and complaint.about_user == colleague
    page = client.get(response["Location"]).content.decode()
    assert "J. de Klager" in page and "Karel Balie" in page and "Ontvangst bevestigen (Awb 9:6)" in page
    assert ProcessingLogEntry.objects.filter(activity_id="conduct-complaint-handling").count() >= 2


def test_a_complaint_about_the_jurist_themself_is_refused_on_the_form(jurist_client):
    client, jurist = jurist_client
    before = database_fingerprint()
    response = client.post(
        reverse("legal:complaint_register"),
        {"about_user": jurist.pk, "complainant_name": "X", "received_on": "2026-11-30", "subject": "Y"},
    )
    assert response.status_code == 400
    assert "Awb 9:7" in response.content.decode()
    assert database_fingerprint() == before


def test_a_step_out_of_order_is_refused_with_400_and_nothing_changes(jurist_client, desk):
    client, _user = jurist_client
    complaint = StaffComplaintFactory(organisation=desk)
    client.get(reverse("legal:complaint_detail", args=[complaint.pk]))
    before = database_fingerprint()
    response = client.post(
        reverse("legal:complaint_step", args=[complaint.pk, "decide"]),
        {"decide-decided_on": "2026-11-30", "decide-outcome": "founded", "decide-conclusions": "x"},
    )
    assert response.status_code == 400
    assert "Bevestig eerst de ontvangst van de klacht" in response.content.decode()
    assert database_fingerprint() == before


def test_the_steps_take_a_complaint_to_its_decision(jurist_client, desk):
    client, _user = jurist_client
    complaint = StaffComplaintFactory(organisation=desk, received_on=date(2026, 11, 2))
    url = lambda step: reverse("legal:complaint_step", args=[complaint.pk, step])  # noqa: E731
    assert client.post(url("acknowledge"), {"acknowledge-acknowledged_on": "2026-11-03"}).status_code == 302
    assert client.post(url("hear"), {"hear-heard_on": "2026-11-10"}).status_code == 302
    response = client.post(
        url("decide"),
        {"decide-decided_on": "2026-11-20", "decide-outcome": "unfounded", "decide-conclusions": "Geen bewijs."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == (StaffComplaintStatus.DECIDED, "unfounded")


def test_an_unknown_step_and_an_unknown_complaint_are_not_found(jurist_client, desk):
    client, _user = jurist_client
    complaint = StaffComplaintFactory(organisation=desk)
    assert client.post(reverse("legal:complaint_step", args=[complaint.pk, "vergeten"])).status_code == 404
    assert client.get(reverse("legal:complaint_detail", args=[complaint.pk + 1000])).status_code == 404


def test_another_desks_complaint_is_not_listed_nor_found(jurist_client, desk):
    client, _user = jurist_client
    own = StaffComplaintFactory(organisation=desk)
    other = StaffComplaintFactory()
    page = client.get(reverse("legal:complaint_list")).content.decode()
    assert own.reference in page and other.reference not in page
    assert client.get(reverse("legal:complaint_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("legal-conduct-complaint", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.POLICY, Role.CLIENT_ADMIN])
def test_other_roles_do_not_see_conduct_complaints(staff_client, role):
    client, _user = staff_client(role)
    complaint = StaffComplaintFactory()
    assert client.get(reverse("legal:complaint_list")).status_code == 403
    assert client.get(reverse("legal:complaint_detail", args=[complaint.pk])).status_code == 403
    assert client.get(reverse("legal:complaint_register")).status_code == 403


def test_the_api_lists_creates_and_reads_complaints_for_legal(jurist_client):
    client, _user = jurist_client
    colleague = AffiliationFactory(role=Role.COORDINATOR).user
    response = client.post(
        reverse("legal-conduct-complaints"),
        {"about_user": colleague.pk, "complainant_name": "J.", "received_on": "2026-11-30", "subject": "Te laat."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["decision_due_on"] == "2027-01-11"
    assert client.get(reverse("legal-conduct-complaints")).json()["count"] == 1
    assert client.get(reverse("legal-conduct-complaint", args=[pk])).json()["reference"].startswith("KB-2026-")


def test_the_api_refuses_bad_input_in_dutch_and_other_roles(jurist_client, client):
    api, _user = jurist_client
    response = api.post(reverse("legal-conduct-complaints"), {"received_on": "morgen"}, content_type="application/json")
    assert response.status_code == 400
    assert {"received_on", "subject", "complainant_name"} <= {p["name"] for p in response.json()["invalidParams"]}
    assert not StaffComplaint.objects.exists()
    other = UserFactory(role=Role.COORDINATOR)
    client.force_login(other)
    assert client.get(reverse("legal-conduct-complaints")).status_code == 403
