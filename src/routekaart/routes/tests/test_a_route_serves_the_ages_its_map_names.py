"""An exit route serves school leavers of the ages its map file names (from 16, younger than 27): a trajectory for
someone outside them (a 6-year-old, a 47-year-old parent) is refused in Dutch, naming the ages, and nothing changes.

Each bound N is tested the day before, on and after the birthday of age N (N-1, N, N+1 in days), with N read from
the loaded map, so the test follows the data.
"""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from routekaart.routes import services
from routekaart.routes.models import Trajectory
from routekaart.testing import database_fingerprint, problem_reasons

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]

ROUTES = ["mbo", "work", "sheltered_work", "day_activities"]


@pytest.fixture(autouse=True)
def demo_settings(demo_login):
    return demo_login


def born_turning(age, shift_days: int = 0) -> date:
    """The birth date of someone who turns `age` today shifted by `shift_days` (+1: turned it yesterday)."""
    years = int(age)
    return (
        timezone.localdate()
        - relativedelta(years=years, months=round((float(age) - years) * 12))
        - timedelta(days=shift_days)
    )


def start(network, resident, code):
    return services.trajectory_start(
        actor=network.school_user,
        resident=resident,
        route=exit_route(code),
        organisations=network.organisations(),
        school_kind="vso",
    )


def refusal(route) -> str:
    return f"Route {route.name} is voor jongeren van 16 tot 27 jaar"


def test_every_exit_route_names_the_ages_it_serves(route_maps):
    for code in ROUTES:
        route = exit_route(code)
        assert (route.min_age, route.max_age) == (16, 27), code


@pytest.mark.parametrize("code", ROUTES)
@pytest.mark.parametrize(
    ("bound", "shift_days", "served"),
    [
        ("min_age", -1, False),  # turns 16 tomorrow
        ("min_age", 0, True),  # turns 16 today
        ("min_age", 1, True),
        ("max_age", -1, True),  # 26, turns 27 tomorrow
        ("max_age", 0, False),  # turns 27 today
        ("max_age", 1, False),
    ],
)
def test_a_trajectory_starts_only_within_the_ages_of_its_route(network, pupil_factory, code, bound, shift_days, served):
    from django.core.exceptions import ValidationError

    route = exit_route(code)
    resident = pupil_factory(17)
    resident.birth_date = born_turning(getattr(route, bound), shift_days)
    resident.save(update_fields=["birth_date"])
    if served:
        assert start(network, resident, code).route == route
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        start(network, resident, code)
    (message,) = refused.value.message_dict["resident"]
    assert message.startswith(refusal(route)), message
    assert message.endswith("Kies een route die bij de leeftijd past."), message
    assert database_fingerprint() == before


@pytest.mark.parametrize("age", [6, 47])
def test_a_child_or_a_parent_is_refused_on_the_school_page(client, network, pupil_factory, age):
    resident = pupil_factory(age)
    client.force_login(network.school_user)
    before = database_fingerprint()
    response = client.post(
        reverse("routes:trajectory_start"),
        {
            "resident": resident.pk,
            "route": exit_route("work").pk,
            "school_kind": "pro",
            "exit_profile": "labour_market",
            "party_school": network.school.pk,
            "party_dienst": network.dienst.pk,
            "party_area_team": network.area_team.pk,
        },
    )
    assert response.status_code == 400
    assert "Route Werk is voor jongeren van 16 tot 27 jaar; deze inwoner is op" in response.text
    assert f" {age} jaar. Kies een route die bij de leeftijd past." in response.text
    assert database_fingerprint() == before
    assert not Trajectory.objects.exists()


@pytest.mark.parametrize("age", [6, 47])
def test_a_child_or_a_parent_is_refused_through_the_api(client, network, pupil_factory, age):
    resident = pupil_factory(age)
    client.force_login(network.school_user)
    before = database_fingerprint()
    response = client.post(
        "/api/v1/routes/trajectories/",
        {
            "resident": resident.pk,
            "route": "de_dienst.sheltered_work",
            "organisations": {
                "school": network.school.code,
                "dienst": network.dienst.code,
                "area_team": network.area_team.code,
                "sheltered_work_company": network.sheltered_work_company.code,
            },
            "school_kind": "vso",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    texts = " ".join(problem_reasons(response))
    assert "Route Beschut werk is voor jongeren van 16 tot 27 jaar;" in texts
    assert f" {age} jaar. Kies een route die bij de leeftijd past." in texts
    assert database_fingerprint() == before
