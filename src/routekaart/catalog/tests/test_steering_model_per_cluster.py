"""The sturingsmodel of Regio Gooi en Vechtstreek per cluster, and the network the preset puts in place."""

import pytest

from routekaart.catalog import selectors
from routekaart.organisations.models import Organisation, Region

from . import seed_003

pytestmark = [pytest.mark.usefixtures("catalog_for_module"), pytest.mark.django_db]

ROLE_FIELDS = ["left_to", "policy_direction", "delivery_direction", "delivery", "duties"]
VALUE_FIELDS = ["steering", "organisation_scale", "delivery_level", "procurement_scale"]


def steering_of(cluster_code: str):
    return selectors.steering_list(preset=selectors.active_preset_get(), cluster=cluster_code).get()


def test_the_default_preset_is_gooi_en_vechtstreek_with_a_steering_model_for_every_cluster(catalog):
    preset = selectors.active_preset_get()
    assert preset.code == "gooi_en_vechtstreek"
    assert selectors.steering_list(preset=preset).count() == 20


@pytest.mark.parametrize("cluster_code", list(seed_003.STEERING))
def test_cluster_steering_holders_follow_the_seed(catalog, cluster_code):
    expected = seed_003.STEERING[cluster_code]
    steering = steering_of(cluster_code)
    assert steering.status == expected["status"]
    for field in ROLE_FIELDS:
        if field in expected:
            assert getattr(steering, field) == expected[field], field
    for field in VALUE_FIELDS:
        if field in expected:
            assert getattr(steering, field) == expected[field], field
    assert steering.text, "the seed's own words are kept"


@pytest.mark.parametrize("cluster_code", [c for c, s in seed_003.STEERING.items() if s["status"] == "not_filled_in"])
def test_a_steering_model_the_seed_leaves_open_is_not_filled_in_and_says_to_whom(catalog, cluster_code):
    steering = steering_of(cluster_code)
    assert steering.left_to
    assert steering.policy_direction == steering.delivery_direction == steering.delivery == []
    assert "niet ingevuld" in steering.text


def test_the_ketenoverleg_has_no_steering_role(catalog):
    steering = steering_of("chain_partners")
    assert steering.status == "no_steering_role"
    assert "geen regierol" in steering.text


def test_amhk_and_jgz_have_a_duty_to_coordinate_with_the_uitvoeringsdiensten(catalog):
    for code in ("amhk_crisis", "youth_health_and_compulsory_education"):
        assert "coordination_with_service_organisations" in steering_of(code).duties
        assert "afstemmingsplicht" in steering_of(code).text


def test_the_region_has_eight_municipalities_and_hilversum_as_central_municipality(catalog):
    region = Region.objects.get(code="gooi-en-vechtstreek")
    preset = selectors.active_preset_get()
    assert preset.region == region
    assert {m.name for m in selectors.preset_municipalities(preset=preset)} == seed_003.MUNICIPALITIES
    assert region.central_municipality.name == "Hilversum"
    served = {m.name for m in region.central_municipality.serves.all()}
    assert served == seed_003.CENTRAL_MUNICIPALITY_SERVES


@pytest.mark.parametrize(("code", "municipalities"), list(seed_003.SERVICE_ORGANISATIONS.items()))
def test_each_uitvoeringsdienst_serves_the_municipalities_the_seed_names(catalog, code, municipalities):
    organisation = Organisation.objects.get(code=code)
    assert organisation.kind == "service_organisation"
    assert set(organisation.serves.values_list("code", flat=True)) == municipalities


def test_the_integrale_toegang_for_laren_is_the_uitvoeringsdienst_of_huizen(catalog):
    preset = selectors.active_preset_get()
    laren = Organisation.objects.get(code="gemeente-laren")
    per_cluster = selectors.organisations_per_cluster(
        assignments=selectors.cluster_assignment_list(preset=preset), municipality=laren
    )
    access = per_cluster[selectors.cluster_get(code="integrated_access").pk]
    assert [o.code for o in access] == ["uitvoeringsdienst-huizen"]
    shelter = per_cluster[selectors.cluster_get(code="shelter_and_housing").pk]
    assert [o.code for o in shelter] == ["gemeente-hilversum"]


def test_the_other_seed_regions_load_as_presets_with_their_organisations(catalog):
    from routekaart.catalog import services

    services.catalog_load(presets=["zaanstreek_waterland", "de_dienst"])
    zaanstreek = selectors.preset_get(code="zaanstreek_waterland")
    assert {m.name for m in selectors.preset_municipalities(preset=zaanstreek)} == {"Zaanstad", "Purmerend", "Beemster"}
    codes = set(Organisation.objects.values_list("code", flat=True))
    assert {
        "werkbedrijf-zaanstreek-waterland",
        "baanstede",
        "sociale-wijkteams-zaanstad",
        "dorpszorg-beemster",
    } <= codes
    assert {"de-dienst", "gebiedsteams-de-dienst", "pastiel-empatec", "doorstroompunt"} <= codes
    access = selectors.cluster_assignment_list(preset=zaanstreek, cluster="integrated_access")
    assert "sociale-wijkteams-zaanstad" in {o.code for a in access for o in a.organisations.all()}
    assert selectors.active_preset_get().code == "gooi_en_vechtstreek", "adding a preset does not switch"
