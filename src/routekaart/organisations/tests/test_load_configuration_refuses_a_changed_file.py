"""`load_configuration` runs every loader through the contract: twice changes nothing, and a changed file under a
loaded version stops it with the Dutch message naming the file, nothing of that file loaded."""

import io
import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command

from routekaart.audit.models import DataFileVersion
from routekaart.work import configuration as work_configuration
from routekaart.work.models import WorkRules

pytestmark = pytest.mark.django_db


def test_loading_everything_twice_adds_no_version():
    call_command("load_configuration", stdout=io.StringIO())
    versions = list(DataFileVersion.objects.values_list("name", "version", "checksum"))
    assert {"audit/processing_activities", "access/deadlines", "income/norms", "work/rules"} <= {v[0] for v in versions}
    call_command("load_configuration", stdout=io.StringIO())
    assert list(DataFileVersion.objects.values_list("name", "version", "checksum")) == versions


def test_a_changed_file_under_its_loaded_version_stops_the_command_with_the_dutch_message(tmp_path, monkeypatch):
    call_command("load_configuration", stdout=io.StringIO())
    for path in work_configuration.DATA.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    rules = yaml.safe_load((tmp_path / "rules.yaml").read_text())
    rules["matching"]["top"] = 25
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(rules))
    monkeypatch.setattr(work_configuration, "DATA", tmp_path)
    before = (list(WorkRules.objects.values()), DataFileVersion.objects.count())
    with pytest.raises(CommandError, match=r"^rules.yaml: de inhoud is gewijzigd, maar versie 1 is al geladen"):
        call_command("load_configuration", stdout=io.StringIO())
    assert (list(WorkRules.objects.values()), DataFileVersion.objects.count()) == before
