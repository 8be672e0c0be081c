"""Loading the catalog's data files twice changes nothing; a new file version adds versions and keeps the old."""

import datetime
import io
import shutil

import pytest
import yaml
from django.apps import apps
from django.core.management import CommandError, call_command

from routekaart.catalog import selectors, services
from routekaart.catalog.models import BuildingBlockVersion, ConfigurationVersion, SteeringAssignment

pytestmark = [pytest.mark.django_db]


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("catalog").get_models(), *apps.get_app_config("organisations").get_models()]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(services.DATA_DIR, target)
    return target


def rewrite(path, change) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_running_the_loader_twice_changes_nothing(catalog):
    before = row_counts()
    versions = list(BuildingBlockVersion.objects.values_list("pk", "number", "name", "domains"))
    report = services.catalog_load()
    assert report.loaded == [] and report.versions_added == 0
    assert row_counts() == before
    assert list(BuildingBlockVersion.objects.values_list("pk", "number", "name", "domains")) == versions


def test_the_first_load_reports_the_counts_of_the_seed(db):
    report = services.catalog_load()
    assert (report.zones, report.clusters, report.building_blocks) == (4, 20, 93)
    assert report.presets == ["gooi_en_vechtstreek"] and report.active_preset == "gooi_en_vechtstreek"
    assert "blueprint.yaml v1" in report.loaded


def test_the_command_reports_counts_and_a_second_run_adds_nothing(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("load_catalog", stdout=first)
    call_command("load_catalog", stdout=second)
    assert "Building blocks: 93" in first.getvalue()
    assert "Clusters: 20" in first.getvalue()
    assert "Loaded: nothing new" in second.getvalue()
    assert "Versions added: 0" in second.getvalue()


def test_the_command_adds_a_preset_and_switches_the_active_one(catalog):
    call_command(
        "load_catalog", "--preset", "zaanstreek_waterland", "--activate", "zaanstreek_waterland", stdout=io.StringIO()
    )
    assert selectors.active_preset_get().code == "zaanstreek_waterland"
    assert set(selectors.preset_list().values_list("code", flat=True)) == {
        "gooi_en_vechtstreek",
        "zaanstreek_waterland",
    }
    call_command("load_catalog", "--activate", "gooi_en_vechtstreek", stdout=io.StringIO())
    assert selectors.active_preset_get().code == "gooi_en_vechtstreek"


def test_an_unknown_preset_is_refused_with_the_available_ones(catalog):
    with pytest.raises(CommandError, match="available: de_dienst, gooi_en_vechtstreek, zaanstreek_waterland"):
        call_command("load_catalog", "--preset", "atlantis", stdout=io.StringIO())


def test_a_changed_file_under_a_loaded_version_is_refused_and_changes_nothing(data_dir):
    services.catalog_load(data_dir=data_dir)
    before = row_counts()

    def edit(content):
        content["clusters"][0]["building_blocks"][0]["name"] = "Welzijnswerk"

    rewrite(data_dir / "blueprint.yaml", edit)
    with pytest.raises(
        services.CatalogDataError, match=r"blueprint.yaml: de inhoud is gewijzigd, maar versie 1 is al geladen"
    ):
        services.catalog_load(data_dir=data_dir)
    assert row_counts() == before


def test_a_new_file_version_adds_versions_from_its_date_and_the_old_catalog_stays_readable(data_dir):
    services.catalog_load(data_dir=data_dir)

    def edit(content):
        content["version"] = 2
        content["effective_from"] = "2026-01-01"
        care = next(c for c in content["clusters"] if c["code"] == "care_and_support")
        guidance = next(b for b in care["building_blocks"] if b["code"] == "guidance")
        guidance["domains"] = ["J", "W", "P"]
        employer = next(c for c in content["clusters"] if c["code"] == "employer_services")
        employer["building_blocks"] = [b for b in employer["building_blocks"] if b["code"] != "vacancy_service"]

    rewrite(data_dir / "blueprint.yaml", edit)
    report = services.catalog_load(data_dir=data_dir)
    assert report.versions_added == 2, "one changed block, one withdrawn block"

    last_year = datetime.date(2025, 6, 1)
    now = datetime.date(2026, 6, 1)
    assert selectors.building_block_version_get(key="care_and_support.guidance", as_of=last_year).domains == "JW"
    assert selectors.building_block_version_get(key="care_and_support.guidance", as_of=now).domains == "JWP"
    assert selectors.building_block_version_list(as_of=last_year).count() == 93
    assert selectors.building_block_version_list(as_of=now).count() == 92
    assert ConfigurationVersion.objects.filter(name="blueprint").count() == 2
    assert services.catalog_load(data_dir=data_dir).versions_added == 0


def test_a_new_preset_version_adds_steering_versions_only_where_they_changed(data_dir):
    services.catalog_load(data_dir=data_dir)

    def edit(content):
        content["version"] = 2
        content["effective_from"] = "2016-01-01"
        employer = next(s for s in content["steering_model"] if s["cluster"] == "employer_services")
        employer["policy_direction"] = ["region"]
        employer["delivery_direction"] = ["region"]

    rewrite(data_dir / "presets" / "gooi_en_vechtstreek.yaml", edit)
    report = services.catalog_load(data_dir=data_dir)
    assert report.versions_added == 1
    preset = selectors.active_preset_get()
    assert SteeringAssignment.objects.filter(preset=preset).count() == 21
    in_2015 = selectors.steering_list(preset=preset, as_of=datetime.date(2015, 6, 1), cluster="employer_services").get()
    in_2016 = selectors.steering_list(preset=preset, as_of=datetime.date(2016, 6, 1), cluster="employer_services").get()
    assert in_2015.delivery_direction == ["service_organisation"]
    assert in_2016.delivery_direction == ["region"]


def test_a_building_block_with_an_unknown_domain_is_refused_and_nothing_is_loaded(data_dir):
    def edit(content):
        content["clusters"][0]["building_blocks"][0]["domains"] = ["J", "X"]

    rewrite(data_dir / "blueprint.yaml", edit)
    with pytest.raises(services.CatalogDataError, match="expected a list of J, W, P"):
        services.catalog_load(data_dir=data_dir)
    assert not ConfigurationVersion.objects.exists()
    assert not BuildingBlockVersion.objects.exists()


def test_the_catalog_loader_is_the_entry_for_load_configuration(db):
    report = services.catalog_configuration_load()
    assert "93 building blocks" in str(report)
