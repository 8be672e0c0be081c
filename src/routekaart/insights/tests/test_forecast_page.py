"""The forecasts page and its figures: hand-computed values, groups under 10 never shown, Dutch refusals."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.insights.figures import figure_builder, figure_codes
from routekaart.insights.filters import Filters
from routekaart.insights.models import Direction
from routekaart.insights.refresh import RefreshContext
from routekaart.insights.refresh_forecasts import refresh
from routekaart.insights.selectors_forecasts import (
    ALL_ROUTES,
    error_table,
    forecast_data,
    forecast_table,
    shown_forecast,
)
from routekaart.insights.tables import SUPPRESSED
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.residents.tests.factories import DistrictFactory
from routekaart.testing import database_fingerprint

from .factories_forecasts import route_series

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 12, 6)
START = date(2025, 12, 1)  # 12 complete months: December 2025 up to November 2026
PERIOD = {"van": "2025-12", "tot": "2026-11"}
FILTERS = Filters(month_from=START, month_to=date(2026, 11, 1))


def refreshed() -> None:
    refresh(RefreshContext(full=True, as_of=AS_OF, from_month=date(2000, 1, 1), watermark=0))


def rows_of(table, kind: str):
    """History rows (`actual` filled) or forecast rows."""
    return [row for row in table.rows if (row[3] is None) == (kind == "history")]


def test_a_constant_inflow_is_forecast_as_itself_and_was_0_off(staff_client):
    route_series([20] * 12, start=START)
    refreshed()
    client, _user = staff_client(Role.POLICY)

    response = client.get(reverse("insights:forecasts"), {**PERIOD, "route": "werk"})

    assert response.status_code == 200
    inflow = response.context["tables"][0]
    assert [row[2] for row in rows_of(inflow, "history")] == [20] * 12
    # 20 every month: the forecast is 20 with no margin, twelve months from December 2026
    assert next(row[1:] for row in rows_of(inflow, "forecast")) == (
        date(2026, 12, 1),
        None,
        Decimal("20.0"),
        Decimal("20.0"),
        Decimal("20.0"),
    )
    assert len(rows_of(inflow, "forecast")) == 12
    assert inflow.chart.kind == "line"
    content = response.content.decode()
    # backtest: half of 12 months = 6 left out, forecast 20 against 20: 0 off
    assert "Op de afgelopen 6 maanden zat deze prognose gemiddeld 0,0 per maand naast de werkelijkheid" in content
    assert "Prognose instroom" in content
    # the method's numbers, from the data file
    assert "Met minder dan 6 maanden historie: het gemiddelde van de laatste 3 maanden." in content
    assert "Met minstens 24 maanden historie" in content


def test_the_mean_model_on_three_months_equals_the_hand_computed_mean():
    route_series([21, 24, 30], start=date(2026, 9, 1))
    refreshed()
    table = forecast_table(forecast_data(FILTERS), "inflow", "werk")
    # (21 + 24 + 30) / 3 = 25.0 each month
    assert {row[3] for row in rows_of(table, "forecast")} == {Decimal("25.0")}
    errors = error_table(forecast_data(FILTERS), "werk")
    inflow = errors.rows[0]
    # 3 months: 1 left out; the mean of 21 and 24 = 22.5 against 30: 7.5 off, 7.5 / 30 = 25 %
    assert inflow[2] == "Gemiddelde van de laatste maanden"
    assert (inflow[4], inflow[5], inflow[6]) == (1, Decimal("7.5"), Decimal("25.0"))


def test_the_error_is_shown_with_one_decimal_rounded_half_up():
    # 10, 20, 10, 20, 10, 20, 10, 21: 8 months, 4 left out; the mean of the 3 months before them (20, 10, 20)
    # is 16.667 against 10, 20, 10, 21: errors 6.667, 3.333, 6.667, 4.333; MAE 5.25 -> 5,3 (not cut off to 5,2)
    route_series([10, 20, 10, 20, 10, 20, 10, 21], start=date(2026, 4, 1))
    refreshed()
    data = forecast_data(FILTERS)
    assert data.series["werk", "inflow"].model == "holt_damped_trend"  # 8 months; its backtest used the mean
    row = error_table(data, "werk").rows[0]
    assert row[5] == Decimal("5.3")
    assert "gemiddeld 5,3 per maand naast de werkelijkheid" in row[7]


@pytest.mark.parametrize(("monthly", "shown"), [(9, False), (10, True), (11, True)])
def test_a_series_with_a_month_under_10_shows_no_count_no_forecast_and_no_error(monthly, shown):
    route_series([monthly] * 12, start=START)
    refreshed()
    data = forecast_data(FILTERS)
    table = forecast_table(data, "inflow", "werk")
    history = [row[2] for row in rows_of(table, "history")]
    forecast = [row[3:] for row in rows_of(table, "forecast")]
    assert history == ([monthly] * 12 if shown else [SUPPRESSED] * 12)
    if shown:
        assert forecast[0] == (Decimal(monthly), Decimal(monthly), Decimal(monthly))
    else:
        assert forecast == [(SUPPRESSED, SUPPRESSED, SUPPRESSED)] * 12
    errors = error_table(data, "werk").rows[0]
    assert (errors[5] is SUPPRESSED) is not shown
    assert ("minder dan 10" in errors[7]) is not shown


def test_a_last_month_under_10_hides_the_forecast_of_that_series():
    route_series([20] * 11 + [4], start=START)
    refreshed()
    table = forecast_table(forecast_data(FILTERS), "inflow", "werk")
    assert [row[2] for row in rows_of(table, "history")][-2:] == [20, SUPPRESSED]
    forecast = rows_of(table, "forecast")
    assert len(forecast) == 12 and all(row[3:] == (SUPPRESSED,) * 3 for row in forecast)


def test_a_forecast_rests_only_on_the_months_after_the_last_month_under_10():
    route_series([20] * 5 + [4] + [30] * 6, start=START)
    refreshed()
    data = forecast_data(FILTERS)
    table = forecast_table(data, "inflow", "werk")
    # the 6 months of 30 after the month of 4: a constant 30, nothing of the 4 or the 20s in it
    assert {row[3] for row in rows_of(table, "forecast")} == {Decimal("30.0")}
    assert data.series["werk", "inflow"].history_months == 6
    assert error_table(data, "werk").rows[0][3] == 6  # months of history shown in the error table


def test_the_total_of_all_routes_hides_a_month_whose_suppressed_routes_count_under_10():
    route_series([20] * 12, start=START)
    route_series([5] * 12, start=START, key="mbo", label="Mbo")
    refreshed()
    total = forecast_table(forecast_data(FILTERS), "inflow", ALL_ROUTES)
    # 25 - 20 shown for werk would give away the 5 of mbo: the total shows no number either
    assert {row[2] for row in rows_of(total, "history")} == {SUPPRESSED}
    assert {row[3] for row in rows_of(total, "forecast")} == {SUPPRESSED}


def test_the_total_is_shown_when_the_suppressed_routes_together_count_10_or_more():
    route_series([20] * 12, start=START)
    route_series([5] * 12, start=START, key="mbo", label="Mbo")
    route_series([6] * 12, start=START, key="beschut", label="Beschut werk")
    refreshed()
    total = forecast_table(forecast_data(FILTERS), "inflow", ALL_ROUTES)
    assert {row[2] for row in rows_of(total, "history")} == {31}  # 20 + 5 + 6; 5 + 6 = 11 is no small group


def test_caseload_is_shown_rounded_to_tens():
    route_series([23, 22], start=date(2026, 10, 1))
    route_series([0, 20], start=date(2026, 10, 1), direction=Direction.OUT)
    refreshed()
    table = forecast_table(forecast_data(FILTERS), "caseload", "werk")
    # October 23 -> 20; November 23 + 22 - 20 = 25 -> 30 (half up)
    assert [row[2] for row in rows_of(table, "history")] == [Decimal(20), Decimal(30)]


@pytest.mark.parametrize(
    ("value", "series", "shown"),
    [
        (Decimal("9.9"), "inflow", SUPPRESSED),
        (Decimal("0.0"), "inflow", Decimal("0.0")),
        (Decimal("10.0"), "inflow", Decimal("10.0")),
        (Decimal("14.0"), "caseload", Decimal("10")),
        (Decimal("15.0"), "caseload", Decimal("20")),
        (Decimal("4.0"), "caseload", SUPPRESSED),
    ],
)
def test_a_forecast_number_under_10_shows_no_number(value, series, shown):
    assert shown_forecast(value, series) == shown if shown is not SUPPRESSED else shown_forecast(value, series) is shown


def test_the_page_shows_minder_dan_10_for_a_small_series(staff_client):
    route_series([4] * 12, start=START)
    refreshed()
    client, _user = staff_client(Role.POLICY)
    content = client.get(reverse("insights:forecasts"), {**PERIOD, "route": "werk"}).content.decode()
    assert "minder dan 10" in content
    assert "Geen cijfer: deze reeks telde in de laatste maand minder dan 10 inwoners." in content


def test_a_municipality_sees_its_own_forecast():
    town, village = OrganisationFactory(), OrganisationFactory()
    route_series([20] * 12, start=START, municipality=town)
    route_series([30] * 12, start=START, municipality=village)
    refreshed()
    mine = Filters(month_from=START, month_to=date(2026, 11, 1), municipality_id=town.pk)
    assert rows_of(forecast_table(forecast_data(mine), "inflow", "werk"), "forecast")[0][3] == Decimal("20.0")
    everyone = forecast_table(forecast_data(FILTERS), "inflow", "werk")
    assert rows_of(everyone, "forecast")[0][3] == Decimal("50.0")


def test_the_downloads_hold_every_route_and_are_registered():
    route_series([20] * 12, start=START)
    route_series([15] * 12, start=START, key="mbo", label="Mbo")
    refreshed()
    assert {"forecast_inflow", "forecast_outflow", "forecast_caseload", "forecast_error"} <= set(figure_codes())
    table = figure_builder("forecast_inflow")(FILTERS)
    assert table.code == "forecast_inflow"
    assert [label for label in dict.fromkeys(row[0] for row in table.rows)] == ["Alle routes", "Mbo", "Werk"]
    assert len(table.rows) == 3 * (12 + 12)
    assert len(figure_builder("forecast_error")(FILTERS).rows) == 3 * 3


def test_a_coordinator_may_not_see_the_forecasts(staff_client):
    client, _user = staff_client(Role.COORDINATOR)
    assert client.get(reverse("insights:forecasts")).status_code == 403


def test_an_unknown_route_is_refused_in_dutch_and_changes_nothing(staff_client):
    route_series([20] * 12, start=START)
    refreshed()
    client, _user = staff_client(Role.POLICY)
    before = database_fingerprint()
    response = client.get(reverse("insights:forecasts"), {**PERIOD, "route": "bestaat-niet"})
    assert response.status_code == 400
    assert "Deze route heeft geen prognose; kies een route uit de lijst." in response.content.decode()
    assert database_fingerprint() == before


def test_a_bad_month_is_refused_in_dutch(staff_client):
    client, _user = staff_client(Role.POLICY)
    before = database_fingerprint()
    response = client.get(reverse("insights:forecasts"), {"van": "2026-13"})
    assert response.status_code == 400
    assert "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01." in response.content.decode()
    assert database_fingerprint() == before


def test_a_chosen_wijk_is_said_not_to_count(staff_client):
    route_series([20] * 12, start=START)
    refreshed()
    district = DistrictFactory()
    client, _user = staff_client(Role.POLICY)
    response = client.get(reverse("insights:forecasts"), {**PERIOD, "wijk": district.pk})
    assert response.status_code == 200
    assert "niet per wijk" in response.content.decode()


def test_the_page_runs_the_same_few_queries_for_one_route_or_many(staff_client):
    client, _user = staff_client(Role.POLICY)
    route_series([20] * 12, start=START)
    refreshed()
    client.get(reverse("insights:forecasts"), PERIOD)  # the session and the user, as on every page
    with CaptureQueriesContext(connection) as one_route:
        assert client.get(reverse("insights:forecasts"), PERIOD).status_code == 200
    for key in ("mbo", "beschut", "dagbesteding"):
        route_series([15] * 12, start=START, key=key, label=key.title())
    refreshed()
    with CaptureQueriesContext(connection) as four_routes:
        assert client.get(reverse("insights:forecasts"), PERIOD).status_code == 200
    queries = [query["sql"] for query in four_routes.captured_queries]
    assert len(one_route) == len(four_routes) <= 10, "\n".join(queries)
