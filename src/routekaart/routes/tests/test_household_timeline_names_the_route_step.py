"""The household timeline says which step of which route happened and who did it, and links to the trajectory."""

import pytest
from django.urls import reverse

from routekaart.residents.access import household_access
from routekaart.residents.timeline import timeline_page
from routekaart.routes import services

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def walked(network, pupil):
    network.school_user.first_name, network.school_user.last_name = "Omar", "Haddou"
    network.school_user.save()
    trajectory = services.trajectory_start(
        actor=network.school_user,
        resident=pupil,
        route=exit_route("sheltered_work"),
        organisations=network.organisations(),
        school_kind="vso",
        exit_profile="sheltered_work",
        internships="Stage bij de kringloopwinkel",
    )
    services.step_transition(actor=network.school_user, trajectory=trajectory, number=1, transition="complete")
    return trajectory


def test_a_step_reads_with_the_route_name_and_the_actor_and_links_to_the_trajectory(network, walked):
    access = household_access(user=network.school_user, household_id=walked.household_id)
    _page, entries = timeline_page(access=access)
    by_action = {entry.event.action: entry for entry in entries}
    route = exit_route("sheltered_work").name
    done = by_action["trajectory.step_complete"]
    assert done.sentence == f"Stap 1 van de route {route} afgerond door Omar Haddou"
    assert done.url == reverse("routes:trajectory_detail", args=[walked.pk])
    assert by_action["trajectory.step_start"].sentence == f"Stap 2 van de route {route} begonnen door Omar Haddou"
    assert by_action["trajectory.started"].sentence == f"Route {route} begonnen door Omar Haddou"
    assert done.kind == "routes"


def test_the_timeline_page_shows_the_sentence_as_a_link(client, demo_login, network, walked):
    client.force_login(network.school_user)
    response = client.get(reverse("residents:timeline", args=[walked.household_id]))
    assert response.status_code == 200
    page = response.content.decode()
    route = exit_route("sheltered_work").name
    assert (
        f'href="{reverse("routes:trajectory_detail", args=[walked.pk])}">Stap 1 van de route {route} afgerond' in page
    )
