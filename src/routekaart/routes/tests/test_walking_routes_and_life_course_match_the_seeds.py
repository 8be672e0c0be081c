"""Seeds 000 and 001: the four walking routes, the life course's hand-overs and seed 001's three tiers."""

from decimal import Decimal

import pytest

from routekaart.routes import selectors
from routekaart.routes.models import RouteKind

from .transcription import DESTINATIONS_000, LIFE_COURSE, TIERS, WALKING_ROUTES

pytestmark = [pytest.mark.django_db]

WALKING_MAPS = ["zaanstad", "purmerend_beemster"]


@pytest.mark.parametrize("map_code", WALKING_MAPS)
def test_each_walking_map_has_the_four_walking_routes(route_maps, map_code):
    routes = list(selectors.route_list(map_code=map_code, kind=RouteKind.WALKING))
    actual = [(r.code, r.walking_kind, r.name, r.regie.name, r.share_percent) for r in routes]
    assert actual == WALKING_ROUTES
    assert all(route.text and not route.steps.all() for route in routes)


@pytest.mark.parametrize("map_code", WALKING_MAPS)
def test_the_tailored_route_serves_about_fifteen_percent_and_can_lead_to_every_destination(route_maps, map_code):
    tailored = selectors.route_list(map_code=map_code, kind=RouteKind.WALKING).get(code="tailored")
    assert "gemiddeld 15%" in tailored.text
    assert set(tailored.destinations) == DESTINATIONS_000
    assert {"jeugdzorg", "verpleeghuiszorg", "bijzondere bijstand"} <= set(tailored.provisions)
    assert tailored.building_blocks and tailored.instruments


@pytest.mark.parametrize("map_code", WALKING_MAPS)
def test_the_life_course_tracks_each_hand_over_at_its_age(route_maps, map_code):
    life_course = selectors.route_list(map_code=map_code, kind=RouteKind.LIFE_COURSE).get()
    assert life_course.regie.name == "Regisseur"
    steps = list(life_course.steps.all())
    assert [(s.number, s.at_age, s.life_phase) for s in steps] == [
        (number, Decimal(age), phase) for number, age, phase, _ in LIFE_COURSE
    ]
    for step, (*_, words) in zip(steps, LIFE_COURSE, strict=True):
        assert any(words in action.text for action in step.actions.all()), words


def test_seed_001_names_the_initiative_route_in_its_own_spelling(route_maps):
    route = selectors.route_list(map_code="purmerend_beemster").get(code="initiative")
    assert (route.name, route.seed_name) == ("Initiatiefrijke route", "Initiatiefroei-route")


def test_the_maps_differ_where_the_seeds_differ(route_maps):
    zaanstad = selectors.route_map_get(code="zaanstad")
    beemster = selectors.route_map_get(code="purmerend_beemster")
    assert "Sociale wijkteams" in zaanstad.route_map.description
    assert "Dorpszorg" in beemster.route_map.description
    assert zaanstad.tiers == []


def test_seed_001_has_three_tiers_and_every_destination_sits_in_exactly_one(route_maps):
    view = selectors.route_map_get(code="purmerend_beemster")
    assert [(tier.code, tier.name) for tier in view.tiers] == TIERS
    placed = [code for tier in view.tiers for code in tier.destinations]
    assert sorted(placed) == sorted(DESTINATIONS_000)
    assert view.tiers[0].destinations == ["regular_work"]


def test_each_walking_route_leads_somewhere_within_the_tiers(route_maps):
    view = selectors.route_map_get(code="purmerend_beemster")
    tiered = {code for tier in view.tiers for code in tier.destinations}
    for route in view.routes:
        if route.kind == RouteKind.WALKING:
            assert route.destinations and set(route.destinations) <= tiered, route.code
