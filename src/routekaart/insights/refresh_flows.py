"""The flows step of the refresh: FlowCount (in and out per route, exit route, destination, instrument, cluster,
team, provider and the benefit), TransitionCount (the Sankey's links) and CaseloadCount (households per team and
coordinator on the first day of each month), from the owners' fact selectors.

The owners count in SQL (one grouped query per dimension and direction); this step merges their rows and writes
them. The caseload is counted here, in DuckDB in memory: one extract of coordination periods (ids and dates) joined
with the months, instead of one query per month (see `caseload_count`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import duckdb
import pyarrow as pa
from django.utils.translation import gettext

from ..access import selectors_facts_flows as access_facts
from ..catalog import selectors as catalog_selectors
from ..income import selectors_facts_flows as income_facts
from ..participation import selectors_facts_flows as participation_facts
from ..providers import selectors_facts_flows as provider_facts
from ..residents import selectors_facts_flows as resident_facts
from ..routes import selectors_facts_flows as route_facts
from .models import CaseloadCount, Direction, FlowCount, FlowDimension, TransitionCount
from .refresh import EARLIEST_MONTH, RefreshContext

BENEFIT_KEY = "bijstand"
EXIT_KIND = "exit"  # routes.RouteKind.EXIT: an exit route is counted under its own dimension

_FlowKey = tuple[str, str, str, str, date, int | None, int | None]  # dimension, key, direction, destination, …


def _month(value) -> date:
    return date(value.year, value.month, 1)


class _Flows:
    """FlowCount rows being gathered: counts of one key summed (the owners' groups are already distinct)."""

    def __init__(self) -> None:
        self.counts: dict[_FlowKey, int] = defaultdict(int)
        self.labels: dict[tuple[str, str], str] = {}

    def add(self, dimension: str, direction: str, rows: Iterable[dict], *, labels: dict | None = None) -> None:
        for row in rows:
            key = str(row.get("key", BENEFIT_KEY))
            label = (labels or {}).get(key) or row.get("label") or key
            self.labels.setdefault((dimension, key), str(label))
            month = _month(row["month"])
            place = (row.get("municipality_id"), row.get("district_id"))
            self.counts[(dimension, key, direction, row.get("destination") or "", month, *place)] += row["n"]

    def objects(self) -> list[FlowCount]:
        return [
            FlowCount(
                dimension=dimension,
                key=key[:100],
                label=self.labels[(dimension, key)][:200],
                direction=direction,
                destination=destination[:100],
                month=month,
                municipality_id=municipality,
                district_id=district,
                count=n,
            )
            for (dimension, key, direction, destination, month, municipality, district), n in self.counts.items()
            if n > 0
        ]


def _route_flows(flows: _Flows, ctx: RefreshContext) -> None:
    facts = route_facts.trajectory_flows(from_month=ctx.from_month, as_of=ctx.as_of)
    destinations = route_facts.destination_labels()
    for direction in (Direction.IN, Direction.OUT):
        for row in facts[direction]:
            dimension = FlowDimension.EXIT_ROUTE if row["route_kind"] == EXIT_KIND else FlowDimension.ROUTE
            flows.add(dimension, direction, [row])
    # arriving at a destination: an ended trajectory that was not continued on another route
    arrived = [
        {**row, "key": row["destination"], "label": str(destinations.get(row["destination"], row["destination"]))}
        for row in facts[Direction.OUT]
        if row["destination"] and row["destination"] != "switched"
    ]
    flows.add(FlowDimension.DESTINATION, Direction.IN, [{**row, "destination": ""} for row in arrived])


def _other_flows(flows: _Flows, ctx: RefreshContext) -> None:
    span = {"from_month": ctx.from_month, "as_of": ctx.as_of}
    participation = participation_facts.assignment_flows(**span)
    for dimension in (FlowDimension.INSTRUMENT, FlowDimension.PROVIDER):
        for direction in (Direction.IN, Direction.OUT):
            flows.add(dimension, direction, participation[dimension][direction])
    for direction, rows in provider_facts.assignment_flows(**span).items():
        flows.add(FlowDimension.PROVIDER, direction, rows)
    clusters = dict(catalog_selectors.cluster_list().values_list("code", "name"))
    for direction, rows in access_facts.provision_flows(**span).items():
        flows.add(FlowDimension.CLUSTER, direction, rows, labels=clusters)
    benefit = gettext("Bijstand (Participatiewet)")
    for direction, rows in income_facts.benefit_flows(**span).items():
        flows.add(FlowDimension.BENEFIT, direction, rows, labels={BENEFIT_KEY: benefit})
    for direction, rows in resident_facts.coordination_flows(**span).items():
        flows.add(FlowDimension.TEAM, direction, rows)


def _transitions(ctx: RefreshContext) -> list[TransitionCount]:
    counts: dict[tuple, int] = defaultdict(int)
    labels: dict[tuple[str, str], str] = {("start", "start"): gettext("Aanmelding")}
    for link in route_facts.trajectory_transitions(from_month=ctx.from_month, as_of=ctx.as_of):
        source = (link["source_kind"], str(link["source_key"]))
        target = (link["target_kind"], str(link["target_key"]))
        if source == target:
            continue  # a switch to the same route (a new version of its map) is no flow between routes
        labels.setdefault(source, str(link["source_label"] or source[1]))
        labels.setdefault(target, str(link["target_label"] or target[1]))
        counts[(source, target, _month(link["month"]), link["municipality_id"], link["district_id"])] += link["n"]
    return [
        TransitionCount(
            source_kind=source[0],
            source_key=source[1][:100],
            source_label=labels[source][:200],
            target_kind=target[0],
            target_key=target[1][:100],
            target_label=labels[target][:200],
            month=month,
            municipality_id=municipality,
            district_id=district,
            count=n,
        )
        for (source, target, month, municipality, district), n in counts.items()
    ]


# Each coordination period becomes the first days of month within it (from the first one on or after its start, up
# to its end or the last month), then the households are counted per month, team and coordinator.
CASELOAD_SQL = """
    WITH spans AS (
        SELECT household, team, coordinator, municipality,
            greatest(
                CAST(date_trunc('month', valid_from - INTERVAL 1 DAY) + INTERVAL 1 MONTH AS DATE), $first
            ) AS first,
            least(CAST(date_trunc('month', coalesce(valid_to, DATE '9999-12-01')) AS DATE), $last) AS last
        FROM periods
    ), days AS (
        SELECT CAST(unnest(generate_series(first, last, INTERVAL 1 MONTH)) AS DATE) AS month,
            municipality, team, coordinator, household
        FROM spans WHERE first <= last
    )
    SELECT month, municipality, team, coordinator, count(DISTINCT household) AS households
    FROM days GROUP BY month, municipality, team, coordinator
"""


def caseload_count(periods: list[tuple], *, first: date, last: date) -> list[tuple]:
    """Households per (month, municipality, team, coordinator) on the first day of every month `first` … `last`.

    DuckDB expands each period into its months in memory: one extract query instead of one count per month (a full
    refresh covers years of months). Measured on 150,000 periods over 96 months (a town of 1M) on a shared, busy
    2-core machine: 4 to 6 s, against 30 s for the same count in plain Python (same result); a range join of
    months and periods in DuckDB was no faster (5 to 15 s)."""
    if not periods or first > last:
        return []
    columns = list(zip(*periods, strict=True))
    table = pa.table(
        {
            "household": pa.array(columns[0], pa.int64()),
            "team": pa.array(columns[1], pa.int64()),
            "coordinator": pa.array(columns[2], pa.int64()),
            "municipality": pa.array(columns[3], pa.int64()),
            "valid_from": pa.array(columns[4], pa.date32()),
            "valid_to": pa.array(columns[5], pa.date32()),
        }
    )
    with duckdb.connect() as connection:
        connection.register("periods", table)
        return connection.execute(CASELOAD_SQL, {"first": first, "last": last}).fetchall()


def _caseload(ctx: RefreshContext) -> list[CaseloadCount]:
    last = ctx.as_of.replace(day=1)
    periods = resident_facts.coordination_periods(from_day=ctx.from_month, as_of=last)
    first = ctx.from_month
    if ctx.full or first == EARLIEST_MONTH:
        first = max(first, min((period[4] for period in periods), default=last).replace(day=1))
    return [
        CaseloadCount(
            month=month, municipality_id=municipality, team_id=team, coordinator_id=coordinator, households=households
        )
        for month, municipality, team, coordinator, households in caseload_count(periods, first=first, last=last)
    ]


def refresh(ctx: RefreshContext) -> int:
    """Rebuild the flows, transitions and caseload of every month from `ctx.from_month` up to `ctx.as_of`."""
    for model in (FlowCount, TransitionCount, CaseloadCount):
        rows = model.objects.all()
        if not ctx.full:
            rows = rows.filter(month__gte=ctx.from_month)
        rows.delete()
    flows = _Flows()
    _route_flows(flows, ctx)
    _other_flows(flows, ctx)
    written = FlowCount.objects.bulk_create(flows.objects(), batch_size=2000)
    transitions = TransitionCount.objects.bulk_create(_transitions(ctx), batch_size=2000)
    caseload = CaseloadCount.objects.bulk_create(_caseload(ctx), batch_size=2000)
    return len(written) + len(transitions) + len(caseload)
