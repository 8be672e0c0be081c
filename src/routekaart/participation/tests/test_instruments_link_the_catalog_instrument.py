"""An instrument put in is a form of the catalog's instrument, linked to that one source, never a copied code.

The catalog (walking maps) names the instrument once; participation's instrument carries its rules and links to it.
"""

import shutil

import pytest
import yaml
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from routekaart.catalog.models import PolicyInstrument
from routekaart.catalog.services import catalog_load
from routekaart.participation import selectors
from routekaart.participation.api.serializers import ParticipationInstrumentSerializer
from routekaart.participation.configuration import (
    DATA_DIR,
    ParticipationDataError,
    participation_configuration_load,
)
from routekaart.participation.models import Instrument


@pytest.fixture
def loaded(db):
    """Loaded as `load_configuration` loads them: the catalog first, then participation."""
    catalog_load()
    return participation_configuration_load()


def test_every_instrument_that_names_a_catalog_instrument_links_that_row(loaded):
    shipped = yaml.safe_load((DATA_DIR / "instruments.yaml").read_text())["instruments"]
    for item in shipped:
        instrument = Instrument.objects.get(code=item["code"])
        if item.get("catalog_instrument"):
            assert instrument.catalog_instrument == PolicyInstrument.objects.get(code=item["catalog_instrument"])
        else:
            assert instrument.catalog_instrument is None, item["code"]
    wage_subsidy = PolicyInstrument.objects.get(code="wage_subsidy")
    assert {i.code for i in wage_subsidy.participation_instruments.all()} == {
        "wage_subsidy_with_growth",
        "wage_subsidy_without_growth",
    }
    assert not loaded.catalog_links_skipped


def test_the_api_still_answers_the_catalog_code(loaded):
    rows = {row["code"]: row for row in ParticipationInstrumentSerializer(selectors.instrument_list(), many=True).data}
    assert rows["job_coach"]["catalog_instrument"] == "job_coach"
    assert rows["trial_placement"]["catalog_instrument"] == ""


def test_without_the_catalog_the_links_wait_and_a_later_load_makes_them(db):
    report = participation_configuration_load()
    assert "job_coach" in report.catalog_links_skipped
    assert Instrument.objects.get(code="job_coach").catalog_instrument is None
    catalog_load()
    participation_configuration_load()
    assert Instrument.objects.get(code="job_coach").catalog_instrument.code == "job_coach"


def test_an_unknown_catalog_instrument_is_refused_and_nothing_is_written(db, tmp_path):
    catalog_load()
    for path in DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    document = yaml.safe_load((tmp_path / "instruments.yaml").read_text())
    next(i for i in document["instruments"] if i["code"] == "job_coach")["catalog_instrument"] = "magic_wand"
    (tmp_path / "instruments.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(ParticipationDataError, match="magic_wand"):
        participation_configuration_load(data_dir=tmp_path)
    assert not Instrument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_instrument_and_links_it_by_code():
    before = [("participation", "0001_initial"), ("catalog", "0002_policy_instrument")]
    after = [("participation", "0002_instrument_links_the_catalog_instrument")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    catalog = old.get_model("catalog", "PolicyInstrument")
    catalog.objects.create(code="job_coach", order=1, name="Jobcoach", kind="instrument")
    line = old.get_model("participation", "SpendingLine").objects.create(code="line", order=1, name="Post")
    OldInstrument = old.get_model("participation", "Instrument")
    for order, (code, catalog_code) in enumerate([("job_coach", "job_coach"), ("trial", ""), ("x", "gone")], 1):
        OldInstrument.objects.create(
            code=code, order=order, name=code, catalog_instrument=catalog_code, spending_line=line, cost_basis="none"
        )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    rows = new.get_model("participation", "Instrument").objects.order_by("order")
    assert [(r.code, r.catalog_instrument and r.catalog_instrument.code) for r in rows] == [
        ("job_coach", "job_coach"),
        ("trial", None),
        ("x", None),  # a code the catalog does not (yet) hold: the row stays, the next load links it
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
