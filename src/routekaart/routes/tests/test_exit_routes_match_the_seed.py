"""Seed 004's four exit routes, held to the hand transcription in transcription.py: any slip in the data fails."""

from decimal import Decimal

import pytest

from routekaart.routes import selectors
from routekaart.routes.models import RouteKind

from .transcription import EXIT_CONDITIONS, EXIT_PARTIES, EXIT_ROUTES, EXIT_WORDS

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def exit_routes(route_maps):
    return {route.code: route for route in selectors.route_list(map_code="de_dienst", kind=RouteKind.EXIT)}


def test_there_are_exactly_the_four_exit_routes_in_the_seeds_order(exit_routes):
    assert list(exit_routes) == ["mbo", "work", "sheltered_work", "day_activities"]
    assert [route.name for route in exit_routes.values()] == [name for name, *_ in EXIT_ROUTES.values()]


@pytest.mark.parametrize("code", EXIT_ROUTES)
def test_each_exit_route_has_its_regie_holder(exit_routes, code):
    _, regie, from_age, _ = EXIT_ROUTES[code]
    route = exit_routes[code]
    assert route.regie.name == regie
    assert route.regie_from_age == (Decimal(from_age) if from_age else None)


@pytest.mark.parametrize("code", EXIT_ROUTES)
def test_each_exit_route_has_six_numbered_steps_with_the_seeds_titles_and_acting_parties(exit_routes, code):
    _, _, _, expected = EXIT_ROUTES[code]
    steps = list(exit_routes[code].steps.all())
    assert len(steps) == 6
    actual = [(step.number, step.name, {party.name for party in step.parties}) for step in steps]
    assert actual == expected


@pytest.mark.parametrize("code", EXIT_ROUTES)
def test_steps_follow_the_seeds_order_unless_the_seed_makes_a_step_conditional(exit_routes, code):
    for step in exit_routes[code].steps.all():
        if code == "mbo" and step.number == 6:
            # "Start op nieuwe school" follows the warm handover; step 5 is only for a pupil who does not enrol.
            assert step.requires == [4]
        else:
            assert step.requires == ([step.number - 1] if step.number > 1 else [])
    optional = {(code, step.number) for step in exit_routes[code].steps.all() if step.optional}
    assert optional <= {("mbo", 5), ("day_activities", 6)}


def test_every_party_the_issue_names_acts_on_some_exit_step(exit_routes):
    acting = {party.name for route in exit_routes.values() for step in route.steps.all() for party in step.parties}
    assert acting >= EXIT_PARTIES


@pytest.mark.parametrize(("code", "number", "condition", "min_age", "max_age", "school_kind"), EXIT_CONDITIONS)
def test_each_condition_of_the_seed_sits_on_its_step(
    exit_routes, code, number, condition, min_age, max_age, school_kind
):
    step = next(step for step in exit_routes[code].steps.all() if step.number == number)
    actions = [action for action in step.actions.all() if action.condition == condition]
    assert len(actions) == 1, f"{code} step {number} lacks condition {condition}"
    action = actions[0]
    assert action.min_age == (Decimal(min_age) if min_age else None)
    assert action.max_age == (Decimal(max_age) if max_age else None)
    assert action.school_kind == school_kind


@pytest.mark.parametrize(("code", "number", "words"), EXIT_WORDS)
def test_the_seeds_words_stay_in_the_step(exit_routes, code, number, words):
    step = next(step for step in exit_routes[code].steps.all() if step.number == number)
    assert any(words in action.text for action in step.actions.all())


def test_the_school_gives_two_years_of_aftercare_on_every_exit_route(exit_routes):
    assert {route.aftercare_months for route in exit_routes.values()} == {24}


def test_regie_passes_to_the_former_pupil_when_they_start_work_or_school(exit_routes):
    regie_at = {
        (code, step.number): (step.regie or route.regie).name
        for code, route in exit_routes.items()
        for step in route.steps.all()
    }
    assert regie_at[("mbo", 5)] == "School"
    assert regie_at[("mbo", 6)] == "Leerling/ouder"
    assert regie_at[("work", 6)] == "Leerling/ouder"
    assert regie_at[("sheltered_work", 6)] == "Dienst"
    assert regie_at[("day_activities", 6)] == "Gebiedsteam"


def test_a_pupil_who_does_not_enrol_is_handed_to_the_route_work(exit_routes):
    step = next(step for step in exit_routes["mbo"].steps.all() if step.number == 5)
    handover = next(action for action in step.actions.all() if action.condition == "handover_to_route_work")
    assert handover.next_route == "work"
    assert [party.name for party in handover.addressees.all()] == ["Dienst"]
