"""The flows figures on small fixed sets of precomputed rows, each expected value computed by hand."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from routekaart.insights import selectors_flows
from routekaart.insights.figures import figure_builder
from routekaart.insights.filters import Filters
from routekaart.insights.models import CaseloadCount, FlowCount, TransitionCount
from routekaart.insights.suppression import MIN_GROUP
from routekaart.insights.tables import SUPPRESSED
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

MARCH, APRIL = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)
YEAR = Filters(month_from=datetime.date(2026, 1, 1), month_to=datetime.date(2026, 12, 1))


def flow(key, direction, count, *, month=MARCH, dimension="route", destination="", label=None, district=None):
    return FlowCount.objects.create(
        dimension=dimension,
        key=key,
        label=label or f"Route {key}",
        direction=direction,
        destination=destination,
        month=month,
        district=district,
        count=count,
    )


def test_twelve_in_and_three_out_show_twelve_and_no_number_for_three():
    flow("x", "in", 12)
    flow("x", "out", 3, destination="completed")
    table = selectors_flows.flows_per_key(YEAR, "route")
    # one route: in 12 (shown), out 3 (< 10: suppressed); totals the same: 12 and 3 (suppressed)
    assert table.rows == [("Route x", 12, SUPPRESSED)]
    assert str(table.note).startswith("Totaal: instroom 12, uitstroom minder dan 10. ")


@pytest.mark.parametrize(("count", "visible"), [(MIN_GROUP - 1, False), (MIN_GROUP, True), (MIN_GROUP + 1, True)])
def test_a_flow_under_ten_residents_shows_no_number(count, visible):
    flow("x", "in", count)
    for table in (
        selectors_flows.flows_per_key(YEAR, "route"),
        selectors_flows.flows_per_period(YEAR, "route", "month"),
        selectors_flows.flows_per_period(YEAR, "route", "year"),
    ):
        cell = table.rows[0][1]
        assert (cell == count) if visible else (cell is SUPPRESSED)
        assert (count in [value for row in table.rows for value in row]) is visible


def test_the_total_cannot_give_away_the_one_small_flow():
    flow("a", "in", 20)
    flow("b", "in", 4)
    flow("c", "in", 15)
    table = selectors_flows.flows_per_key(YEAR, "route")
    # b (4) is suppressed; then c (15), the smallest other, too, else 39 - 20 - 15 would give 4; total 39 shown
    assert table.rows == [("Route a", 20, 0), ("Route c", SUPPRESSED, 0), ("Route b", SUPPRESSED, 0)]
    assert str(table.note).startswith("Totaal: instroom 39, uitstroom 0. ")


def test_in_and_out_per_month_and_per_year():
    flow("x", "in", 12)
    flow("x", "out", 3, destination="completed")
    flow("x", "in", 10, month=APRIL)
    flow("y", "out", 11, month=APRIL, destination="stopped")
    per_month = selectors_flows.flows_per_period(YEAR, "route", "month")
    # March: in 12, out 3 (suppressed); April: in 10, out 11 — suppressed too, the only other out beside the 3;
    # totals: in 12 + 10 = 22, out 3 + 11 = 14
    assert per_month.rows == [(MARCH, 12, SUPPRESSED), (APRIL, 10, SUPPRESSED)]
    assert str(per_month.note).startswith("Totaal: instroom 22, uitstroom 14. ")
    per_year = selectors_flows.flows_per_period(YEAR, "route", "year")
    assert per_year.rows == [(2026, 22, 14)]
    assert per_year.code == "flows_route_year"


def test_the_period_filter_leaves_out_other_months():
    flow("x", "in", 12)
    flow("x", "in", 30, month=datetime.date(2025, 12, 1))
    assert selectors_flows.flows_per_key(YEAR, "route").rows[0] == ("Route x", 12, 0)


def test_destinations_per_route():
    flow("x", "out", 12, destination="completed")
    flow("x", "out", 2, destination="stopped")
    flow("y", "out", 15, destination="completed")
    table = selectors_flows.flows_destinations(YEAR)
    assert [str(column.label) for column in table.columns] == ["Route", "Afgerond", "Gestopt"]
    # completed: x 12, y 15, total 27; stopped: x 2 (suppressed), y 0; total 2 (suppressed)
    assert table.rows == [("Route x", 12, SUPPRESSED), ("Route y", 15, 0)]
    assert str(table.note).startswith("Totaal: afgerond 27, gestopt minder dan 10. ")


def link(source, target, count, *, source_kind="route", target_kind="route"):
    TransitionCount.objects.create(
        source_kind=source_kind,
        source_key=source.lower(),
        source_label=source,
        target_kind=target_kind,
        target_key=target.lower(),
        target_label=target,
        month=MARCH,
        count=count,
    )


def test_the_sankey_lists_each_link_and_hides_small_ones():
    link("Aanmelding", "Route X", 12, source_kind="start")
    link("Route X", "Route Y", 4)
    link("Route X", "Afgerond", 11, target_kind="destination")
    table = selectors_flows.sankey(YEAR)
    assert table.rows == [
        ("Aanmelding", "Route X", 12),
        ("Route X", "Afgerond", 11),
        ("Route X", "Route Y", SUPPRESSED),
    ]
    assert (table.chart.kind, table.chart.x, table.chart.series) == ("sankey", "source", ("target", "count"))


def test_a_destination_named_like_a_route_is_its_own_node():
    link("Route X", "Werk", 12)
    link("Route X", "Werk", 10, target_kind="destination")
    targets = {row[1] for row in selectors_flows.sankey(YEAR).rows}
    assert targets == {"Werk", "Werk (bestemming)"}


@pytest.fixture
def caseload():
    team_1 = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood", name="Team Noord")
    team_2 = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood", name="Team Zuid")
    anna = UserFactory(first_name="Anna", last_name="de Regisseur")
    bert = UserFactory(first_name="Bert", last_name="Bos")
    for month, anna_n, bert_n, team_n in ((MARCH, 12, 5, 20), (APRIL, 13, 6, 20)):
        CaseloadCount.objects.create(month=month, team=team_1, coordinator=anna, households=anna_n)
        CaseloadCount.objects.create(month=month, team=team_1, coordinator=bert, households=bert_n)
        CaseloadCount.objects.create(month=month, team=team_2, coordinator=None, households=team_n)


def test_caseload_per_team_in_the_latest_month(caseload):
    table = selectors_flows.caseload_team(YEAR)
    # April: Team Noord 13 + 6 = 19, Team Zuid 20; total 39
    assert table.rows == [("Team Zuid", 20), ("Team Noord", 19)]
    assert str(table.note).startswith("Totaal: huishoudens 39. ")
    assert "2026-04" in str(table.title)


def test_caseload_per_coordinator_names_the_staff_member_and_hides_a_small_caseload(caseload):
    table = selectors_flows.caseload_coordinator(YEAR)
    assert table.rows == [
        ("Geen regisseur (het hele team)", "Team Zuid", 20),
        ("Anna de Regisseur", "Team Noord", 13),
        ("Bert Bos", "Team Noord", SUPPRESSED),
    ]


def test_caseload_trend_per_month(caseload):
    # March 12 + 5 + 20 = 37; April 13 + 6 + 20 = 39
    assert selectors_flows.caseload_trend(YEAR).rows == [(MARCH, 37), (APRIL, 39)]


def test_every_flows_figure_is_registered_for_export():
    for code in ("flows_route", "flows_instrument_month", "flows_benefit_year", "sankey", "caseload_coordinator"):
        assert figure_builder(code) is not None, code
    assert figure_builder("flows_team")(YEAR).code == "flows_team"


def test_a_figure_reads_one_query_however_many_routes(caseload):
    def queries() -> list[int]:
        counts = []
        for build in (
            lambda: selectors_flows.flows_per_key(YEAR, "route"),
            lambda: selectors_flows.flows_per_period(YEAR, "route", "month"),
            lambda: selectors_flows.sankey(YEAR),
            lambda: selectors_flows.caseload_team(YEAR, APRIL),
            lambda: selectors_flows.caseload_coordinator(YEAR, APRIL),
            lambda: selectors_flows.caseload_trend(YEAR),
        ):
            with CaptureQueriesContext(connection) as captured:
                build()
            counts.append(len(captured))
        return counts

    flow("x", "in", 12)
    few = queries()
    for n in range(30):
        flow(f"r{n}", "in", 10 + n)
        link(f"Route {n}", "Afgerond", 12, target_kind="destination")
    assert queries() == few == [1, 1, 1, 1, 1, 1]


def test_no_caseload_counted_yet_shows_an_empty_table_without_a_month():
    table = selectors_flows.caseload_team(YEAR)
    assert (str(table.title), table.rows, str(table.note).startswith("Totaal")) == ("Caseload per team", [], False)
