"""The register of processing activities loads through core's contract: a new register version keeps the old one,
the access check reads the roles of the version in force, and a changed register under a loaded version is refused."""

import datetime

import pytest
import yaml

from routekaart.audit import configuration
from routekaart.audit.models import DataFileVersion, ProcessingActivity, ProcessingActivityVersion
from routekaart.core.configuration import ConfigurationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(tmp_path, monkeypatch):
    """A copy of the shipped register that a test may change."""
    monkeypatch.setattr(configuration, "DATA", tmp_path)
    shipped = yaml.safe_load(
        (configuration.Path(configuration.__file__).parent / "data" / "processing_activities.yaml").read_text()
    )

    def write(**changes):
        document = {**shipped, **changes}
        (tmp_path / "processing_activities.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))
        return document

    write()
    return write, shipped


def _with_roles(shipped, code, roles):
    return [dict(row, roles=roles) if row["code"] == code else row for row in shipped["activities"]]


def test_a_new_register_version_keeps_the_old_one_and_the_roles_follow_the_version_in_force(register):
    write, shipped = register
    configuration.processing_activities_load()  # the shipped version: already loaded by the fixture, unchanged
    write(
        version="2027.1",
        effective_from=datetime.date(2027, 1, 1),
        activities=_with_roles(shipped, "youth-care", ["coordinator"]),
    )
    configuration.processing_activities_load()

    versions = ProcessingActivityVersion.objects.filter(activity_id="youth-care").order_by("effective_from")
    assert [v.version for v in versions] == [shipped["version"], "2027.1"]
    assert "provider" in configuration.activity_roles("youth-care", on=datetime.date(2026, 12, 31))
    assert configuration.activity_roles("youth-care", on=datetime.date(2027, 1, 1)) == ["coordinator"]


def test_a_changed_register_under_the_loaded_version_is_refused_and_nothing_changes(register):
    write, shipped = register
    before = (list(ProcessingActivity.objects.values()), ProcessingActivityVersion.objects.count())
    write(activities=_with_roles(shipped, "youth-care", ["coordinator"]))
    with pytest.raises(ConfigurationError, match=r"processing_activities.yaml: de inhoud is gewijzigd, maar versie"):
        configuration.processing_activities_load()
    assert (list(ProcessingActivity.objects.values()), ProcessingActivityVersion.objects.count()) == before
    assert DataFileVersion.objects.filter(name=configuration.REGISTER).count() == 1
