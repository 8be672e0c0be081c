"""The bouwtekening, a cluster's page and the sturingsmodel matrix, server-rendered."""

import re

import pytest
from django.urls import reverse

from routekaart.catalog import services
from routekaart.organisations.roles import Role

from . import seed_003

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def coordinator(catalog, staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    return client


def page(client, name: str, *args, **params) -> str:
    response = client.get(reverse(f"catalog:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_bouwtekening_draws_the_zones_as_columns_in_their_colours(coordinator):
    html = page(coordinator, "blueprint")
    for zone, colour in [("front", "green"), ("access", "yellow"), ("management", "blue"), ("tailored", "blue")]:
        assert f"rk-zone--{colour} rk-zone--{zone}" in html
    assert html.count('class="rk-blueprint__column') == 3
    assert html.index("rk-zone--front") < html.index("rk-zone--access") < html.index("rk-zone--management")
    assert html.index("rk-zone--management") < html.index("rk-zone--tailored")


def test_the_bouwtekening_shows_every_cluster_and_building_block_with_its_domain_letters(coordinator):
    html = page(coordinator, "blueprint")
    for name, _section in seed_003.CLUSTERS.values():
        assert f">{name}</a>" in html.replace("&amp;", "&")
    assert html.count('class="rk-block"') == 93
    assert html.count('class="rk-domain rk-domain--J"') == 1 + sum(
        "J" in d for blocks in seed_003.BUILDING_BLOCKS.values() for _, d in blocks
    )  # plus the legend


def test_filtering_by_domain_keeps_only_blocks_with_that_letter(coordinator):
    html = page(coordinator, "blueprint", domain="J")
    expected = sum("J" in d for blocks in seed_003.BUILDING_BLOCKS.values() for _, d in blocks)
    assert html.count('class="rk-block"') == expected
    assert "Geen bouwstenen in dit domein." in html  # e.g. werkgeversdienstverlening has only P


def test_filtering_by_municipality_names_the_organisations_that_serve_it(coordinator):
    html = page(coordinator, "blueprint", municipality="gemeente-laren")
    assert "organisaties voor Laren" in html
    assert "Uitvoeringsdienst Huizen" in html
    assert "Uitvoeringsdienst Bussum" not in html


def test_a_wrong_filter_value_is_reported_and_the_page_still_draws(coordinator):
    html = page(coordinator, "blueprint", domain="X", as_of="morgen")
    assert 'aria-invalid="true"' in html
    assert html.count('class="rk-block"') == 93


def test_the_page_is_accessible_html_without_inline_scripts_or_styles(coordinator):
    html = page(coordinator, "blueprint")
    assert "<h1" in html and "<h2" in html and "<h3" in html
    assert ' style="' not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_the_bouwtekening_runs_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        page(coordinator, "blueprint")
    with django_assert_max_num_queries(18):
        page(coordinator, "blueprint", municipality="gemeente-laren", domain="P")


def test_the_query_count_does_not_grow_with_versions_or_presets(coordinator, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        page(coordinator, "blueprint", municipality="gemeente-laren")
    services.catalog_load(presets=["zaanstreek_waterland", "de_dienst"])
    from routekaart.catalog.models import BuildingBlock

    for block in BuildingBlock.objects.all()[:30]:
        services.building_block_revise(
            building_block=block,
            effective_from=block.versions.first().effective_from,
            actor=None,
            name="X",
            domains=["P"],
        )
    with django_assert_num_queries(len(before.captured_queries)):
        page(coordinator, "blueprint", municipality="gemeente-laren")


def test_a_cluster_page_shows_its_steering_model_blocks_and_organisations(coordinator, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        html = page(coordinator, "cluster_detail", "integrated_access")
    assert "Integrale toegang" in html
    assert "Niet ingevuld" in html and "overgelaten aan uitvoeringsdienst" in html
    assert "Uitvoeringsdienst Huizen" in html
    assert "Procesregie" in html


def test_the_cluster_page_of_sw_zittend_explains_the_appendix_heading(coordinator):
    html = page(coordinator, "cluster_detail", "sheltered_employment_existing")
    assert "Participatiewet instroom" in html
    assert "Beschutte arbeid" in html and "GR Tomingroep" in html


def test_an_unknown_cluster_is_not_found(coordinator):
    assert coordinator.get(reverse("catalog:cluster_detail", args=["nothing"])).status_code == 404


def test_the_sturingsmodel_matrix_has_a_row_per_cluster(coordinator, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        html = page(coordinator, "steering_model")
    assert html.count('scope="row"') == 20
    assert html.count('scope="rowgroup"') == 4
    assert "rk-holder--central_municipality" in html
    assert "Geen regierol" in html


def test_residents_may_not_see_the_bouwtekening(catalog, staff_client):
    client, _ = staff_client(Role.RESIDENT)
    assert client.get(reverse("catalog:blueprint")).status_code == 403
