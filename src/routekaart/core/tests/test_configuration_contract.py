"""The loader contract every app's data goes through: new versions load, the same file twice changes nothing, a
changed file without a new version is refused (Dutch message naming the file, nothing changed), old versions stay."""

import datetime

import pytest

from routekaart.audit.models import DataFileVersion
from routekaart.core.configuration import (
    ConfigurationError,
    data_file_read,
    version_in_force,
    version_key,
    version_load,
)

pytestmark = pytest.mark.django_db

NAME = "test/norms"


def _write(path, version, effective_from, amount):
    path.write_text(
        f'# a comment\nversion: "{version}"\neffective_from: {effective_from}\namount: {amount}\n', encoding="utf-8"
    )
    return path


class Recorder:
    """An app's `apply`: keeps what it was given, so a test sees whether the contract applied a file."""

    def __init__(self):
        self.applied = []

    def __call__(self, data):
        self.applied.append((data.version, data.content["amount"]))


def _load(path, apply):
    return version_load(data_file_read(path, NAME), versions=DataFileVersion, apply=apply)


def test_a_new_version_is_applied_and_recorded_with_its_effective_date(tmp_path):
    apply = Recorder()
    assert _load(_write(tmp_path / "norms.yaml", "2026.1", "2026-01-01", 100), apply) is True
    assert apply.applied == [("2026.1", 100)]
    loaded = DataFileVersion.objects.get(name=NAME)
    assert (loaded.version, loaded.effective_from) == ("2026.1", datetime.date(2026, 1, 1))


def test_the_same_file_twice_changes_nothing(tmp_path):
    apply = Recorder()
    path = _write(tmp_path / "norms.yaml", "2026.1", "2026-01-01", 100)
    _load(path, apply)
    assert _load(path, apply) is False
    assert apply.applied == [("2026.1", 100)]
    assert DataFileVersion.objects.filter(name=NAME).count() == 1


def test_a_comment_is_no_change(tmp_path):
    apply = Recorder()
    path = _write(tmp_path / "norms.yaml", "2026.1", "2026-01-01", 100)
    _load(path, apply)
    path.write_text(path.read_text(encoding="utf-8") + "# another comment\n", encoding="utf-8")
    assert _load(path, apply) is False


def test_a_changed_file_without_a_new_version_is_refused_in_dutch_and_nothing_changes(tmp_path):
    apply = Recorder()
    path = _write(tmp_path / "norms.yaml", "2026.1", "2026-01-01", 100)
    _load(path, apply)
    before = list(DataFileVersion.objects.values())
    _write(path, "2026.1", "2026-01-01", 120)
    with pytest.raises(ConfigurationError) as refused:
        _load(path, apply)
    assert str(refused.value) == (
        "norms.yaml: de inhoud is gewijzigd, maar versie 2026.1 is al geladen. Verhoog 'version' "
        "(en zet 'effective_from') om de wijziging vast te leggen; er is niets geladen."
    )
    assert apply.applied == [("2026.1", 100)]
    assert list(DataFileVersion.objects.values()) == before


def test_a_new_version_keeps_the_old_one_readable_and_the_one_in_force_follows_the_date(tmp_path):
    apply = Recorder()
    path = _write(tmp_path / "norms.yaml", "2026.1", "2026-01-01", 100)
    _load(path, apply)
    _write(path, "2026.2", "2026-07-01", 120)
    assert _load(path, apply) is True
    assert apply.applied == [("2026.1", 100), ("2026.2", 120)]
    assert list(DataFileVersion.objects.filter(name=NAME).values_list("version", flat=True)) == ["2026.1", "2026.2"]
    assert version_in_force(DataFileVersion, NAME, datetime.date(2026, 6, 30)).version == "2026.1"
    assert version_in_force(DataFileVersion, NAME, datetime.date(2026, 7, 1)).version == "2026.2"
    assert version_in_force(DataFileVersion, NAME, datetime.date(2025, 12, 31)) is None
    # Whatever the app does with its rows, what each version said stays readable from the version record.
    assert version_in_force(DataFileVersion, NAME, datetime.date(2026, 6, 30)).content["amount"] == 100
    assert version_in_force(DataFileVersion, NAME, datetime.date(2026, 7, 1)).content["amount"] == 120


def test_an_older_version_than_the_one_loaded_is_refused(tmp_path):
    apply = Recorder()
    path = _write(tmp_path / "norms.yaml", "2026.2", "2026-07-01", 120)
    _load(path, apply)
    _write(path, "2026.1", "2026-01-01", 100)
    with pytest.raises(ConfigurationError, match=r"norms.yaml: versie 2026.1 is ouder dan de geladen versie 2026.2"):
        _load(path, apply)
    assert apply.applied == [("2026.2", 120)]


def test_a_failing_apply_records_no_version(tmp_path):
    def apply(data):
        DataFileVersion.objects.create(name="other", version="1", effective_from="2026-01-01", checksum="x")
        raise ConfigurationError("norms.yaml: amount is geen bedrag")

    with pytest.raises(ConfigurationError):
        _load(_write(tmp_path / "norms.yaml", "1", "2026-01-01", "x"), apply)
    assert not DataFileVersion.objects.filter(name__in=[NAME, "other"]).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("effective_from: 2026-01-01\n", "norms.yaml: 'version' ontbreekt bovenaan het bestand"),
        ("version: 1\n", "norms.yaml: 'effective_from' ontbreekt bovenaan het bestand of is geen datum (JJJJ-MM-DD)"),
        ("version: 1\neffective_from: soon\n", "norms.yaml: 'effective_from' ontbreekt"),
        ("- a list\n", "norms.yaml: bovenaan staat geen mapping"),
        ("version: 2026.10\neffective_from: 2026-01-01\n", "norms.yaml: zet een versie met een punt tussen"),
    ],
)
def test_a_file_without_version_or_effective_date_is_refused(tmp_path, text, message):
    path = tmp_path / "norms.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        data_file_read(path)


def test_versions_order_as_numbers():
    assert version_key("2026.10") > version_key("2026.9")
    assert version_key(10) > version_key(9)
