"""The seeds' yardsticks are data: every number carries its source document and seed file, Sol's shares are the
ones participation configures, and every yardstick figure can be exported by its code."""

from decimal import Decimal
from pathlib import Path

import yaml

from routekaart.insights.figures import figure_builder
from routekaart.insights.selectors_yardsticks import BUILDERS, YARDSTICKS, _load

DISTANCE = Path(__file__).parents[2] / "participation" / "data" / "distance.yaml"


def test_every_yardstick_names_its_seed_file_its_document_and_its_words():
    for yardstick in YARDSTICKS.values():
        assert yardstick.file.startswith(f"{yardstick.source}_") and yardstick.file.endswith(".txt")
        assert yardstick.document and yardstick.text


def test_the_seed_numbers_are_the_seeds():
    values = {code: yardstick.value for code, yardstick in YARDSTICKS.items()}
    assert values["walking_routes"] == Decimal(15)  # seeds 000/001: "gemiddeld 15%"
    assert values["reassessment"] == Decimal(75)  # seed 002 §3.4: "driekwart"
    assert values["youth_applications"] == Decimal(50)  # seed 004: "de helft van alle jongeren"
    assert values["annual_review"] == Decimal(100)  # seed 004: "minimaal 1x per jaar"
    assert values["non_take_up"] is None and values["objections_upheld"] is None  # no number in the seeds
    assert "gemiddeld 15%" in YARDSTICKS["walking_routes"].text
    assert "driekwart" in YARDSTICKS["reassessment"].text
    assert "de helft van alle jongeren" in YARDSTICKS["youth_applications"].text


def test_sols_shares_in_the_text_are_the_ones_participation_configures():
    categories = yaml.safe_load(DISTANCE.read_text(encoding="utf-8"))["categories"]
    shares = " ".join(f"{c['reference_share']}%" for c in sorted(categories, key=lambda c: c["order"]))
    assert shares == "1% 2% 5% 57% 5% 30%"
    assert shares in YARDSTICKS["distance"].text


def test_the_parameters_that_are_ours_are_in_the_file_with_their_basis():
    youth = YARDSTICKS["youth_applications"]
    assert (youth.parameter("under_age"), youth.parameter("days_before"), youth.parameter("days_after")) == (27, 31, 91)
    assert "dertien weken" in youth.basis


def test_the_file_loads_the_same_twice_and_every_yardstick_has_a_figure_to_export():
    assert _load() == YARDSTICKS
    assert set(BUILDERS) == set(YARDSTICKS)
    for code in YARDSTICKS:
        assert figure_builder(f"yardstick_{code}") is BUILDERS[code]
