"""The refresh step of the forecasts: after the flows, forecast inflow, outflow and caseload of every route and of
all routes together, per municipality and for all, twelve months ahead, each with its backtest.

The history ends with the last complete month before `ctx.as_of` (a month still running would look like a drop), so
a forecast changes only when a month completes: an incremental refresh makes them once a month, a full refresh
always; either replaces all of them (cheaper than working out which changed). A series whose last month counted
fewer than 10 residents gets no forecast: it would never be shown (`selectors_forecasts.forecastable`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from ..core import limits
from .forecasting import forecast
from .models import ForecastPoint, ForecastSeries
from .refresh import RefreshContext
from .selectors_forecasts import SERIES, forecastable, route_flow_rows, route_histories, shown_history

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")


def _decimal(value: float, places: Decimal, high: Decimal) -> Decimal:
    return min(Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP), high)


def refresh(ctx: RefreshContext) -> int:
    """Replace every forecast; the rows written (series and points)."""
    until = ctx.as_of.replace(day=1)
    if not ctx.full and ForecastSeries.objects.filter(made_on__gte=until).exists():
        return 0  # made this month already: no month has completed since (the weekly full refresh takes corrections)
    per_municipality: dict[int | None, list] = defaultdict(list)
    for municipality_id, *row in route_flow_rows(until=until, per_municipality=True):
        per_municipality[None].append(row)  # all municipalities, the unknown one included
        if municipality_id is not None:
            per_municipality[municipality_id].append(row)
    ForecastSeries.objects.all().delete()
    amount_high = Decimal(limits.AMOUNT.high)
    series_rows, point_rows = [], []
    for municipality_id, rows in per_municipality.items():
        histories = route_histories(rows, until)
        cells = shown_history(histories)
        for key, history in histories.items():
            for name in SERIES:
                result = forecast(forecastable(history.history(name), cells[key, name]))
                if not result.points:
                    continue
                row = ForecastSeries(
                    series=name,
                    key=key,
                    label=history.label,
                    municipality_id=municipality_id,
                    model=result.model,
                    history_months=result.history_months,
                    backtest_months=result.backtest.months,
                    mae=None if result.backtest.mae is None else _decimal(result.backtest.mae, HUNDREDTH, amount_high),
                    mape=None
                    if result.backtest.mape is None
                    else _decimal(result.backtest.mape, TENTH, Decimal("999999")),
                    made_on=ctx.as_of,
                )
                series_rows.append(row)
                for point in result.points:
                    value = _decimal(point.value, TENTH, amount_high)
                    point_rows.append(
                        ForecastPoint(
                            series=row,
                            month=point.month,
                            value=value,
                            lower=min(value, _decimal(point.lower, TENTH, amount_high)),
                            upper=max(value, _decimal(point.upper, TENTH, amount_high)),
                        )
                    )
    ForecastSeries.objects.bulk_create(limits.checked(series_rows), batch_size=500)
    ForecastPoint.objects.bulk_create(limits.checked(point_rows), batch_size=1000)
    return len(series_rows) + len(point_rows)
