"""The refresh step of the forecasts: every route and all routes, per municipality and for all, from the flows."""

from datetime import date
from decimal import Decimal

import pytest

from routekaart.insights import refresh_forecasts
from routekaart.insights.forecasting import Model
from routekaart.insights.models import Direction, FlowDimension, ForecastPoint, ForecastSeries
from routekaart.insights.refresh import RefreshContext, insights_refresh
from routekaart.insights.selectors_forecasts import route_histories
from routekaart.organisations.tests.factories import OrganisationFactory

from .factories_forecasts import route_series

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 12, 6)
START = date(2025, 12, 1)  # 12 complete months before December 2026


def ctx(as_of: date = AS_OF, *, full: bool = True) -> RefreshContext:
    return RefreshContext(full=full, as_of=as_of, from_month=date(2000, 1, 1), watermark=0)


def test_every_route_and_all_routes_get_three_series_per_municipality_and_for_all():
    town = OrganisationFactory()
    route_series([20] * 12, start=START, key="werk", municipality=town)
    route_series([15] * 12, start=START, key="mbo", label="Mbo", municipality=town)
    route_series([12] * 12, start=START, key="werk", direction=Direction.OUT, municipality=town)

    rows = refresh_forecasts.refresh(ctx())

    # scopes: the town and all; routes: werk, mbo and all routes; series: inflow, outflow, caseload
    assert ForecastSeries.objects.count() == 2 * 3 * 3
    assert ForecastPoint.objects.count() == 2 * 3 * 3 * 12
    assert rows == 18 + 18 * 12
    inflow = ForecastSeries.objects.get(municipality=town, key="", series="inflow")
    assert inflow.model == Model.CONSTANT  # 35 every month
    assert inflow.history_months == 12 and inflow.backtest_months == 6
    assert {p.value for p in inflow.points.all()} == {Decimal("35.0")}
    assert inflow.mae == Decimal("0.00") and inflow.mape == Decimal("0.0")
    assert next(p.month for p in inflow.points.order_by("month")) == date(2026, 12, 1)


def test_a_refresh_replaces_the_forecasts_it_made_before():
    route_series([20] * 12, start=START)
    refresh_forecasts.refresh(ctx())
    first = set(ForecastSeries.objects.values_list("pk", flat=True))
    refresh_forecasts.refresh(ctx())
    assert ForecastSeries.objects.count() == len(first) == 2 * 3  # werk and all routes, for all municipalities
    assert not first & set(ForecastSeries.objects.values_list("pk", flat=True))


def test_the_month_still_running_is_not_history():
    route_series([20] * 13, start=START)  # the 13th month is December 2026, the month of the refresh
    refresh_forecasts.refresh(ctx())
    series = ForecastSeries.objects.get(key="werk", series="inflow")
    assert series.history_months == 12
    assert series.made_on == AS_OF


def test_caseload_is_what_entered_minus_what_left_month_by_month():
    route_series([20, 20, 20], start=START)
    route_series([0, 5, 30], start=START, direction=Direction.OUT)
    rows = [("werk", "Werk", "in", date(2025, 12, 1), 20), ("werk", "Werk", "in", date(2026, 1, 1), 20)]
    rows += [("werk", "Werk", "in", date(2026, 2, 1), 20), ("werk", "Werk", "out", date(2026, 1, 1), 5)]
    rows += [("werk", "Werk", "out", date(2026, 2, 1), 30)]
    history = route_histories(rows, date(2026, 3, 1))["werk"]
    # 20; 20 + 20 - 5 = 35; 35 + 20 - 30 = 25
    assert history.caseload == [20, 35, 25]
    refresh_forecasts.refresh(ctx(date(2026, 3, 10)))
    caseload = ForecastSeries.objects.get(key="werk", series="caseload", municipality=None)
    assert caseload.model == Model.MEAN  # 3 months: the mean of the last 3
    # (20 + 35 + 25) / 3 = 26.67
    assert caseload.points.order_by("month").first().value == Decimal("26.7")


def test_a_month_without_flows_counts_0_between_months_with_flows():
    rows = [("werk", "Werk", "in", date(2026, 1, 1), 12), ("werk", "Werk", "in", date(2026, 4, 1), 14)]
    history = route_histories(rows, date(2026, 6, 1))["werk"]
    assert history.inflow == [12, 0, 0, 14, 0]
    assert history.months[0] == date(2026, 1, 1) and history.months[-1] == date(2026, 5, 1)


def test_the_refresh_runs_as_the_last_step_and_records_its_rows():
    route_series([20] * 12, start=START)
    runs = {run.step: run for run in insights_refresh(full=True, as_of=AS_OF)}
    assert runs["forecasts"].rows == ForecastSeries.objects.count() + ForecastPoint.objects.count()
    assert list(runs)[-1] == "forecasts"


def test_no_flows_make_no_forecasts():
    assert refresh_forecasts.refresh(ctx()) == 0
    assert not ForecastSeries.objects.exists()


def test_an_incremental_refresh_makes_the_forecasts_once_a_month():
    route_series([20] * 12, start=START)
    refresh_forecasts.refresh(ctx(date(2026, 12, 1)))
    made = set(ForecastSeries.objects.values_list("pk", flat=True))
    # later the same month: no month has completed since, nothing is written
    assert refresh_forecasts.refresh(ctx(date(2026, 12, 20), full=False)) == 0
    assert set(ForecastSeries.objects.values_list("pk", flat=True)) == made
    # the next month: December 2026 is complete now and the forecasts are made again
    assert refresh_forecasts.refresh(ctx(date(2027, 1, 2), full=False)) > 0
    assert set(ForecastSeries.objects.values_list("made_on", flat=True)) == {date(2027, 1, 2)}


def test_a_series_whose_last_month_counted_under_10_gets_no_forecast():
    route_series([20] * 11 + [9], start=START)
    route_series([20] * 12, start=START, key="mbo", label="Mbo")
    refresh_forecasts.refresh(ctx())
    made = set(ForecastSeries.objects.filter(series="inflow").values_list("key", flat=True))
    # werk's last month is hidden; all routes' last month (29) too, since werk's 9 is all that is hidden in it
    assert made == {"mbo"}


def test_the_school_leavers_exit_routes_are_forecast_as_routes_too():
    route_series([20] * 12, start=START)
    for flow in route_series([12] * 12, start=START, key="beschut_werk", label="Beschut werk"):
        flow.dimension = FlowDimension.EXIT_ROUTE
        flow.save()
    refresh_forecasts.refresh(ctx())
    inflow = dict(ForecastSeries.objects.filter(series="inflow").values_list("key", "model"))
    assert set(inflow) == {"", "werk", "beschut_werk"}
    total = ForecastSeries.objects.get(series="inflow", key="")
    assert {p.value for p in total.points.all()} == {Decimal("32.0")}  # 20 + 12 every month
