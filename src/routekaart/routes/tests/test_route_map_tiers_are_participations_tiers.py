"""A route map's tiers are participation's tiers (one source, distance.yaml): a map places destinations under them.

The loader links each tier by code and refuses a map whose tier is unknown or differs from participation's; the
data migration that made the link keeps every existing map tier with its destinations.
"""

import shutil

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from routekaart.participation.models import LabourDistance, ParticipationTier
from routekaart.routes import selectors
from routekaart.routes.configuration import MAPS_DIR, RouteDataError, route_maps_load
from routekaart.routes.models import RouteMap, RouteMapTier


@pytest.mark.django_db
def test_the_maps_tiers_point_at_participations_tiers_without_a_copy(route_maps):
    view = selectors.route_map_get(code="purmerend_beemster")
    assert [t.tier for t in view.tiers] == list(ParticipationTier.objects.order_by("order"))
    assert view.tiers[1].labour_distance == LabourDistance.BRIDGEABLE == view.tiers[1].tier.labour_distance
    assert ParticipationTier.objects.count() == 3  # the maps added no tier of their own
    assert not {"name", "labour_distance", "code"} & {f.name for f in RouteMapTier._meta.concrete_fields}


@pytest.mark.django_db
def test_renaming_a_tier_in_participation_renames_it_on_every_map(route_maps):
    ParticipationTier.objects.filter(code="reduced_wage_value").update(name="Loonwaarde lager dan 100%")
    view = selectors.route_map_get(code="purmerend_beemster")
    assert view.tiers[1].name == "Loonwaarde lager dan 100%"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("labour_distance: bridgeable", "differs from participation's"),
        ("code: reduced_wage_value", "not a tier of participation's distance.yaml"),
    ],
)
def test_a_map_whose_tier_is_not_participations_is_refused_and_nothing_is_written(tmp_path, change, message):
    shutil.copy(MAPS_DIR / "purmerend_beemster.yaml", tmp_path / "purmerend_beemster.yaml")
    path = tmp_path / "purmerend_beemster.yaml"
    text = path.read_text()
    wrong = {"labour_distance: bridgeable": "labour_distance: not_bridgeable", "code: reduced_wage_value": "code: x"}
    assert change in text
    path.write_text(text.replace(change, wrong[change], 1))
    with pytest.raises(RouteDataError, match=message):
        route_maps_load(maps_dir=tmp_path, quota_file=None)
    assert not RouteMap.objects.exists()
    assert not RouteMapTier.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_map_tier_and_links_it_by_code():
    before = [("routes", "0001_initial"), ("participation", "0001_initial")]
    after = [("routes", "0002_route_map_tier_is_participations_tier")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    route_map = old.get_model("routes", "RouteMap").objects.create(
        code="m", version=1, effective_from="2020-01-01", checksum="x", name="M", region="r", source="001"
    )
    OldTier = old.get_model("routes", "ParticipationTier")
    old.get_model("participation", "ParticipationTier").objects.create(
        code="back_to_regular_job", order=1, name="Terug naar reguliere baan", labour_distance="none"
    )
    OldTier.objects.create(
        route_map=route_map,
        code="back_to_regular_job",
        order=1,
        name="Terug",
        labour_distance="none",
        destinations=["regular_work"],
    )
    OldTier.objects.create(
        route_map=route_map,
        code="reduced_wage_value",
        order=2,
        name="Verminderde loonwaarde",
        text="VERMINDERDE",
        labour_distance="bridgeable",
        destinations=["subsidised_job"],
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    rows = new.get_model("routes", "RouteMapTier").objects.order_by("tier__order")
    assert [(r.tier.code, r.tier.labour_distance, r.destinations) for r in rows] == [
        ("back_to_regular_job", "none", ["regular_work"]),
        ("reduced_wage_value", "bridgeable", ["subsidised_job"]),  # participation's tier made from the map's row
    ]
    assert rows[1].tier.name == "Verminderde loonwaarde"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
