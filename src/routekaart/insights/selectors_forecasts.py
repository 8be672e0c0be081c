"""The forecasts of inflow, outflow and caseload per route as figures: the history from the flows (FlowCount), the
twelve forecast months and the backtest error from the refresh (ForecastSeries), with every small group suppressed.

Three rules keep a small count from leaking through a figure that is not itself a count of a group:
- a month of a route counting 1 to 9 residents shows "minder dan 10"; the month's total of all routes too, when the
  suppressed routes together count fewer than 10 (else the total minus the shown routes gives them away);
- caseload is a running total of in minus out: it is shown rounded to tens (`caseload_rounding`), so the difference
  of two months does not give away a suppressed flow;
- a forecast could be traced back to the months it rests on: it rests only on the months after the last suppressed
  month of its series (none when the last month itself was suppressed: then it shows "minder dan 10", as its error
  does), and any forecast number under 10 shows "minder dan 10".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .figures import figure
from .filters import Filters, this_month
from .forecasting import SETTINGS, Model, add_months
from .models import Direction, FlowCount, FlowDimension, ForecastPoint, ForecastSeries
from .suppression import MIN_GROUP
from .tables import SUPPRESSED, Chart, Column, FigureTable

ALL_ROUTES = ""  # the key of all routes together
ROUTE_DIMENSIONS = (FlowDimension.ROUTE, FlowDimension.EXIT_ROUTE)
SERIES = ("inflow", "outflow", "caseload")
SERIES_LABELS = {
    "inflow": gettext_lazy("Instroom"),
    "outflow": gettext_lazy("Uitstroom"),
    "caseload": gettext_lazy("Lopende trajecten"),
}
MODEL_LABELS = {
    Model.SEASONAL: gettext_lazy("Holt-Winters met gedempte trend en seizoenspatroon"),
    Model.TREND: gettext_lazy("Holt-Winters met gedempte trend"),
    Model.MEAN: gettext_lazy("Gemiddelde van de laatste maanden"),
    Model.CONSTANT: gettext_lazy("Gelijk aan de historie (elke maand hetzelfde)"),
}


# -- the history of a route, from the flows ------------------------------------------------------------------------


@dataclass
class RouteHistory:
    """Inflow and outflow of one route (or of all routes, key "") per consecutive month from its first month with
    a flow up to the last complete month; caseload is what is still running at the end of each month."""

    key: str
    label: str
    months: list[date] = field(default_factory=list)
    inflow: list[int] = field(default_factory=list)
    outflow: list[int] = field(default_factory=list)

    @property
    def caseload(self) -> list[int]:
        running, values = 0, []
        for entered, left in zip(self.inflow, self.outflow, strict=True):
            running = max(0, running + entered - left)
            values.append(running)
        return values

    def values(self, series: str) -> list[int]:
        return getattr(self, series)

    def history(self, series: str) -> list[tuple[date, int]]:
        return list(zip(self.months, self.values(series), strict=True))


def _months(first: date, until: date) -> list[date]:
    months, month = [], first
    while month < until:
        months.append(month)
        month = add_months(month, 1)
    return months


def route_histories(rows: Iterable[tuple[str, str, str, date, int]], until: date) -> dict[str, RouteHistory]:
    """Per route and for all routes ("") the history, from rows of (route key, label, direction, month, count)
    before `until` (the first month without complete figures). A month without a flow counts 0."""
    counts: dict[str, dict[tuple[str, date], int]] = defaultdict(lambda: defaultdict(int))
    labels: dict[str, str] = {}
    for key, label, direction, month, number in rows:
        if month >= until:
            continue
        counts[key][direction, month] += number
        counts[ALL_ROUTES][direction, month] += number
        labels[key] = label
    histories = {}
    for key, cells in counts.items():
        months = _months(min(month for _direction, month in cells), until)
        histories[key] = RouteHistory(
            key=key,
            label=labels.get(key) or _("Alle routes"),
            months=months,
            inflow=[cells.get((Direction.IN, month), 0) for month in months],
            outflow=[cells.get((Direction.OUT, month), 0) for month in months],
        )
    return histories


def route_flow_rows(*, until: date, municipality_id: int | None = None, per_municipality: bool = False):
    """The monthly in and out counts per route before `until`, summed over districts and destinations (one query):
    rows of (key, label, direction, month, count), with the municipality first when `per_municipality`. A route is
    any route a resident walks, the school leavers' exit routes (counted by the flows under their own dimension)
    included: route codes are unique across both."""
    queryset = FlowCount.objects.filter(dimension__in=ROUTE_DIMENSIONS, month__lt=until)
    if municipality_id:
        queryset = queryset.filter(municipality_id=municipality_id)
    fields = ["key", "label", "direction", "month"]
    if per_municipality:
        fields.insert(0, "municipality_id")
    return queryset.values_list(*fields).annotate(total=Sum("count")).order_by(*fields)


# -- what may be shown ---------------------------------------------------------------------------------------------


def _small(value: float | int | Decimal) -> bool:
    return 0 < value < MIN_GROUP


def rounded(value: float | int | Decimal, step: int) -> Decimal:
    """`value` rounded half up to a multiple of `step`."""
    return (Decimal(str(value)) / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step


def shown_history(histories: dict[str, RouteHistory]) -> dict[tuple[str, str], dict[date, Any]]:
    """Per (route, series) the monthly cells as they may be shown: a count, or SUPPRESSED."""
    cells: dict[tuple[str, str], dict[date, Any]] = {}
    step = SETTINGS.caseload_rounding
    for key, history in histories.items():
        for series in ("inflow", "outflow"):
            cells[key, series] = {
                month: SUPPRESSED if _small(value) else value for month, value in history.history(series)
            }
        cells[key, "caseload"] = {
            month: SUPPRESSED if _small(value) else rounded(value, step) for month, value in history.history("caseload")
        }
    if ALL_ROUTES in histories:
        for series in ("inflow", "outflow"):
            hidden: dict[date, int] = defaultdict(int)
            for key, history in histories.items():
                if key != ALL_ROUTES:
                    for month, value in history.history(series):
                        if _small(value):
                            hidden[month] += value
            total = cells[ALL_ROUTES, series]
            for month, value in hidden.items():
                if _small(value):
                    total[month] = SUPPRESSED
    return cells


def forecastable(history: list[tuple[date, int]], cells: dict[date, Any]) -> list[tuple[date, int]]:
    """The months a forecast may rest on: those after the last month shown as "minder dan 10" (`cells` from
    `shown_history`), so that no forecast can be traced back to a small group; empty when the last month was one."""
    last = max((index for index, (month, _value) in enumerate(history) if cells.get(month) is SUPPRESSED), default=-1)
    return history[last + 1 :]


def shown_forecast(value: Decimal, series: str) -> Any:
    if _small(value):
        return SUPPRESSED
    if series == "caseload":
        return rounded(value, SETTINGS.caseload_rounding)
    return value


def one_decimal(value: Decimal) -> Decimal:
    """An error as shown: one decimal, rounded half up (Django's number format would cut off, not round)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def error_sentence(series: ForecastSeries | None, suppressed: bool) -> str:
    """The backtest in plain Dutch."""
    if suppressed:
        return _("Geen cijfer: deze reeks telde in de laatste maand minder dan 10 inwoners.")
    if series is None or series.mae is None:
        return _("Te weinig historie om deze prognose op het verleden te toetsen.")
    sentence = _(
        "Op de afgelopen %(months)s maanden zat deze prognose gemiddeld %(mae)s per maand naast de werkelijkheid"
    ) % {"months": series.backtest_months, "mae": number_format(one_decimal(series.mae), 1)}
    if series.mape is not None:
        sentence += _(" (gemiddeld %(mape)s %%).") % {"mape": number_format(one_decimal(series.mape), 1)}
    else:
        sentence += "."
    return sentence


# -- the figures ---------------------------------------------------------------------------------------------------


@dataclass
class ForecastData:
    """Everything the forecast page shows for one municipality (or all): read in three queries."""

    filters: Filters
    start: date  # the first forecast month (the first month without complete figures)
    made_on: date | None
    histories: dict[str, RouteHistory]
    cells: dict[tuple[str, str], dict[date, Any]]
    series: dict[tuple[str, str], ForecastSeries]

    def routes(self) -> list[tuple[str, str]]:
        """(key, label) of all routes together first, then each route by name."""
        labels = {key: history.label for key, history in self.histories.items()}
        labels.update({key: row.label for (key, _series), row in self.series.items()})
        others = sorted(((key, label) for key, label in labels.items() if key != ALL_ROUTES), key=lambda r: r[1])
        return [(ALL_ROUTES, str(_("Alle routes"))), *others]

    def suppressed(self, key: str, series: str) -> bool:
        """Whether the forecast shows no number: none was made because the last month was a small group, or (the
        flows corrected since) one of the months it rests on is a small group now."""
        cells = list(self.cells.get((key, series), {}).values())
        stored = self.series.get((key, series))
        rested_on = cells[max(0, len(cells) - stored.history_months) :] if stored else cells[-1:]
        return any(value is SUPPRESSED for value in rested_on)


def forecast_data(filters: Filters) -> ForecastData:
    """The forecasts for the filters' municipality (all municipalities when none): the series of the last refresh,
    its points, and the history of the flows up to the month it was made."""
    queryset = ForecastSeries.objects.filter(municipality_id=filters.municipality_id).prefetch_related(
        Prefetch("points", queryset=ForecastPoint.objects.order_by("month"))
    )
    series = {(row.series, row.key): row for row in queryset}
    made_on = max((row.made_on for row in series.values()), default=None)
    start = made_on.replace(day=1) if made_on else this_month()
    rows = route_flow_rows(until=start, municipality_id=filters.municipality_id)
    histories = route_histories(rows, start)
    return ForecastData(
        filters=filters,
        start=start,
        made_on=made_on,
        histories=histories,
        cells=shown_history(histories),
        series={(key, name): row for (name, key), row in series.items()},
    )


def _rows(data: ForecastData, key: str, label: str, name: str) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [
        (label, month, value, None, None, None)
        for month, value in data.cells.get((key, name), {}).items()
        if data.filters.month_from <= month <= data.filters.month_to
    ]
    stored = data.series.get((key, name))
    hidden = data.suppressed(key, name)
    if stored is None:
        if hidden:
            rows += [
                (label, add_months(data.start, step), None, *[SUPPRESSED] * 3)
                for step in range(SETTINGS.horizon_months)
            ]
        return rows
    for point in stored.points.all():
        if hidden:
            rows.append((label, point.month, None, SUPPRESSED, SUPPRESSED, SUPPRESSED))
        else:
            rows.append(
                (
                    label,
                    point.month,
                    None,
                    shown_forecast(point.value, name),
                    shown_forecast(point.lower, name),
                    shown_forecast(point.upper, name),
                )
            )
    return rows


def forecast_table(data: ForecastData, name: str, route: str | None = None) -> FigureTable:
    """One series as a figure: one route's (charted) or every route's (the download) history in the period and
    its twelve forecast months with their interval."""
    routes = [(key, label) for key, label in data.routes() if route is None or key == route]
    interval = SETTINGS.interval_percent
    note = _(
        "Werkelijk: %(what)s per maand uit de stroomcijfers. Prognose: de verwachting met het %(interval)s%%-"
        "voorspelinterval (ondergrens, bovengrens). Groepen onder de 10 inwoners tonen geen getal. Een prognose "
        "rust alleen op de maanden na de laatste maand met minder dan 10 inwoners."
    ) % {"what": str(SERIES_LABELS[name]).lower(), "interval": interval}
    if name == "caseload":
        note += " " + _("Lopende trajecten zijn instroom min uitstroom opgeteld, afgerond op tientallen.")
    if route is None:
        note += " " + _("Elke route staat in de tabel, alle routes samen eerst.")
    return FigureTable(
        code=f"forecast_{name}",
        title=_("Prognose %(series)s") % {"series": str(SERIES_LABELS[name]).lower()},
        columns=[
            Column("route", _("Route")),
            Column("month", _("Maand"), "month"),
            Column("actual", _("Werkelijk"), "count"),
            Column("forecast", _("Prognose"), "number"),
            Column("lower", _("Ondergrens"), "number"),
            Column("upper", _("Bovengrens"), "number"),
        ],
        rows=[row for key, label in routes for row in _rows(data, key, label, name)],
        chart=Chart("line", "month", ("actual", "forecast", "lower", "upper"), _("Aantal"))
        if route is not None
        else None,
        note=note,
    )


def error_table(data: ForecastData, route: str | None = None) -> FigureTable:
    """How far off each forecast method was on the past (the backtest), per route and series."""
    rows = []
    for key, label in data.routes():
        if route is not None and key != route:
            continue
        for name in SERIES:
            stored = data.series.get((key, name))
            hidden = data.suppressed(key, name)
            mae = mape = SUPPRESSED if hidden else None
            if stored is not None:
                mae = None if stored.mae is None else one_decimal(stored.mae)
                mape = None if stored.mape is None else one_decimal(stored.mape)
                mae, mape = (SUPPRESSED, SUPPRESSED) if hidden else (mae, mape)
            rows.append(
                (
                    label,
                    str(SERIES_LABELS[name]),
                    str(MODEL_LABELS.get(stored.model, stored.model)) if stored else None,
                    stored.history_months if stored else None,
                    stored.backtest_months if stored else None,
                    mae,
                    mape,
                    error_sentence(stored, hidden),
                )
            )
    return FigureTable(
        code="forecast_error",
        title=_("Hoe goed waren de prognoses op het verleden?"),
        columns=[
            Column("route", _("Route")),
            Column("series", _("Reeks")),
            Column("model", _("Methode")),
            Column("history_months", _("Maanden historie"), "number"),
            Column("backtest_months", _("Maanden getoetst"), "number"),
            Column("mae", _("Gemiddeld ernaast per maand"), "number"),
            Column("mape", _("Gemiddeld ernaast in procenten"), "percent"),
            Column("explanation", _("Uitleg")),
        ],
        rows=rows,
        note=_(
            "De methode is opnieuw berekend zonder de laatste maanden (12, of de helft van de historie als die "
            "korter is) en vergeleken met wat er toen werkelijk gebeurde."
        ),
    )


@figure("forecast_inflow")
def forecast_inflow(filters: Filters) -> FigureTable:
    return forecast_table(forecast_data(filters), "inflow")


@figure("forecast_outflow")
def forecast_outflow(filters: Filters) -> FigureTable:
    return forecast_table(forecast_data(filters), "outflow")


@figure("forecast_caseload")
def forecast_caseload(filters: Filters) -> FigureTable:
    return forecast_table(forecast_data(filters), "caseload")


@figure("forecast_error")
def forecast_error(filters: Filters) -> FigureTable:
    return error_table(forecast_data(filters))
