"""Every yardstick figure shows no number for a group under 10 residents: 9 shows "minder dan 10", 10 and 11 show
their count and share (N-1, N, N+1 around MIN_GROUP)."""

from datetime import date
from decimal import Decimal

import pytest

from routekaart.insights import selectors_yardsticks as yardsticks
from routekaart.insights.filters import Filters
from routekaart.insights.suppression import MIN_GROUP
from routekaart.insights.tables import SUPPRESSED

from . import factories_yardsticks as f

pytestmark = pytest.mark.django_db


def _distance(town, n):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()
    for _ in range(n):
        f.assess(town.resident(), "bridgeable_long", date(2025, 3, 1), municipality=town.municipality)
    return yardsticks.distance, "Overbrugbare afstand, langer dan een jaar"


def _walking_routes(town, n):
    routes = f.walking_routes()
    for _ in range(n):
        f.walk(town.resident(), routes["tailored"], date(2025, 3, 1))
    return yardsticks.walking_routes, "Maatwerkroute"


def _reassessment(town, n):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()
    for _ in range(n):
        first = f.assess(town.resident(), "bridgeable_long", date(2024, 3, 1), municipality=town.municipality)
        f.assess(
            first.resident,
            "bridgeable_short",
            date(2025, 3, 1),
            municipality=town.municipality,
            previous=first,
            change="smaller",
        )
    return yardsticks.reassessment, "Kleinere afstand"


def _youth_applications(town, n):
    for _ in range(n):
        household, young = town.household(born=date(2003, 1, 1))
        f.application(household, young, date(2025, 3, 3))
    return yardsticks.youth_applications, "Niet in de uitkering gekomen"


def _annual_review(town, n):
    dienst = f.DienstFactory()
    for _ in range(n):
        household, client = town.household()
        f.review(f.benefit(household, client, date(2024, 1, 1), dienst=dienst), 2025, date(2025, 4, 1))
    return yardsticks.annual_review, "2025"


def _non_take_up(town, n):
    supplement = f.regulation()
    run = f.check_run(date(2025, 3, 1))
    for _ in range(n):
        household, _ = town.household()
        f.non_take_up(run, household, supplement)
        f.regulation_use(household, supplement, date(2025, 3, 10))
    return yardsticks.non_take_up, "Individuele inkomenstoeslag"


def _terms(town, n):
    rule = f.deadline_rule(law="W")
    for _ in range(n):
        household, _ = town.household()
        f.deadline(household, rule, date(2025, 5, 1), met_on=date(2025, 4, 28))
    return yardsticks.terms, "Beslistermijn Wmo 2015"


def _objections_upheld(town, n):
    for _ in range(n):
        household, objector = town.household()
        f.objection(household, objector, date(2025, 9, 1), outcome="upheld")
    return yardsticks.objections_upheld, "Wmo 2015"


FIGURES = [
    _distance,
    _walking_routes,
    _reassessment,
    _youth_applications,
    _annual_review,
    _non_take_up,
    _terms,
    _objections_upheld,
]


@pytest.mark.parametrize("n", [MIN_GROUP - 1, MIN_GROUP, MIN_GROUP + 1])
@pytest.mark.parametrize("build", FIGURES, ids=lambda build: build.__name__.strip("_"))
def test_a_group_under_ten_residents_shows_no_number(build, n):
    town = f.place()
    builder, label = build(town, n)

    filters = Filters(month_from=date(2025, 1, 1), month_to=date(2025, 12, 1), municipality_id=town.municipality.pk)
    table = builder(filters)

    row = next(row for row in table.rows if str(row[0]) == label)
    if n < MIN_GROUP:
        assert row[2:7] == (SUPPRESSED,) * 5
    else:
        assert row[2:5] == (n, n, Decimal("100.0"))  # all n of n
        assert row[6] == Decimal("100.0") and row[5] < Decimal("100.0")
