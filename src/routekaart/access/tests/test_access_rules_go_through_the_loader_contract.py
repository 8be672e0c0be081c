"""The toegang's rules load through core's loader contract: a new version of a file adds rows and keeps the old
ones, the rules read are those of the version in force, and a changed file under its loaded version is refused."""

import datetime
import shutil

import pytest
import yaml

from routekaart.access import configuration
from routekaart.access.models import DeadlineRule, LegalBasis, Policy
from routekaart.core.configuration import ConfigurationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the shipped files (already loaded by the autouse fixture); `change(name, **top)` rewrites one."""
    for path in configuration.DATA.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(configuration, "DATA", tmp_path)

    def change(name, edit):
        document = yaml.safe_load((tmp_path / name).read_text())
        edit(document)
        (tmp_path / name).write_text(yaml.safe_dump(document, allow_unicode=True))

    return change


def _wmo_decision_term(weeks):
    def edit(document):
        for row in document["deadlines"]:
            if row["code"] == "wmo_decision":
                row["term_weeks"] = weeks

    return edit


def test_a_new_version_adds_rules_keeps_the_old_ones_and_the_one_in_force_is_read(data):
    old = DeadlineRule.objects.get(code="wmo_decision")

    def new_version(document):
        _wmo_decision_term(3)(document)
        document.update(version="2026.3", effective_from=datetime.date(2026, 6, 1))

    data("deadlines.yaml", new_version)
    configuration.access_configuration_load()

    assert list(DeadlineRule.all_versions.filter(code="wmo_decision").values_list("version", "term_weeks")) == [
        ("2026.2", old.term_weeks),
        ("2026.3", 3),
    ]
    assert DeadlineRule.objects.get(code="wmo_decision").term_weeks == 3
    assert DeadlineRule.objects.count() == DeadlineRule.all_versions.filter(version="2026.2").count()
    old.refresh_from_db()  # a deadline opened under 2026.2 still points at this row, unchanged
    assert old.version == "2026.2"


def test_a_version_effective_later_is_loaded_but_not_yet_in_force(data):
    def future(document):
        document["policy"]["due_soon_days"] = 99
        document.update(version="2099.1", effective_from=datetime.date(2099, 1, 1))

    data("decisions.yaml", future)
    configuration.access_configuration_load()
    assert Policy.all_versions.count() == 2
    assert Policy.objects.get().due_soon_days != 99
    assert LegalBasis.objects.count() == 3


def test_a_changed_file_under_its_loaded_version_is_refused_and_nothing_changes(data):
    before = list(DeadlineRule.all_versions.values())
    data("deadlines.yaml", _wmo_decision_term(3))
    with pytest.raises(ConfigurationError) as refused:
        configuration.access_configuration_load()
    assert str(refused.value).startswith("deadlines.yaml: de inhoud is gewijzigd, maar versie 2026.2 is al geladen.")
    assert list(DeadlineRule.all_versions.values()) == before


def test_loading_the_same_files_again_changes_nothing():
    before = [list(model.all_versions.values()) for model in (DeadlineRule, LegalBasis, Policy)]
    summary = configuration.access_configuration_load()
    assert "new" not in summary
    assert [list(model.all_versions.values()) for model in (DeadlineRule, LegalBasis, Policy)] == before
