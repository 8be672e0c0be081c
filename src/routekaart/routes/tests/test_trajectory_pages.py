"""The trajectory screens: the resident's route map, the school and Dienst dashboards and the start form. Each reads
through the access check, logs what it shows, refuses bad input with the service's Dutch message (400, nothing
changed) and runs a fixed number of queries whatever the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.routes import services
from routekaart.routes.models import RegieHandover, StepProgress, Trajectory
from routekaart.routes.workflow import Outcome

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


def start(network, resident, code="sheltered_work"):
    trajectory = services.trajectory_start(
        actor=network.school_user,
        resident=resident,
        route=exit_route(code),
        organisations=network.organisations(),
        school_kind="vso",
        exit_profile="sheltered_work",
    )
    handover = RegieHandover.objects.filter(trajectory=trajectory, state="proposed").first()
    if handover:
        services.regie_handover_accept(actor=network.dienst_user, handover=handover)
    return trajectory


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def demo_settings(demo_login):
    return demo_login


def test_the_route_map_of_a_resident_shows_steps_regie_and_life_line(client, network, pupil):
    trajectory = start(network, pupil)
    response = signed_in(client, network.school_user).get(reverse("routes:trajectory_detail", args=[trajectory.pk]))
    assert response.status_code == 200
    text = response.text
    assert pupil.full_name in text
    assert 'data-state="current"' in text and "Stap 1:" in text
    assert "Dienst (De Dienst)" in text  # regie, with the organisation that holds it
    assert "overgenomen" in text  # the hand-over, seen by the school too
    assert 'data-passed="ja"' in text and 'data-passed="nee"' in text  # hand-overs of the life course passed, ahead
    entry = ProcessingLogEntry.objects.filter(activity_id="route-guidance", actor=network.school_user).last()
    assert entry.result == Result.OK


def test_someone_not_involved_is_refused_and_the_attempt_is_logged(client, network, pupil):
    trajectory = start(network, pupil)
    stranger = UserFactory(is_demo=True)
    AffiliationFactory(user=stranger, role=Role.COORDINATOR)
    response = signed_in(client, stranger).get(reverse("routes:trajectory_detail", args=[trajectory.pk]))
    assert response.status_code == 403
    assert pupil.full_name not in response.text
    assert ProcessingLogEntry.objects.filter(actor=stranger, result=Result.DENIED).exists()


def test_a_refused_step_shows_the_dutch_message_and_changes_nothing(client, network, pupil):
    trajectory = start(network, pupil)
    states = list(StepProgress.objects.filter(trajectory=trajectory).values_list("state", flat=True))
    response = signed_in(client, network.dienst_user).post(
        reverse("routes:step_transition", args=[trajectory.pk, 3]), {"stap-transition": "start"}
    )
    assert response.status_code == 400
    assert (
        "Stap 3 (Arbeidsvermogen) kan pas beginnen als stap 1 ((Beschutte) stage), 2 (Beschutte werkplek)"
        in (response.text)
        or "kan pas beginnen als stap 2" in response.text
    )
    assert "Er is niets gewijzigd." in response.text
    assert list(StepProgress.objects.filter(trajectory=trajectory).values_list("state", flat=True)) == states


def test_a_step_is_completed_from_the_page(client, network, pupil):
    trajectory = start(network, pupil)
    response = signed_in(client, network.school_user).post(
        reverse("routes:step_transition", args=[trajectory.pk, 1]),
        {"stap-transition": "complete", "stap-outcome": "Goed"},
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.current_step.number == 2


def test_the_school_registers_a_leaver_with_the_form(client, network, pupil):
    client = signed_in(client, network.school_user)
    assert client.get(reverse("routes:trajectory_start")).status_code == 200
    response = client.post(
        reverse("routes:trajectory_start"),
        {
            "resident": pupil.pk,
            "route": exit_route("sheltered_work").pk,
            "school_kind": "vso",
            "exit_profile": "sheltered_work",
            "internships": "Kringloopwinkel, 2025",
            "party_school": network.school.pk,
            "party_dienst": network.dienst.pk,
            "party_area_team": network.area_team.pk,
        },
    )
    trajectory = Trajectory.objects.get(resident=pupil)
    assert response.status_code == 302 and response.url.endswith(f"/trajecten/{trajectory.pk}/")
    assert trajectory.internships == "Kringloopwinkel, 2025"


def test_the_form_shows_a_refusal_of_the_service(client, network, pupil):
    client = signed_in(client, network.school_user)
    response = client.post(
        reverse("routes:trajectory_start"),
        {
            "resident": pupil.pk,
            "route": exit_route("sheltered_work").pk,
            "school_kind": "vso",
            "exit_profile": "sheltered_work",
            "party_school": network.school.pk,
        },
    )
    assert response.status_code == 400
    assert "Kies de organisatie die de regie krijgt: Dienst." in response.text
    assert not Trajectory.objects.exists()


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_route_map_page_runs_the_same_queries_however_much_happened(client, network, pupil_factory):
    quiet = start(network, pupil_factory(17))
    busy = start(network, pupil_factory(17))
    for number in (1, 2):
        services.step_transition(actor=network.dienst_user, trajectory=busy, number=number, transition="complete")
    for _ in range(5):
        services.condition_record(
            actor=network.dienst_user,
            trajectory=busy,
            condition="uwv_work_capacity_assessment",
            outcome=Outcome.RECORDED,
        )
    client = signed_in(client, network.dienst_user)
    assert _queries(client, reverse("routes:trajectory_detail", args=[quiet.pk])) == _queries(
        client, reverse("routes:trajectory_detail", args=[busy.pk])
    )


@pytest.mark.parametrize(
    ("user_attr", "url_name"), [("dienst_user", "routes:dienst_dashboard"), ("school_user", "routes:school_dashboard")]
)
def test_the_dashboards_run_the_same_queries_for_one_or_many_youths(
    client, network, pupil_factory, user_attr, url_name
):
    start(network, pupil_factory(17))
    client = signed_in(client, getattr(network, user_attr))
    few = _queries(client, reverse(url_name))
    for _ in range(8):
        start(network, pupil_factory(17))
    assert _queries(client, reverse(url_name)) == few


def test_the_dienst_dashboard_shows_youth_from_sixteen_and_a_half_the_waitlist_and_the_quota(
    client, network, pupil_factory
):
    older, younger = pupil_factory(17), pupil_factory(16)
    trajectory = start(network, older)
    services.trajectory_start(
        actor=network.school_user,
        resident=younger,
        route=exit_route("work"),
        organisations=network.organisations(),
        school_kind="pro",
    )
    for number in (1, 2):
        services.step_transition(actor=network.dienst_user, trajectory=trajectory, number=number, transition="complete")
    services.condition_record(
        actor=network.dienst_user, trajectory=trajectory, condition="uwv_work_capacity_assessment", outcome="recorded"
    )
    services.step_transition(actor=network.dienst_user, trajectory=trajectory, number=3, transition="complete")
    services.condition_record(
        actor=network.dienst_user, trajectory=trajectory, condition="uwv_advice", outcome="positive"
    )
    services.condition_record(
        actor=network.dienst_user, trajectory=trajectory, condition="dienst_decision", outcome="positive"
    )
    services.step_transition(actor=network.dienst_user, trajectory=trajectory, number=4, transition="complete")
    response = signed_in(client, network.dienst_user).get(reverse("routes:dienst_dashboard"))
    dashboard = response.context["dashboard"]
    assert [t.resident for t in dashboard.page] == [older]  # the 16-year-old is not yet the Dienst's
    assert [e.trajectory for e in dashboard.waitlist] == [trajectory]
    assert dashboard.quota[0]["places"] == 4 and dashboard.quota[0]["waiting"] == 1
    assert "Wachtlijst beschut werk" in response.text


def test_the_school_sees_its_own_leavers_only(client, network, pupil, pupil_factory):
    start(network, pupil)
    other_school = OrganisationFactory(kind="school", school_kind="pro", code="andere-school")
    other_user = UserFactory(is_demo=True)
    AffiliationFactory(user=other_user, organisation=other_school, role=Role.SCHOOL)
    response = signed_in(client, other_user).get(reverse("routes:school_dashboard"))
    assert list(response.context["dashboard"].page) == []
    response = signed_in(client, network.school_user).get(reverse("routes:school_dashboard"))
    assert [t.resident for t in response.context["dashboard"].page] == [pupil]
    assert ProcessingLogEntry.objects.filter(actor=network.school_user, activity_id="route-guidance").exists()


@pytest.mark.parametrize("role", [Role.POLICY, Role.PRIVACY_OFFICER, Role.RESIDENT, Role.EMPLOYER_ADVISER])
def test_roles_without_casework_on_routes_do_not_open_the_trajectory_screens(staff_client, role):
    client, _ = staff_client(role)
    assert client.get(reverse("routes:trajectory_list")).status_code == 403
    assert client.get(reverse("routes:dienst_dashboard")).status_code == 403


def test_the_dienst_dashboard_reads_the_involvements_once_not_once_per_youth(client, network, pupil_factory):
    """The visibility check is one semi-join over the user's involvements: a correlated EXISTS per row let SQLite walk
    all of the Dienst's involvements for every youth (11.7 s at 5,000 youths, bench/bench_routes_dashboard.py)."""
    import re

    start(network, pupil_factory(17))
    client = signed_in(client, network.dienst_user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("routes:dienst_dashboard")).status_code == 200
    involvement_reads = [q["sql"] for q in captured if '"residents_involvement"' in q["sql"]]
    assert involvement_reads
    for sql in involvement_reads:
        assert not re.search(r'EXISTS\(SELECT 1 AS "a" FROM "residents_involvement"', sql), sql
