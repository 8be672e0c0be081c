"""A payload value that is a key or code (a route's key, an organisation's code) is never a word in a timeline
sentence: without the subject's describer the sentence falls back to one that needs no name."""

from types import SimpleNamespace

import pytest

from routekaart.audit.event_labels import Described, event_sentence


def _event(**after):
    return SimpleNamespace(action="trajectory.started", after=after, before=None, actor=None)


@pytest.mark.parametrize("code", ["de_dienst.sheltered_work", "gemeente-weidebeek", "sw_company"])
def test_a_code_in_the_payload_never_reaches_the_sentence(code):
    sentence = event_sentence(_event(route=code))
    assert code not in sentence
    assert sentence == "Traject begonnen"


def test_the_describers_name_is_used_where_the_payload_holds_a_code():
    about = Described(name="Beschut werk", url="", facts={"route": "Beschut werk"})
    assert event_sentence(_event(route="de_dienst.sheltered_work"), about) == "Route Beschut werk begonnen"


def test_a_name_with_capitals_and_spaces_is_a_word():
    assert event_sentence(_event(route="Beschut werk")) == "Route Beschut werk begonnen"
