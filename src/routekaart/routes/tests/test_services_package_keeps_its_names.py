"""The trajectory services are a package per aggregate; callers keep `routes.services.<name>`, and the read-only
rules they check (ages in half years, the quota) are selectors, which import no services (no cycle)."""

import ast
from datetime import date
from pathlib import Path

import pytest

from routekaart.routes import selectors, services
from routekaart.routes.models import ShelteredWorkQuota


def test_every_name_callers_use_is_still_on_the_package():
    for name in services.__all__:
        assert callable(getattr(services, name)) or name.isupper(), name
    for name in ("acting_organisations", "recordable_conditions", "action_applies", "age_in_years", "quota_places"):
        assert getattr(services, name) is getattr(selectors, name)
    assert services.ACTIVITY == selectors.ACTIVITY == "route-guidance"


def test_the_selectors_import_no_services_of_their_own_app():
    tree = ast.parse(Path(selectors.__file__).read_text(encoding="utf-8"))
    own = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.level == 1
        and ((node.module or "").startswith("services") or any(a.name == "services" for a in node.names))
    ]
    assert own == []


@pytest.mark.parametrize(
    ("age", "reached"), [(16.5, date(2026, 7, 31)), (18, date(2028, 1, 31)), (0.5, date(2010, 7, 31))]
)
def test_an_age_in_half_years_is_reached_on_its_day(age, reached):
    born = date(2010, 1, 31)
    assert selectors.date_at_age(born, age) == reached
    assert selectors.age_in_years(born, reached) == age


@pytest.mark.django_db
def test_the_quota_is_the_municipalitys_for_that_year_or_none():
    ShelteredWorkQuota.objects.create(municipality_code="zaanstad", year=2026, places=12)
    assert selectors.quota_places(municipality_code="zaanstad", year=2026) == 12
    assert selectors.quota_places(municipality_code="zaanstad", year=2027) is None
