"""The bouwtekening in the product is the seed's: every cluster, every building block, every V mark."""

import pytest

from routekaart.catalog import selectors
from routekaart.catalog.models import BuildingBlock, Cluster, Zone

from . import seed_003

pytestmark = [pytest.mark.usefixtures("catalog_for_module"), pytest.mark.django_db]


def blocks_of(cluster_code: str) -> list[tuple[str, str]]:
    return [(v.name, v.domains) for v in selectors.building_block_version_list(cluster=cluster_code)]


def test_the_four_zones_hold_the_clusters_of_chapter_3_in_order(catalog):
    assert list(Zone.objects.order_by("order").values_list("code", flat=True)) == list(seed_003.ZONES)
    for zone, clusters in seed_003.ZONES.items():
        assert list(selectors.cluster_list(zone=zone).values_list("code", flat=True)) == clusters


def test_the_catalog_has_20_clusters_and_93_building_blocks(catalog):
    assert Cluster.objects.count() == len(seed_003.CLUSTERS) == 20
    assert BuildingBlock.objects.count() == sum(len(b) for b in seed_003.BUILDING_BLOCKS.values()) == 93
    assert selectors.building_block_version_list().count() == 93


@pytest.mark.parametrize("cluster_code", list(seed_003.CLUSTERS))
def test_cluster_carries_the_seed_name_and_section(catalog, cluster_code):
    cluster = Cluster.objects.get(code=cluster_code)
    assert (cluster.name, cluster.section) == seed_003.CLUSTERS[cluster_code]


@pytest.mark.parametrize("cluster_code", list(seed_003.BUILDING_BLOCKS))
def test_cluster_has_the_building_blocks_of_bijlage_2_with_their_domains(catalog, cluster_code):
    assert blocks_of(cluster_code) == seed_003.BUILDING_BLOCKS[cluster_code]


@pytest.mark.parametrize(("name", "clusters"), list(seed_003.MULTI_CLUSTER.items()))
def test_a_building_block_listed_in_several_clusters_is_one_building_block_per_cluster(catalog, name, clusters):
    found = [v.building_block.cluster.code for v in selectors.building_block_version_list() if v.name == name]
    assert sorted(found) == sorted(clusters)


@pytest.mark.parametrize(
    ("cluster_code", "name", "domains"),
    [
        ("care_and_support", "Begeleiding (incl. persoonlijke verzorging en vervoer dagactiviteit)", "JW"),
        ("income_provisions", "Schuldhulpverlening", "WP"),
        ("chain_partners", "Werkbedrijf", "P"),
        ("client_management", "Toezichthoudend ambtenaar", "W"),
        ("care_and_support", "Kortdurend verblijf", "JW"),
        ("addiction_care_and_day_activities", "Dagactiviteit kwetsbare groepen", "W"),
        ("amhk_crisis", "Verzoek tot onderzoek RvK", "J"),
        ("youth_protection_and_probation", "Procesregie", "J"),
        ("integrated_access", "Procesregie", "JWP"),
    ],
)
def test_building_block_carries_the_domains_of_its_v_marks(catalog, cluster_code, name, domains):
    assert dict(blocks_of(cluster_code))[name] == domains


def test_begeleiding_follows_the_table_and_notes_that_the_chapter_says_all_three_domains(catalog):
    version = selectors.building_block_version_get(key="care_and_support.guidance")
    assert version.domains == "JW"
    assert "alle drie de domeinen" in version.note


def test_sw_zittend_keeps_the_heading_bijlage_2_gives_its_rows(catalog):
    cluster = Cluster.objects.get(code="sheltered_employment_existing")
    assert cluster.appendix_label == "Participatiewet instroom"
    assert "SW zittend" in cluster.note


def test_clusters_named_otherwise_in_bijlage_2_keep_that_name(catalog):
    labels = dict(Cluster.objects.exclude(appendix_label="").values_list("code", "appendix_label"))
    assert labels["care_and_support"] == "Maatwerkvoorzieningen 3D"
    assert labels["youth_mental_health"] == "GGZ"
    assert labels["addiction_care_and_day_activities"] == "Verslavingszorg en dagactiviteit kwetsbare groepen"


def test_every_building_block_has_the_description_of_bijlage_2(catalog):
    versions = list(selectors.building_block_version_list())
    assert all(len(v.description) > 20 for v in versions)
    descriptions = {v.building_block.key: v.description for v in versions}
    assert descriptions["participation_act_intake.sheltered_work"].startswith(
        "Begeleiding van de inwoner die is aangewezen op een beschutte werkplek"
    )
    assert descriptions["youth_care.foster_care"].startswith("Pleegzorg voor kinderen tot 18 jaar")


def test_zones_have_the_colours_of_the_seed_picture(catalog):
    colours = dict(Zone.objects.values_list("code", "colour"))
    assert colours == {"front": "green", "access": "yellow", "management": "blue", "tailored": "blue"}
    decision = dict(Zone.objects.values_list("code", "decision_required"))
    assert decision["front"] is False and decision["tailored"] is True


def test_destinations_instruments_and_life_phases_link_to_the_blocks_that_deliver_them(catalog):
    sheltered = selectors.destination_list().get(code="sheltered_work")
    assert sorted(b.key for b in sheltered.building_blocks.all()) == [
        "participation_act_intake.sheltered_work",
        "sheltered_employment_existing.sheltered_work",
    ]
    wage_subsidy = selectors.instrument_list().get(code="wage_subsidy")
    assert {b.code for b in wage_subsidy.building_blocks.all()} == {
        "wage_subsidy_with_growth",
        "wage_subsidy_without_growth",
    }
    assert wage_subsidy.building_blocks.count() == 6
    destinations = set(selectors.destination_list().values_list("code", flat=True))
    assert {"regular_work", "subsidised_job", "sheltered_work", "work_oriented_day_activities", "volunteering"} <= (
        destinations
    )
    phases = list(selectors.life_phase_list().values_list("name", flat=True))
    assert phases == ["0-4 jaar", "4-12 jaar", "4-18 jaar", "12-18 jaar", "18-65 jaar", "65+ jaar"]
    teens = selectors.life_phase_list().get(code="age_12_18")
    assert [h["at_age"] for h in teens.handovers] == [16, 18]
