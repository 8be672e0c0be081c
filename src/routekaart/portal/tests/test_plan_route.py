"""Mijn route: the person the portal shows sees the step they are at ("Stap 2 van 6: …"), what comes next and who
holds regie; never a housemate's route; the read is logged under route guidance; a fixed number of queries."""

import pytest
from django.urls import reverse

from ...audit.models import ProcessingLogEntry
from ...audit.services import pseudonym
from ...residents.models import Membership
from ...routes import services
from ...routes.tests.conftest import exit_route, network, pupil, pupil_factory, route_maps  # noqa: F401 (fixtures)
from .helpers import page_queries, portal_login

pytestmark = pytest.mark.django_db


def _start(network, resident):  # noqa: F811 (the fixture, passed in)
    return services.trajectory_start(
        actor=network.school_user,
        resident=resident,
        route=exit_route("sheltered_work"),
        organisations=network.organisations(),
        school_kind="vso",
        exit_profile="sheltered_work",
    )


def test_the_route_page_shows_my_step_what_comes_next_and_who_holds_regie(client, network, pupil, pupil_factory):  # noqa: F811
    trajectory = _start(network, pupil)
    services.step_transition(actor=network.school_user, trajectory=trajectory, number=1, transition="complete")
    trajectory.refresh_from_db()
    sibling = pupil_factory(17)
    Membership.objects.filter(resident=sibling).update(household=Membership.objects.get(resident=pupil).household)
    theirs = _start(network, sibling)
    portal_login(client, pupil)
    page = client.get(reverse("portal:route")).text
    total = trajectory.route.steps.count()
    step = trajectory.current_step
    following = trajectory.route.steps.get(number=step.number + 1)
    assert f"Stap {step.number} van {total}: {step.name}" in page
    assert f"Hierna komt: {following.name}." in page
    assert trajectory.regie_party.name in page.split("data-regie")[1]
    assert f'data-trajectory="{trajectory.pk}"' in page and f'data-trajectory="{theirs.pk}"' not in page
    entry = ProcessingLogEntry.objects.filter(channel="portal").latest("pk")
    assert entry.activity_id == "route-guidance" and list(entry.pseudonyms) == [pseudonym(pupil.bsn)]


def test_without_a_route_the_page_says_so(client, pupil):  # noqa: F811
    portal_login(client, pupil)
    assert "U loopt nu geen route." in client.get(reverse("portal:route")).text


def test_the_route_page_runs_the_same_queries_with_or_without_routes(client, network, pupil):  # noqa: F811
    portal_login(client, pupil)
    url = reverse("portal:route")
    counts = []
    for grow in (False, True):
        if grow:
            trajectory = _start(network, pupil)
            services.step_transition(actor=network.school_user, trajectory=trajectory, number=1, transition="complete")
        counts.append(page_queries(client, url))
    assert counts[0] == counts[1], counts
