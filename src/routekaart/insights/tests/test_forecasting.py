"""The forecast method on fixed series whose answer is known by hand, and its backtest."""

import itertools
import math
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.insights.forecasting import (
    SETTINGS,
    Model,
    add_months,
    backtest,
    backtest_months,
    forecast,
    model_for,
    settings_load,
)

START = date(2023, 1, 1)


def history(values):
    return [(add_months(START, index), value) for index, value in enumerate(values)]


def test_a_constant_series_forecasts_itself_and_was_never_off():
    result = forecast(history([20] * 30))
    assert result.model == Model.CONSTANT
    assert [(p.value, p.lower, p.upper) for p in result.points] == [(20.0, 20.0, 20.0)] * 12
    # 12 months left out, forecast 20 each, actual 20 each: MAE 0, MAPE 0
    assert (result.backtest.months, result.backtest.mae, result.backtest.mape) == (12, 0.0, 0.0)


def test_the_forecast_starts_the_month_after_the_history_and_runs_twelve_months():
    result = forecast(history([20, 22, 21, 25, 24, 26, 27]))
    assert [p.month for p in result.points] == [add_months(START, 7 + step) for step in range(12)]


def test_a_straight_line_is_continued_and_its_backtest_error_is_small():
    values = [10 + 2 * i for i in range(30)]  # 10, 12, ..., 68; next month 70, a year on 92
    result = forecast(history(values))
    assert result.model == Model.SEASONAL  # 30 months: two full years
    assert result.points[0].value == pytest.approx(70, abs=0.5)
    # the damped trend flattens a little: after 12 months at most a few below the line's 92
    assert 88 <= result.points[-1].value <= 92.5
    assert result.backtest.months == 12
    assert result.backtest.mae < 1  # residents a month
    assert result.backtest.mape < 2  # percent


def test_a_seasonal_sine_is_followed_month_by_month():
    def sine(i):
        return 50 + 10 * math.sin(2 * math.pi * i / 12)

    result = forecast(history([sine(i) for i in range(36)]))
    assert result.model == Model.SEASONAL
    for step, point in enumerate(result.points):
        assert point.value == pytest.approx(sine(36 + step), abs=0.5)
    assert result.backtest.mae < 0.5


def test_a_short_history_gets_the_mean_of_its_last_three_months():
    result = forecast(history([12, 15, 11, 14, 13]))
    assert result.model == Model.MEAN
    # (11 + 14 + 13) / 3 = 12.667 for every month ahead
    assert all(p.value == pytest.approx(38 / 3) for p in result.points)
    # backtest: half of 5 months = 2 left out; the mean of 12, 15, 11 = 12.667 against 14 and 13:
    # errors 1.333 and 0.333, MAE 0.833; MAPE (1.333/14 + 0.333/13) / 2 = 6.04 %
    assert result.backtest.months == 2
    assert result.backtest.mae == pytest.approx(5 / 6)
    assert result.backtest.mape == pytest.approx((4 / 3 / 14 + 1 / 3 / 13) / 2 * 100)


def test_the_simple_models_interval_is_the_spread_around_the_running_mean():
    result = forecast(history([12, 15, 11, 14, 13]))
    # each month against the mean of the (up to 3) months before it: 15-12=3, 11-13.5=-2.5, 14-12.667=1.333,
    # 13-13.333=-0.333; rms = sqrt((9 + 6.25 + 1.778 + 0.111) / 4) = 2.0700; 95 %: 1.96 * 2.0700 = 4.057
    sigma = math.sqrt((9 + 6.25 + (4 / 3) ** 2 + (1 / 3) ** 2) / 4)
    first = result.points[0]
    assert first.upper - first.value == pytest.approx(SETTINGS.z * sigma)
    assert first.value - first.lower == pytest.approx(SETTINGS.z * sigma)
    # widened with the square root of the months ahead: month 4 has twice the margin of month 1
    assert result.points[3].upper - result.points[3].value == pytest.approx(2 * SETTINGS.z * sigma)


def test_which_model_a_history_gets_follows_the_data_file():
    assert model_for(5) == Model.MEAN
    assert model_for(6) == Model.TREND
    assert model_for(23) == Model.TREND
    assert model_for(24) == Model.SEASONAL


@pytest.mark.parametrize(("length", "left_out"), [(1, 0), (2, 1), (10, 5), (24, 12), (60, 12)])
def test_the_backtest_leaves_out_twelve_months_or_half_a_shorter_history(length, left_out):
    assert backtest_months(length) == left_out


def test_a_history_of_one_month_has_no_backtest():
    result = forecast(history([14]))
    assert result.backtest.months == 0 and result.backtest.mae is None and result.backtest.mape is None
    assert result.points[0].value == 14


def test_months_left_out_that_were_all_0_give_no_percentage_error():
    result = backtest([5, 6, 4, 0, 0, 0])
    assert result.months == 3 and result.mape is None
    assert result.mae == pytest.approx(5)  # the mean of 5, 6, 4 against three zeros


def test_a_falling_series_is_never_forecast_below_0():
    result = forecast(history([60, 50, 42, 33, 25, 18, 12, 8, 5, 3, 1, 1]))
    assert all(p.lower >= 0 and p.value >= 0 for p in result.points)


def test_a_history_with_a_missing_month_is_refused():
    with pytest.raises(ValueError, match="consecutive"):
        forecast([(date(2026, 1, 1), 5), (date(2026, 3, 1), 6)])


def test_no_history_gives_no_forecast():
    assert forecast([]).points == []


@pytest.mark.parametrize(
    "values",
    [
        [30, 31, 29, 35, 40, 38, 37, 41, 45, 44, 43, 50, 52, 49, 55],
        [50 + 10 * math.sin(2 * math.pi * i / 12) + ((i * 7) % 5 - 2) for i in range(30)],
    ],
)
def test_the_interval_never_narrows_further_ahead(values):
    widths = [p.upper - p.lower for p in forecast(history(values)).points]
    assert all(later >= earlier - 1e-9 for earlier, later in itertools.pairwise(widths))


def test_the_held_out_months_of_a_noisy_seasonal_series_mostly_fall_inside_the_interval():
    values = [50 + 10 * math.sin(2 * math.pi * i / 12) + ((i * 7) % 5 - 2) for i in range(48)]
    result = forecast(history(values[:36]))
    inside = sum(p.lower <= actual <= p.upper for p, actual in zip(result.points, values[36:], strict=True))
    assert inside >= 10  # a 95 % interval: at most one or two of twelve outside


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=20))
def test_every_interval_contains_its_forecast_and_stays_at_or_above_0(values):
    result = forecast(history(values))
    assert len(result.points) == 12
    for point in result.points:
        assert 0 <= point.lower <= point.value <= point.upper
    assert result.backtest.mae is None or result.backtest.mae >= 0


def test_a_data_file_with_an_impossible_season_is_refused(tmp_path: Path):
    text = (Path(__file__).parents[1] / "data" / "forecasts.yaml").read_text()
    bad = tmp_path / "forecasts.yaml"
    bad.write_text(text.replace("seasonal_min_history_months: 24", "seasonal_min_history_months: 12"))
    with pytest.raises(ValueError, match="two full seasons"):
        settings_load(bad)
