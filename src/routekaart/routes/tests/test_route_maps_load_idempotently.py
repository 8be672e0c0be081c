"""The loader: loading twice changes nothing; a new version is added beside the old; bad files change nothing."""

import shutil

import pytest

from routekaart.audit.models import Event
from routekaart.routes.configuration import MAPS_DIR, RouteDataError, route_maps_load
from routekaart.routes.models import Party, Route, RouteMap, Step, StepAction

pytestmark = [pytest.mark.django_db]


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (RouteMap, Party, Route, Step, StepAction, Event))


@pytest.fixture
def maps_dir(tmp_path):
    for path in MAPS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_loading_twice_changes_nothing(maps_dir):
    first = route_maps_load(maps_dir=maps_dir)
    counts = _counts()
    second = route_maps_load(maps_dir=maps_dir)
    assert _counts() == counts
    assert len(first.loaded) == 3 and not first.unchanged
    assert not second.loaded and len(second.unchanged) == 3
    assert "3 route maps" in str(second)


def test_each_load_of_a_new_version_is_an_event(maps_dir):
    route_maps_load(maps_dir=maps_dir)
    events = Event.objects.filter(action="routes.map_loaded")
    assert sorted(event.after["code"] for event in events) == ["de_dienst", "purmerend_beemster", "zaanstad"]


def test_a_higher_version_becomes_current_and_the_old_one_stays(maps_dir):
    route_maps_load(maps_dir=maps_dir)
    old = RouteMap.objects.get(code="de_dienst", is_current=True)
    path = maps_dir / "de_dienst.yaml"
    text = (
        path.read_text().replace("version: 2\n", "version: 3\n", 1).replace("name: Werkplek", "name: Passende werkplek")
    )
    path.write_text(text)
    route_maps_load(maps_dir=maps_dir)
    new = RouteMap.objects.get(code="de_dienst", is_current=True)
    assert new.version == 3 and new.pk != old.pk
    old.refresh_from_db()
    assert not old.is_current
    assert Step.objects.get(route__route_map=old, route__code="work", number=2).name == "Werkplek"
    assert Step.objects.get(route__route_map=new, route__code="work", number=2).name == "Passende werkplek"


def test_changed_contents_under_a_loaded_version_are_refused(maps_dir):
    route_maps_load(maps_dir=maps_dir)
    path = maps_dir / "de_dienst.yaml"
    path.write_text(path.read_text().replace("name: Werkplek", "name: Passende werkplek"))
    counts = _counts()
    with pytest.raises(RouteDataError, match=r"de inhoud is gewijzigd, maar versie 2 is al geladen"):
        route_maps_load(maps_dir=maps_dir)
    assert _counts() == counts


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ("  - number: 6\n    name: Uitkering", "  - number: 7\n    name: Uitkering", "numbered 1, 2, 3"),
        ("regie: area_team\n", "regie: nobody\n", "regie"),
        ("    - parties: [uwv]\n      to: [dienst]", "    - parties: [uvw]\n      to: [dienst]", "unknown codes uvw"),
        ("condition: waitlist\n", "condition: queue\n", "condition"),
        ("kind: exit\n  name: MBO", "kind: exitt\n  name: MBO", "kind"),
        ("  min_age: 16\n  max_age: 27\n", "  max_age: 27\n", "names the ages it serves: missing min_age"),
        ("  min_age: 16\n  max_age: 27\n", "  min_age: 27\n  max_age: 16\n", "min_age must be below max_age"),
        ("  min_age: 16\n  max_age: 27\n", "  min_age: 16\n  max_age: zes\n", "max_age must be an age in years"),
    ],
)
def test_a_broken_file_is_refused_with_what_to_fix_and_nothing_is_written(maps_dir, before, after, message):
    path = maps_dir / "de_dienst.yaml"
    text = path.read_text()
    assert before in text
    path.write_text(text.replace(before, after, 1))
    for other in maps_dir.glob("*.yaml"):
        if other != path:
            other.unlink()
    with pytest.raises(RouteDataError, match=message) as error:
        route_maps_load(maps_dir=maps_dir)
    assert str(error.value).startswith("de_dienst.yaml")
    assert not RouteMap.objects.exists()
