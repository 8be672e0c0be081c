"""The household page shows each member's route: the step, what comes next, who holds regie; a start-route action for
those who may start one; nothing for a provider that fills no party of the route; a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import Membership
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory, ResidentFactory
from routekaart.routes import services

from .conftest import exit_route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]


def _start(network, resident, route: str = "sheltered_work"):
    return services.trajectory_start(
        actor=network.school_user,
        resident=resident,
        route=exit_route(route),
        organisations=network.organisations(),
        school_kind="vso",
        exit_profile="sheltered_work",
    )


def _household_of(resident) -> int:
    return Membership.objects.get(resident=resident).household_id


def _page(user, household_id: int):
    client = Client()
    client.force_login(user)
    return client.get(reverse("residents:household_detail", args=[household_id]))


def _block(response) -> str:
    html = response.content.decode()
    start = html.index('data-block="routes"')
    return html[start : html.index("</section>", start)]


def test_the_school_sees_its_pupils_step_next_step_and_regie_and_may_start_a_route(network, pupil):
    trajectory = _start(network, pupil)
    services.step_transition(actor=network.school_user, trajectory=trajectory, number=1, transition="complete")
    trajectory.refresh_from_db()
    response = _page(network.school_user, _household_of(pupil))
    assert response.status_code == 200
    block = _block(response)
    total = trajectory.route.steps.count()
    assert f"stap {trajectory.current_step.number} van {total}: {trajectory.current_step.name}" in block
    following = trajectory.route.steps.get(number=trajectory.current_step.number + 1)
    assert f"Hierna: {following.name}" in block
    assert f"Regie: {trajectory.regie_party.name}" in block
    assert reverse("routes:trajectory_detail", args=[trajectory.pk]) in block
    start = reverse("routes:trajectory_start") + f"?huishouden={_household_of(pupil)}"
    assert f'href="{start}"' in block


def test_the_start_form_from_the_household_offers_only_its_members(network, pupil, pupil_factory):
    other = pupil_factory(17)
    client = Client()
    client.force_login(network.school_user)
    response = client.get(reverse("routes:trajectory_start") + f"?huishouden={_household_of(pupil)}")
    choices = list(response.context["form"].fields["resident"].queryset)
    assert choices == [pupil]
    everyone = client.get(reverse("routes:trajectory_start")).context["form"].fields["resident"].queryset
    assert {pupil, other} <= set(everyone)
    huge = client.get(reverse("routes:trajectory_start") + "?huishouden=" + "9" * 30)
    assert huge.status_code == 200


def test_a_provider_without_a_party_in_the_route_sees_no_route_and_no_start_action(network, pupil):
    _start(network, pupil)
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, code="zorg-de-linde", name="Zorg De Linde")
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=provider, role=Role.PROVIDER)
    InvolvementFactory(household_id=_household_of(pupil), organisation=provider, valid_from=datetime.date(2020, 1, 1))
    response = _page(user, _household_of(pupil))
    assert response.status_code == 200
    html = response.content.decode()
    if 'data-block="routes"' in html:
        block = _block(response)
        assert "Regie:" not in block
        assert "Route starten" not in block


def test_the_route_block_runs_the_same_queries_for_one_member_or_six_with_routes(network, pupil, pupil_factory):
    small = _household_of(pupil)
    household = MembershipFactory(resident=ResidentFactory(birth_date=datetime.date(1980, 1, 1))).household
    InvolvementFactory(household=household, organisation=network.school, valid_from=datetime.date(2020, 1, 1))
    for _ in range(5):
        member = pupil_factory(17)
        Membership.objects.filter(resident=member).update(household=household)
        _start(network, member)
    _start(network, pupil)
    counts = []
    for household_id in (small, household.pk):
        with CaptureQueriesContext(connection) as queries:
            assert _page(network.school_user, household_id).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
