"""The werkgeversdienstverlening's configuration is data, loaded through core's contract: loaded twice it changes
nothing; a changed file needs a new version (refused in Dutch, nothing changed); bad numbers are refused."""

import copy
import shutil

import pytest
import yaml

from routekaart.core.configuration import ConfigurationError
from routekaart.work import configuration
from routekaart.work.configuration import rules_check, work_configuration_load
from routekaart.work.models import Competence, PostcodeArea, Sector, WorkRules

pytestmark = [pytest.mark.django_db]
RULES = yaml.safe_load((configuration.DATA / "rules.yaml").read_text())


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of work's data files that a test may change; `write(name, document)` replaces one."""
    for path in configuration.DATA.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(configuration, "DATA", tmp_path)

    def write(name, document):
        (tmp_path / name).write_text(yaml.safe_dump(document, allow_unicode=True))

    return write


def test_loading_twice_changes_nothing():
    first = work_configuration_load()
    state = (
        list(Competence.objects.values_list("code", "bit")),
        list(Sector.objects.values_list("code", "bit")),
        PostcodeArea.objects.count(),
        list(WorkRules.objects.values_list("version", "digest")),
    )
    second = work_configuration_load()
    assert "rules v1 loaded" in first and "rules v1 unchanged" in second
    assert "(0 changed)" in second
    assert state == (
        list(Competence.objects.values_list("code", "bit")),
        list(Sector.objects.values_list("code", "bit")),
        PostcodeArea.objects.count(),
        list(WorkRules.objects.values_list("version", "digest")),
    )
    assert PostcodeArea.objects.get(pc4="1503").place == "Zaandam"


def test_the_same_version_with_other_rules_is_refused_and_nothing_changes(data):
    work_configuration_load()
    before = list(WorkRules.objects.values_list("version", "digest"))
    changed = copy.deepcopy(RULES)
    changed["matching"]["top"] = 25
    data("rules.yaml", changed)
    with pytest.raises(ConfigurationError, match=r"rules.yaml: de inhoud is gewijzigd, maar versie 1 is al geladen"):
        work_configuration_load()
    assert list(WorkRules.objects.values_list("version", "digest")) == before
    changed["version"] = 2
    data("rules.yaml", changed)
    work_configuration_load()
    assert sorted(WorkRules.objects.values_list("version", flat=True)) == [1, 2]


def test_weights_must_add_up_to_100_and_terms_be_positive():
    bad = copy.deepcopy(RULES)
    bad["matching"]["weights"]["skills"] = 40
    bad["placement"]["trial_max_months"] = 0
    problems = rules_check(bad)
    assert "matching.weights: whole, non-negative numbers that add up to 100" in problems
    assert "placement.trial_max_months: a positive whole number" in problems
    assert rules_check(RULES) == []


def test_a_competence_keeps_its_bit_when_others_are_added_before_it(data):
    work_configuration_load()
    bits = dict(Competence.objects.values_list("code", "bit"))
    vocabulary = yaml.safe_load((configuration.DATA / "vocabulary.yaml").read_text())
    vocabulary["competences"].insert(0, {"code": "barista", "name": "Barista", "group": "vak"})
    vocabulary["version"] = 2
    data("vocabulary.yaml", vocabulary)
    work_configuration_load()
    after = dict(Competence.objects.values_list("code", "bit"))
    assert {code: after[code] for code in bits} == bits
    assert after["barista"] == max(bits.values()) + 1


def test_the_placement_instruments_are_instruments_of_the_catalog():
    from pathlib import Path

    catalog = yaml.safe_load(
        (Path(configuration.__file__).resolve().parents[1] / "catalog" / "data" / "instruments.yaml").read_text()
    )
    codes = {i["code"] for i in catalog["instruments"]}
    assert {i["code"] for i in RULES["placement"]["instruments"]} <= codes
