"""Twelve-month forecasts of a monthly count, with the error the same method made on the past.

A forecast is only as good as its record: every forecast here comes with a backtest, the same method refitted on
the history without its last months and compared with what then happened (MAE and MAPE), so the page can say in
plain Dutch how far off it was. The method is a well-kept library's (statsmodels' Holt-Winters exponential
smoothing, additive damped trend, seasonal once two years of history exist); a history too short for it gets a
documented simple model, the mean of the last months. Every number of the method is data (data/forecasts.yaml).

Pure functions on lists of (month, value): no database, deterministic (the fit is a deterministic optimisation).
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import yaml
from dateutil.relativedelta import relativedelta

DATA = Path(__file__).parent / "data" / "forecasts.yaml"


@dataclass(frozen=True)
class Settings:
    """The numbers of the method (data/forecasts.yaml)."""

    horizon_months: int
    min_history_months: int
    simple_window_months: int
    seasonal_min_history_months: int
    season_length_months: int
    damped_trend: bool
    backtest_months: int
    interval_percent: int
    caseload_rounding: int
    source: str

    @property
    def z(self) -> float:
        """The normal quantile of the two-sided interval (1.96 for 95 %)."""
        return NormalDist().inv_cdf(0.5 + self.interval_percent / 200)


def settings_load(path: Path = DATA) -> Settings:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings = Settings(**{name: data[name] for name in Settings.__dataclass_fields__})
    if not 1 <= settings.simple_window_months <= settings.min_history_months <= settings.seasonal_min_history_months:
        raise ValueError("forecasts.yaml: need 1 <= simple window <= min history <= seasonal min history")
    if settings.seasonal_min_history_months < 2 * settings.season_length_months:
        raise ValueError("forecasts.yaml: a seasonal pattern needs two full seasons of history")
    if not 0 < settings.interval_percent < 100 or settings.horizon_months < 1 or settings.backtest_months < 1:
        raise ValueError("forecasts.yaml: interval, horizon and backtest must be positive")
    return settings


SETTINGS = settings_load()


class Model:
    """The models a forecast can have been made with (stored in ForecastSeries.model)."""

    SEASONAL = "holt_winters_seasonal"  # damped trend + 12-month seasonal pattern
    TREND = "holt_damped_trend"  # damped trend, no seasonal pattern (less than two years of history)
    MEAN = "mean_last_months"  # the simple model for a short history
    CONSTANT = "constant"  # every month of the history the same: it forecasts itself


@dataclass(frozen=True)
class Point:
    month: date
    value: float
    lower: float
    upper: float


@dataclass(frozen=True)
class Backtest:
    """The error on the last `months` of the history of the same method fitted without them; None when the history
    is too short to leave any out (MAE) or every month left out was 0 (MAPE)."""

    months: int
    mae: float | None
    mape: float | None


@dataclass(frozen=True)
class Forecast:
    model: str
    history_months: int
    points: list[Point]
    backtest: Backtest


def add_months(month: date, months: int) -> date:
    return month + relativedelta(months=months)


def _check_consecutive(history: Sequence[tuple[date, float]]) -> None:
    for (earlier, _), (later, _) in itertools.pairwise(history):
        if later != add_months(earlier, 1) or later.day != 1:
            raise ValueError("a forecast needs consecutive months (fill a month without figures with 0)")


def model_for(length: int, settings: Settings = SETTINGS) -> str:
    """Which model a history of `length` months gets."""
    if length >= settings.seasonal_min_history_months:
        return Model.SEASONAL
    if length >= settings.min_history_months:
        return Model.TREND
    return Model.MEAN


def _mean_model(values: np.ndarray, horizon: int, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The simple model: every month ahead is the mean of the last `simple_window_months`. Its spread is that of
    each month around the mean of the months before it, widened with the square root of the months ahead (as for a
    random walk: on a history this short, better too wide than too narrow)."""
    window = settings.simple_window_months
    mean = float(values[-window:].mean())
    errors = [values[i] - values[max(0, i - window) : i].mean() for i in range(1, len(values))]
    sigma = math.sqrt(sum(e * e for e in errors) / len(errors)) if errors else 0.0
    steps = np.arange(1, horizon + 1)
    return np.full(horizon, mean), sigma * np.sqrt(steps)


def _holt_winters(
    values: np.ndarray, horizon: int, seasonal: bool, settings: Settings
) -> tuple[np.ndarray, np.ndarray]:
    """Holt-Winters (statsmodels) and the standard deviation of the error h months ahead: sigma of the one-step
    errors times sqrt(1 + sum of c_j squared), c_j = alpha (1 + beta phi_j) + gamma [j a whole season], the class 1
    formula of Hyndman & Athanasopoulos (FPP3, table 8.8; statsmodels' beta is the Holt form beta*)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    season = settings.season_length_months
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence notes of the optimiser: the backtest says how good it is
        fit = ExponentialSmoothing(
            values,
            trend="add",
            damped_trend=settings.damped_trend,
            seasonal="add" if seasonal else None,
            seasonal_periods=season if seasonal else None,
            initialization_method="estimated",
        ).fit(method="least_squares")  # the same fit as the default L-BFGS-B on our series, measured 4x faster
        mean = np.asarray(fit.forecast(horizon), dtype=float)
    residuals = values - np.asarray(fit.fittedvalues, dtype=float)
    # the spread of the one-step errors, corrected for the parameters fitted on the same months (FPP3 8.7: SSE
    # over T - k), so that a model with many parameters on a short history does not look surer than it is
    fitted = 4 + int(settings.damped_trend) + (1 + season if seasonal else 0)  # alpha, beta, l0, b0; phi; gamma, s0..
    sigma = float(np.sqrt(np.sum(residuals**2) / max(1, len(values) - fitted)))
    params = fit.params
    alpha = float(params["smoothing_level"])
    beta = float(params.get("smoothing_trend") or 0.0)
    gamma = float(params.get("smoothing_seasonal") or 0.0) if seasonal else 0.0
    phi = float(params.get("damping_trend") or 1.0) if settings.damped_trend else 1.0
    spread = []
    total, phi_j = 1.0, 0.0
    for h in range(1, horizon + 1):
        spread.append(sigma * math.sqrt(total))
        phi_j += phi**h
        c = alpha * (1 + beta * phi_j) + (gamma if h % season == 0 else 0.0)
        total += c * c
    return mean, np.asarray(spread)


def predict(values: Sequence[float], horizon: int, settings: Settings = SETTINGS) -> tuple[str, np.ndarray, np.ndarray]:
    """The model used, the expected values and the standard deviation of the error for `horizon` months after
    `values` (at least one month). Expected values are never below 0 (a count)."""
    array = np.asarray(values, dtype=float)
    if len(array) == 0:
        raise ValueError("a forecast needs at least one month of history")
    if np.all(array == array[0]):
        return Model.CONSTANT, np.full(horizon, array[0]), np.zeros(horizon)
    model = model_for(len(array), settings)
    if model == Model.MEAN:
        mean, spread = _mean_model(array, horizon, settings)
    else:
        mean, spread = _holt_winters(array, horizon, model == Model.SEASONAL, settings)
    if not np.all(np.isfinite(mean)):  # a fit that failed outright: fall back on the documented simple model
        model = Model.MEAN
        mean, spread = _mean_model(array, horizon, settings)
    return model, np.clip(mean, 0, None), np.nan_to_num(spread)


def backtest_months(length: int, settings: Settings = SETTINGS) -> int:
    """How many of the last months the backtest leaves out: `backtest_months`, or half the history when shorter."""
    return min(settings.backtest_months, length // 2)


def backtest(values: Sequence[float], settings: Settings = SETTINGS) -> Backtest:
    """Refit on the history without its last N months, forecast those N and compare: the mean absolute error (in
    residents a month) and the mean absolute percentage error over the months that were not 0."""
    months = backtest_months(len(values), settings)
    if months == 0:
        return Backtest(0, None, None)
    train, actual = list(values[:-months]), np.asarray(values[-months:], dtype=float)
    _model, expected, _spread = predict(train, months, settings)
    errors = np.abs(actual - expected)
    nonzero = actual != 0
    mape = float(np.mean(errors[nonzero] / actual[nonzero]) * 100) if nonzero.any() else None
    return Backtest(months, float(np.mean(errors)), mape)


def forecast(history: Sequence[tuple[date, float]], settings: Settings = SETTINGS) -> Forecast:
    """The next `horizon_months` after the last month of `history` (consecutive first-of-month dates), each with
    its prediction interval (never below 0), and the backtest of the same method."""
    _check_consecutive(history)
    values = [float(value) for _month, value in history]
    if not values:
        return Forecast("", 0, [], Backtest(0, None, None))
    horizon = settings.horizon_months
    model, mean, spread = predict(values, horizon, settings)
    half = settings.z * spread
    last = history[-1][0]
    points = [
        Point(
            month=add_months(last, step + 1),
            value=float(mean[step]),
            lower=float(max(0.0, mean[step] - half[step])),
            upper=float(mean[step] + half[step]),
        )
        for step in range(horizon)
    ]
    return Forecast(model, len(values), points, backtest(values, settings))
