"""The toegang's services are a package per aggregate; callers keep `services.<name>` (issue 15)."""

from pathlib import Path

from routekaart.access import selectors, services

ACCESS = Path(services.__file__).resolve().parent.parent
MAX_LINES = 800


def test_no_module_of_the_access_services_or_selectors_passes_800_lines():
    modules = [*sorted((ACCESS / "services").glob("*.py")), ACCESS / "selectors.py"]
    too_long = {p.name: n for p in modules if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert too_long == {}


def test_every_name_callers_use_is_still_on_the_services_package():
    for name in services.__all__:
        assert getattr(services, name) is not None, name
    assert services.signal_receive.__module__ == "routekaart.access.services.cases"
    assert services.decision_record.__module__ == "routekaart.access.services.decisions"


def test_the_read_only_lookups_live_in_the_selectors():
    for name in ("policy_get", "clusters_in_force", "general_provisions_queryset", "tailored_provisions_queryset"):
        assert getattr(services, name) is getattr(selectors, name)
