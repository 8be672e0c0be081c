"""GET /api/v1/catalog/...: the bouwtekening as data, read-only, with filters and an OpenAPI description."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import problem_fields

from . import seed_003

pytestmark = [pytest.mark.usefixtures("catalog_for_module"), pytest.mark.django_db]

BLOCKS = "/api/v1/catalog/building-blocks/"
CLUSTERS = "/api/v1/catalog/clusters/"


def api_for(role: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=UserFactory(role=role))[1]}")
    return client


@pytest.fixture
def api(catalog):
    return api_for(Role.COORDINATOR)


def all_blocks(api, **params) -> list[dict]:
    response = api.get(BLOCKS, {"limit": 500, **params})
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def test_every_building_block_is_served_with_name_cluster_zone_domains_and_description(api):
    rows = all_blocks(api)
    assert len(rows) == 93
    row = next(r for r in rows if r["key"] == "income_provisions.debt_assistance")
    assert row["name"] == "Schuldhulpverlening"
    assert row["cluster"] == "Maatwerkvoorzieningen inkomen"
    assert row["zone"] == "tailored"
    assert row["domains"] == ["W", "P"]
    assert row["description"].startswith("De ondersteuning van een persoon of gezin met problematische schulden")


@pytest.mark.parametrize("cluster_code", list(seed_003.BUILDING_BLOCKS))
def test_building_blocks_filtered_by_cluster_match_the_seed(api, cluster_code):
    rows = all_blocks(api, cluster=cluster_code)
    assert [(r["name"], "".join(r["domains"])) for r in rows] == seed_003.BUILDING_BLOCKS[cluster_code]


@pytest.mark.parametrize("domain", ["J", "W", "P"])
def test_filtering_by_domain_gives_exactly_the_blocks_with_that_v_mark(api, domain):
    expected = sum(domain in d for blocks in seed_003.BUILDING_BLOCKS.values() for _, d in blocks)
    rows = all_blocks(api, domain=domain)
    assert len(rows) == expected
    assert all(domain in r["domains"] for r in rows)


def test_filtering_by_zone(api):
    rows = all_blocks(api, zone="access")
    assert len(rows) == 18
    assert {r["cluster"] for r in rows} == {"Integrale toegang", "AMHK/Crisis", "JB/JR", "Medische doorverwijzing"}


def test_a_wrong_filter_answers_400_in_dutch(api):
    assert problem_fields(api.get(BLOCKS, {"domain": "X"})) == {"domain": ["Kies uit: J, W, P."]}
    assert problem_fields(api.get(BLOCKS, {"as_of": "gisteren"})) == {"as_of": ["Geef een datum als JJJJ-MM-DD."]}
    assert api.get(CLUSTERS, {"zone": "elders"}).status_code == 400


def test_a_building_block_is_found_by_its_key(api):
    response = api.get(f"{BLOCKS}participation_act_intake.short_trajectory/")
    assert response.status_code == 200
    assert response.json()["name"] == "Kort traject"
    assert api.get(f"{BLOCKS}participation_act_intake.nothing/").status_code == 404


def test_before_the_blueprint_took_effect_there_are_no_building_blocks(api):
    assert all_blocks(api, as_of="2014-12-31") == []


def test_clusters_come_with_their_zone_and_the_active_steering_model(api):
    response = api.get(CLUSTERS, {"limit": 50})
    rows = response.json()["results"]
    assert [r["code"] for r in rows] == [c for codes in seed_003.ZONES.values() for c in codes]
    access = next(r for r in rows if r["code"] == "integrated_access")
    assert access["zone"] == "access"
    assert access["steering"]["status"] == "not_filled_in"
    assert access["steering"]["left_to"] == ["service_organisation"]
    care = next(r for r in rows if r["code"] == "care_and_support")
    assert care["steering"]["policy_direction"] == ["municipality"]
    assert care["steering"]["steering"] == "private"


def test_the_steering_model_destinations_instruments_life_phases_and_presets_are_served(api):
    assert len(api.get("/api/v1/catalog/steering/").json()) == 20
    assert api.get("/api/v1/catalog/steering/chain_partners/").json()["status"] == "no_steering_role"
    destinations = api.get("/api/v1/catalog/destinations/").json()
    assert destinations[0]["name"] == "Regulier werk"
    instruments = {i["code"]: i for i in api.get("/api/v1/catalog/instruments/").json()}
    assert "participation_act_intake.wage_subsidy_with_growth" in instruments["wage_subsidy"]["building_blocks"]
    assert len(api.get("/api/v1/catalog/life-phases/").json()) == 6
    presets = api.get("/api/v1/catalog/presets/").json()
    assert presets[0]["code"] == "gooi_en_vechtstreek" and presets[0]["is_active"]
    assert len(api.get("/api/v1/catalog/zones/").json()) == 4


def test_residents_and_anonymous_callers_may_not_read_the_catalog_api(catalog):
    assert api_for(Role.RESIDENT).get(BLOCKS).status_code == 403
    assert APIClient().get(BLOCKS).status_code in {401, 403}


def test_the_catalog_api_is_documented_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/catalog/building-blocks/" in schema["paths"]
    assert "/api/v1/catalog/clusters/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/catalog/building-blocks/"]["get"]["parameters"]}
    assert {"zone", "cluster", "domain", "as_of"} <= parameters
