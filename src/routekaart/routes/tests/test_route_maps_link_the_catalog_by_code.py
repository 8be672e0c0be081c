"""Route templates name the catalog's destinations, building blocks, instruments and life phases by code; with the
catalog loaded, every code must exist there (and the loader refuses a file that names one that does not)."""

import shutil

import pytest

from routekaart.catalog.services import catalog_load
from routekaart.routes import selectors
from routekaart.routes.configuration import MAPS_DIR, RouteDataError, route_maps_load
from routekaart.routes.models import Route, RouteMap

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def catalog(db):
    catalog_load()
    return selectors.catalog_codes()


def test_every_code_in_the_shipped_maps_exists_in_the_catalog(catalog):
    route_maps_load()  # would raise on an unknown code
    for route in Route.objects.all():
        assert set(route.destinations) <= catalog.destinations, route.key
        assert set(route.building_blocks) <= catalog.building_blocks, route.key
        assert set(route.instruments) <= catalog.instruments, route.key
        for step in route.steps.all():
            assert not step.life_phase or step.life_phase in catalog.life_phases


def test_a_map_naming_an_unknown_destination_is_refused_and_nothing_is_written(catalog, tmp_path):
    shutil.copy(MAPS_DIR / "de_dienst.yaml", tmp_path / "de_dienst.yaml")
    path = tmp_path / "de_dienst.yaml"
    path.write_text(path.read_text().replace("destinations: [sheltered_work]", "destinations: [moon_landing]"))
    with pytest.raises(RouteDataError, match="moon_landing"):
        route_maps_load(maps_dir=tmp_path)
    assert not RouteMap.objects.exists()


def test_the_page_names_catalog_items_by_their_catalog_names(catalog, staff_client):
    from django.urls import reverse

    from routekaart.organisations.roles import Role

    route_maps_load()
    client, _ = staff_client(Role.COORDINATOR)
    response = client.get(reverse("routes:route_map_detail", args=["purmerend_beemster"]))
    assert "Arbeidsmatige dagbesteding" in response.text  # destination name from catalog/data/destinations.yaml
    assert "Loonkostensubsidie" in response.text  # instrument name
    assert "Kinderen in beeld" in response.text  # life phase title
