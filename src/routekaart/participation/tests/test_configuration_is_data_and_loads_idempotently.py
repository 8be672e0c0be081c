"""The typology, instruments and numbers are data: loaded twice they change nothing; bad files are refused whole."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from routekaart.participation.configuration import (
    DATA_DIR,
    ParticipationDataError,
    participation_configuration_load,
    participation_providers_load,
)
from routekaart.participation.models import (
    DistanceCategory,
    Instrument,
    ParticipationProvider,
    ParticipationTier,
    RuleSet,
)

from .factories import OrganisationFactory

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "data"
ROUTES = Path(__file__).resolve().parents[2] / "routes" / "data" / "maps"


def test_sols_six_categories_carry_zaanstads_shares_from_seed_002(configuration):
    categories = list(DistanceCategory.objects.order_by("order"))
    assert [c.reference_share for c in categories] == [Decimal(n) for n in (1, 2, 5, 57, 5, 30)]
    assert [c.labour_distance for c in categories] == [
        "none",
        "none",
        "bridgeable",
        "bridgeable",
        "not_bridgeable",
        "not_bridgeable",
    ]
    assert all(1 <= c.reassessment_months <= 12 for c in categories)


def test_the_three_tiers_are_seed_001s_and_match_the_route_maps(configuration):
    tiers = list(ParticipationTier.objects.order_by("order").values_list("code", "name", "labour_distance"))
    assert tiers == [
        ("back_to_regular_job", "Terug naar reguliere baan", "none"),
        ("reduced_wage_value", "Verminderde loonwaarde", "bridgeable"),
        (
            "regular_work_not_realistic",
            "Regulier werk op korte en middellange termijn geen reële optie",
            "not_bridgeable",
        ),
    ]
    route_map = yaml.safe_load((ROUTES / "purmerend_beemster.yaml").read_text(encoding="utf-8"))
    assert [(t["code"], t["labour_distance"]) for t in route_map["tiers"]] == [(c, d) for c, _, d in tiers]


def test_loading_twice_changes_nothing(configuration):
    counts = (DistanceCategory.objects.count(), Instrument.objects.count(), RuleSet.objects.count())
    participation_configuration_load()
    assert (DistanceCategory.objects.count(), Instrument.objects.count(), RuleSet.objects.count()) == counts
    assert counts == (6, 16, 3)


def test_instruments_link_to_catalog_codes_that_exist():
    catalog_instruments = {i["code"] for i in yaml.safe_load((CATALOG / "instruments.yaml").read_text())["instruments"]}
    destinations = {d["code"] for d in yaml.safe_load((CATALOG / "destinations.yaml").read_text())["destinations"]}
    blueprint = yaml.safe_load((CATALOG / "blueprint.yaml").read_text())
    blocks = {f"{c['code']}.{b['code']}" for c in blueprint["clusters"] for b in c.get("building_blocks", [])}
    ours = yaml.safe_load((DATA_DIR / "instruments.yaml").read_text())
    for item in ours["instruments"]:
        assert not item.get("catalog_instrument") or item["catalog_instrument"] in catalog_instruments, item["code"]
        assert not item.get("catalog_destination") or item["catalog_destination"] in destinations, item["code"]
        assert set(item.get("building_blocks", [])) <= blocks, item["code"]
    for result in ours["results"]:
        assert not result.get("destination") or result["destination"] in destinations


@pytest.mark.django_db
def test_a_file_with_mistakes_is_refused_whole_with_every_problem_named(tmp_path):
    for name in ("distance.yaml", "instruments.yaml", "wage_subsidy.yaml", "providers.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    distance = yaml.safe_load((tmp_path / "distance.yaml").read_text())
    distance["categories"][3]["reference_share"] = 50
    distance["categories"][0]["tiers"] = ["unknown_tier"]
    (tmp_path / "distance.yaml").write_text(yaml.safe_dump(distance, allow_unicode=True))
    with pytest.raises(ParticipationDataError) as refused:
        participation_configuration_load(data_dir=tmp_path)
    assert "add up to 93" in str(refused.value) and "unknown_tier" in str(refused.value)
    assert not DistanceCategory.objects.exists()


@pytest.mark.django_db
def test_changed_rules_under_a_loaded_version_are_refused(configuration, tmp_path):
    for name in ("distance.yaml", "instruments.yaml", "wage_subsidy.yaml", "providers.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    rules = yaml.safe_load((tmp_path / "wage_subsidy.yaml").read_text())
    rules["max_share_of_minimum_wage"] = "80"
    (tmp_path / "wage_subsidy.yaml").write_text(yaml.safe_dump(rules))
    before = list(RuleSet.objects.values())
    with pytest.raises(ParticipationDataError) as refused:
        participation_configuration_load(data_dir=tmp_path)
    assert str(refused.value).startswith("wage_subsidy.yaml: de inhoud is gewijzigd, maar versie 1 is al geladen.")
    assert list(RuleSet.objects.values()) == before
    rules["version"] = 2
    (tmp_path / "wage_subsidy.yaml").write_text(yaml.safe_dump(rules))
    participation_configuration_load(data_dir=tmp_path)
    assert list(RuleSet.objects.filter(name="wage_subsidy").values_list("version", flat=True)) == [2, 1]


@pytest.mark.django_db
def test_providers_are_linked_once_their_organisations_exist(configuration):
    assert "baanstede" in configuration.providers_skipped
    OrganisationFactory(code="baanstede", name="BaanStede", kind="provider")
    assert "baanstede" not in participation_providers_load()
    assert ParticipationProvider.objects.get(organisation__code="baanstede").kinds == [
        "learn_work_company",
        "sw_company",
    ]
