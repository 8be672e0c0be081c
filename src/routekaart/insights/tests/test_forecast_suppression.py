"""No shown figure of the forecasts page lets a small group be worked out (pure: no database)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.insights.forecasting import add_months
from routekaart.insights.selectors_forecasts import ALL_ROUTES, forecastable, route_histories, shown_history
from routekaart.insights.tables import SUPPRESSED

START = date(2026, 1, 1)
UNTIL = date(2026, 5, 1)  # four months of history


def flows(counts: dict[str, list[int]]):
    return [
        (key, key.title(), "in", add_months(START, month), n)
        for key, values in counts.items()
        for month, n in enumerate(values)
        if n
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["basis", "netwerk", "maatwerk", "werk"]),
        st.lists(st.integers(min_value=0, max_value=30), min_size=4, max_size=4),
        min_size=1,
    )
)
def test_a_shown_total_never_lets_the_suppressed_routes_be_worked_out(counts):
    histories = route_histories(flows(counts), UNTIL)
    cells = shown_history(histories)
    if ALL_ROUTES not in histories:  # no flow at all
        return
    for month in histories[ALL_ROUTES].months:
        total = cells[ALL_ROUTES, "inflow"].get(month)
        if total is SUPPRESSED:
            continue
        shown = [
            cells[key, "inflow"].get(month, 0)
            for key in histories
            if key != ALL_ROUTES and cells[key, "inflow"].get(month) is not SUPPRESSED
        ]
        left = total - sum(shown)
        assert left == 0 or left >= 10  # what the total adds to the shown routes is no small group


def test_a_forecast_rests_on_no_month_that_shows_minder_dan_10():
    histories = route_histories(flows({"werk": [20, 5, 20, 30]}), UNTIL)
    cells = shown_history(histories)
    assert forecastable(histories["werk"].history("inflow"), cells["werk", "inflow"]) == [
        (date(2026, 3, 1), 20),
        (date(2026, 4, 1), 30),
    ]
    # the total (20, 5, 20, 30 too) hides its second month as well: werk's 5 is all it would add
    assert cells[ALL_ROUTES, "inflow"][date(2026, 2, 1)] is SUPPRESSED
    assert forecastable(histories["werk"].history("inflow"), {}) == histories["werk"].history("inflow")
