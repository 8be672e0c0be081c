"""One state-machine helper: a step is taken only from the states declared for it; any other is refused in Dutch."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from routekaart.core.workflow import StateMachine


class Light(models.TextChoices):
    RED = "red", "Rood"
    GREEN = "green", "Groen"
    ORANGE = "orange", "Oranje"
    OFF = "off", "Uit"


def traffic() -> StateMachine:
    return StateMachine.from_targets(
        Light, {Light.RED: {Light.GREEN}, Light.GREEN: {Light.ORANGE}, Light.ORANGE: {Light.RED}}
    )


def test_a_machine_from_targets_allows_only_the_declared_targets():
    machine = traffic()
    assert machine.allowed(Light.RED) == [Light.GREEN]
    assert machine.allowed(Light.OFF) == []
    assert machine.check(Light.RED, Light.GREEN) == Light.GREEN


def test_a_refusal_names_both_states_in_dutch():
    with pytest.raises(ValidationError) as refused:
        traffic().check(Light.RED, Light.ORANGE)
    assert refused.value.messages == ["Van “Rood” kan dit niet naar “Oranje”."]


def test_a_target_nothing_leads_to_is_refused_not_an_error():
    with pytest.raises(ValidationError):
        traffic().check(Light.GREEN, Light.OFF)


def test_each_machine_may_word_its_refusal_and_fill_its_own_placeholders():
    machine = StateMachine.from_targets(
        Light, {Light.RED: {Light.GREEN}}, message="Lamp %(number)s: van %(current)s niet naar %(target)s."
    )
    with pytest.raises(ValidationError) as refused:
        machine.check(Light.GREEN, Light.RED, number=3)
    assert refused.value.messages == ["Lamp 3: van Groen niet naar Rood."]


def test_named_steps_keep_or_change_the_state_and_have_their_own_message():
    machine = StateMachine(
        Light,
        {"switch_off": {Light.RED: Light.OFF, Light.GREEN: Light.OFF}, "inspect": {Light.RED: Light.RED}},
        messages={"inspect": "Alleen een rode lamp wordt geïnspecteerd."},
        message="Deze lamp is al uit.",
    )
    assert machine.allowed(Light.RED) == ["switch_off", "inspect"]
    assert machine.check(Light.RED, "inspect") == Light.RED
    assert machine.check(Light.GREEN, "switch_off") == Light.OFF
    with pytest.raises(ValidationError) as refused:
        machine.check(Light.GREEN, "inspect")
    assert refused.value.messages == ["Alleen een rode lamp wordt geïnspecteerd."]
    with pytest.raises(ValidationError) as refused:
        machine.check(Light.OFF, "switch_off")
    assert refused.value.messages == ["Deze lamp is al uit."]


def test_a_step_with_several_targets_needs_the_target_named():
    machine = StateMachine(Light, {"decide": {Light.ORANGE: {Light.RED, Light.GREEN}}}, field="status")
    assert machine.check(Light.ORANGE, "decide", Light.GREEN) == Light.GREEN
    with pytest.raises(ValueError):
        machine.check(Light.ORANGE, "decide")
    with pytest.raises(ValidationError) as refused:
        machine.check(Light.ORANGE, "decide", Light.OFF)
    assert list(refused.value.message_dict) == ["status"]


def test_a_state_outside_the_enum_is_refused_when_declared():
    with pytest.raises(ValueError, match="blue"):
        StateMachine(Light, {"paint": {Light.RED: "blue"}})


def test_an_undeclared_step_is_a_programming_error():
    with pytest.raises(KeyError):
        traffic().check(Light.RED, "fly")
