"""The flows figures (instroom en uitstroom, the Sankey between routes, caseload), read from the precomputed tables
only: one query per figure, whatever the size of the network. Every count of fewer than 10 residents (households
for the caseload) is shown as "minder dan 10" (`SUPPRESSED`), and where a table has a total, the smallest other
count of a column with one suppressed cell is suppressed too, so the total (in the note, not a row the chart would
draw as one more bar) cannot give it away.

Codes: `flows_<dimension>` (per route, instrument, …: in and out over the period),
`flows_<dimension>_month` and `flows_<dimension>_year` (in and out per month or year), `flows_destinations`
(where the residents who left went), `sankey`, `caseload_team`, `caseload_coordinator` (the latest month) and
`caseload_trend` (households per month).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Max, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..routes import selectors_facts_flows as route_facts
from .figures import figure
from .filters import Filters
from .models import CaseloadCount, Direction, FlowCount, FlowDimension, TransitionCount
from .refresh import SETTINGS
from .suppression import TOO_FEW, is_suppressed
from .tables import SUPPRESSED, Chart, Column, FigureTable

DIMENSIONS = tuple(FlowDimension)
CASELOAD_TREND_MONTHS = int(SETTINGS["caseload_trend_months"])

NOTE_FLOWS = _(
    "Instroom: inwoners die in de maand begonnen; uitstroom: inwoners die in de maand stopten. Aantallen onder "
    "de 10 tonen we niet. Wijk: de wijk van het huidige adres. Bron: de trajecten, inzet, voorzieningen, "
    "toewijzingen, bijstand en regie van het netwerk, ververst volgens het schema van de achtergrondtaken."
)
NOTE_TEAM = _("Teams hebben geen wijk: met een gekozen wijk tonen we geen teamcijfers.")
NOTE_SANKEY = _(
    "Van aanmelding naar de eerste route, van route naar route (overstap) en van route naar bestemming (afgerond). "
    "Stromen van minder dan 10 inwoners tonen we niet en tekenen we niet."
)
NOTE_CASELOAD = _(
    "Huishoudens met een regisseur op de eerste dag van de maand, per team en per regisseur (een medewerker). "
    "Groepen van minder dan 10 huishoudens tonen we niet."
)

TITLES = {
    FlowDimension.ROUTE: _("Instroom en uitstroom per route"),
    FlowDimension.DESTINATION: _("Aankomst per bestemming"),
    FlowDimension.EXIT_ROUTE: _("Instroom en uitstroom per uitstroomroute"),
    FlowDimension.INSTRUMENT: _("Instroom en uitstroom per instrument"),
    FlowDimension.CLUSTER: _("Instroom en uitstroom per cluster van voorzieningen"),
    FlowDimension.TEAM: _("Instroom en uitstroom per team"),
    FlowDimension.PROVIDER: _("Instroom en uitstroom per aanbieder"),
    FlowDimension.BENEFIT: _("Instroom en uitstroom in de bijstand"),
}


def shown(value: int) -> Any:
    """A count as it may be shown: SUPPRESSED under 10 (zero stays zero: nobody to protect)."""
    return SUPPRESSED if is_suppressed(value) else value


def _suppress_column(values: list[int]) -> list[Any]:
    """A column that has a total: its small counts suppressed and, when exactly one is, the next smallest too."""
    cells: list[Any] = [shown(value) for value in values]
    hidden = [i for i, cell in enumerate(cells) if cell is SUPPRESSED]
    if len(hidden) == 1:
        others = [i for i, cell in enumerate(cells) if cell is not SUPPRESSED and values[i] > 0]
        if others:
            cells[min(others, key=lambda i: values[i])] = SUPPRESSED
    return cells


def _with_totals(labels: list[Any], columns: list[list[int]]) -> tuple[list[tuple], list[Any]]:
    """Rows of `labels` and count `columns` (each suppressed as a column with a total), and the shown totals."""
    cells = [_suppress_column(column) for column in columns]
    rows = [(label, *(column[i] for column in cells)) for i, label in enumerate(labels)]
    return rows, [shown(sum(column)) for column in columns]


def _shown_text(value: Any) -> str:
    return str(TOO_FEW) if value is SUPPRESSED else number_format(value, force_grouping=True)


def _counted(
    *, code: str, title: Any, columns: list[Column], labels: list[Any], counts: list[list[int]], chart: Chart, note: Any
) -> FigureTable:
    """A table of counts per label, its totals in the note (a total row would be drawn as one more bar)."""
    rows, totals = _with_totals(labels, counts)
    if rows:
        pairs = zip(columns[1:], totals, strict=True)
        parts = [f"{str(column.label).lower()} {_shown_text(total)}" for column, total in pairs]
        note = f"{gettext('Totaal')}: {', '.join(parts)}. {note}"
    return FigureTable(code=code, title=title, columns=columns, rows=rows, chart=chart, note=note)


def _flows(filters: Filters, dimension: str):
    rows = filters.apply(FlowCount.objects.filter(dimension=dimension), district=dimension != FlowDimension.TEAM)
    if filters.district_id and dimension == FlowDimension.TEAM:
        rows = rows.none()
    return rows


def _dimension_note(dimension: str):
    return f"{NOTE_FLOWS} {NOTE_TEAM}" if dimension == FlowDimension.TEAM else NOTE_FLOWS


def flows_per_key(filters: Filters, dimension: str) -> FigureTable:
    """In and out per key of `dimension` over the period, with the total: one query."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {Direction.IN: 0, Direction.OUT: 0})
    labels: dict[str, str] = {}
    grouped = _flows(filters, dimension).values("key", "label", "direction").annotate(n=Sum("count")).order_by()
    for row in grouped:
        counts[row["key"]][row["direction"]] += row["n"]
        labels.setdefault(row["key"], row["label"])
    keys = sorted(counts, key=lambda key: (-counts[key][Direction.IN] - counts[key][Direction.OUT], labels[key]))
    return _counted(
        code=f"flows_{dimension}",
        title=TITLES[dimension],
        columns=[
            Column("label", FlowDimension(dimension).label),
            Column("in", _("Instroom"), "count"),
            Column("out", _("Uitstroom"), "count"),
        ],
        labels=[labels[key] for key in keys],
        counts=[[counts[key][Direction.IN] for key in keys], [counts[key][Direction.OUT] for key in keys]],
        chart=Chart(kind="bar", x="label", series=("in", "out"), y_label=_("inwoners")),
        note=_dimension_note(dimension),
    )


def _period(value: date, per: str) -> Any:
    return value if per == "month" else value.year


def flows_per_period(filters: Filters, dimension: str, per: str) -> FigureTable:
    """In and out of all keys of `dimension` per month (or year) of the period: one query."""
    counts: dict[Any, dict[str, int]] = defaultdict(lambda: {Direction.IN: 0, Direction.OUT: 0})
    for row in _flows(filters, dimension).values("month", "direction").annotate(n=Sum("count")).order_by():
        counts[_period(row["month"], per)][row["direction"]] += row["n"]
    periods = sorted(counts)
    per_month = per == "month"
    title = _("%(title)s, per maand") if per_month else _("%(title)s, per jaar")
    return _counted(
        code=f"flows_{dimension}_{per}",
        title=title % {"title": TITLES[dimension]},
        columns=[
            Column("period", _("Maand") if per_month else _("Jaar"), "month" if per_month else "text"),
            Column("in", _("Instroom"), "count"),
            Column("out", _("Uitstroom"), "count"),
        ],
        labels=periods,
        counts=[[counts[p][Direction.IN] for p in periods], [counts[p][Direction.OUT] for p in periods]],
        chart=Chart(kind="bar", x="period", series=("in", "out"), y_label=_("inwoners")),
        note=_dimension_note(dimension),
    )


def flows_destinations(filters: Filters) -> FigureTable:
    """Where the residents who left a route went: one row per route, one column per destination: one query."""
    labels = route_facts.destination_labels()
    grouped = (
        filters.apply(FlowCount.objects.filter(dimension=FlowDimension.ROUTE, direction=Direction.OUT))
        .values("label", "destination")
        .annotate(n=Sum("count"))
        .order_by("label", "destination")
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in grouped:
        counts[row["label"]][row["destination"] or "unknown"] = row["n"]
    destinations = sorted({destination for per_route in counts.values() for destination in per_route})
    routes = sorted(counts)
    columns = [[counts[route].get(destination, 0) for route in routes] for destination in destinations]
    return _counted(
        code="flows_destinations",
        title=_("Uitstroom per route en bestemming"),
        columns=[
            Column("route", _("Route")),
            *(
                Column(destination, str(labels.get(destination, gettext("Onbekend"))), "count")
                for destination in destinations
            ),
        ],
        labels=routes,
        counts=columns,
        chart=Chart(kind="stacked_bar", x="route", series=tuple(destinations), y_label=_("inwoners")),
        note=NOTE_FLOWS,
    )


def sankey(filters: Filters) -> FigureTable:
    """The links between start, routes and destinations over the period: one query. A node's label says its
    kind when a route and a destination share a name, so the diagram never draws one node for both."""
    grouped = (
        filters.apply(TransitionCount.objects.all())
        .values("source_kind", "source_label", "target_kind", "target_label")
        .annotate(n=Sum("count"))
        .order_by("-n", "source_label", "target_label")
    )
    links = list(grouped)
    kinds: dict[str, set[str]] = defaultdict(set)
    for link in links:
        kinds[link["source_label"]].add(link["source_kind"])
        kinds[link["target_label"]].add(link["target_kind"])

    def node(label: str, kind: str) -> str:
        return f"{label} ({gettext('bestemming')})" if len(kinds[label]) > 1 and kind == "destination" else label

    return FigureTable(
        code="sankey",
        title=_("Stromen tussen routes en bestemmingen"),
        columns=[Column("source", _("Van")), Column("target", _("Naar")), Column("count", _("Inwoners"), "count")],
        rows=[
            (
                node(link["source_label"], link["source_kind"]),
                node(link["target_label"], link["target_kind"]),
                shown(link["n"]),
            )
            for link in links
        ],
        chart=Chart(kind="sankey", x="source", series=("target", "count")),
        note=NOTE_SANKEY,
    )


def _caseload(filters: Filters):
    return filters.apply(CaseloadCount.objects.all(), district=False)


def latest_month(filters: Filters) -> date | None:
    """The last month of the period with a caseload count (the 'now' of the caseload figures)."""
    return _caseload(filters).aggregate(last=Max("month"))["last"]


def _month_title(dated: Any, plain: Any, month: date | None) -> Any:
    return dated % {"month": month.strftime("%Y-%m")} if month else plain


def caseload_team(filters: Filters, month: date | None = None) -> FigureTable:
    """Households per team on the first day of the latest month of the period (or `month`): one or two queries."""
    month = month or latest_month(filters)
    grouped = (
        _caseload(filters).filter(month=month).values("team_id", "team__name").annotate(n=Sum("households")).order_by()
    )
    rows = sorted(grouped, key=lambda row: (-row["n"], row["team__name"] or ""))
    return _counted(
        code="caseload_team",
        title=_month_title(_("Caseload per team op %(month)s"), _("Caseload per team"), month),
        columns=[Column("team", _("Team")), Column("households", _("Huishoudens"), "count")],
        labels=[row["team__name"] or gettext("Geen team") for row in rows],
        counts=[[row["n"] for row in rows]],
        chart=Chart(kind="bar", x="team", series=("households",), y_label=_("huishoudens")),
        note=NOTE_CASELOAD,
    )


def _staff_name(row: dict) -> str:
    name = " ".join(part for part in (row["coordinator__first_name"], row["coordinator__last_name"]) if part)
    return name or row["coordinator__username"] or gettext("Geen regisseur (het hele team)")


def caseload_coordinator(filters: Filters, month: date | None = None) -> FigureTable:
    """Households per coordinator (a staff member) on the first day of the latest month: one or two queries."""
    month = month or latest_month(filters)
    grouped = (
        _caseload(filters)
        .filter(month=month)
        .values(
            "coordinator_id", "coordinator__first_name", "coordinator__last_name", "coordinator__username", "team__name"
        )
        .annotate(n=Sum("households"))
        .order_by()
    )
    rows = sorted(grouped, key=lambda row: (-row["n"], _staff_name(row)))
    return FigureTable(
        code="caseload_coordinator",
        title=_month_title(_("Caseload per regisseur op %(month)s"), _("Caseload per regisseur"), month),
        columns=[
            Column("coordinator", _("Regisseur")),
            Column("team", _("Team")),
            Column("households", _("Huishoudens"), "count"),
        ],
        rows=[(_staff_name(row), row["team__name"] or "-", shown(row["n"])) for row in rows],
        chart=Chart(kind="bar", x="coordinator", series=("households",), y_label=_("huishoudens")),
        note=NOTE_CASELOAD,
    )


def caseload_trend(filters: Filters) -> FigureTable:
    """Households with a coordinator per month, the last months of the period: one query."""
    grouped = (
        _caseload(filters).values("month").annotate(n=Sum("households")).order_by("-month")[:CASELOAD_TREND_MONTHS]
    )
    rows = [(row["month"], shown(row["n"])) for row in reversed(list(grouped))]
    return FigureTable(
        code="caseload_trend",
        title=_("Caseload per maand"),
        columns=[Column("month", _("Maand"), "month"), Column("households", _("Huishoudens"), "count")],
        rows=rows,
        chart=Chart(kind="line", x="month", series=("households",), y_label=_("huishoudens")),
        note=NOTE_CASELOAD,
    )


def _register() -> None:
    for dimension in DIMENSIONS:
        figure(f"flows_{dimension}")(lambda filters, d=dimension: flows_per_key(filters, d))
        for per in ("month", "year"):
            figure(f"flows_{dimension}_{per}")(lambda filters, d=dimension, p=per: flows_per_period(filters, d, p))
    figure("flows_destinations")(flows_destinations)
    figure("sankey")(sankey)
    figure("caseload_team")(caseload_team)
    figure("caseload_coordinator")(caseload_coordinator)
    figure("caseload_trend")(caseload_trend)


_register()
