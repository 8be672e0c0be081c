"""Group-by counts of trajectories for steering (insights' flows and Sankey): how many residents started, left and
switched routes per month, municipality and wijk. Aggregates only: codes, months, counts; never a person.

The wijk is that of the resident's current address (the register keeps no address history here), the
municipality that wijk's; both None when unknown.
"""

from __future__ import annotations

from datetime import date

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth

from .models import Trajectory
from .models.trajectories import ExitProfile
from .workflow import TrajectoryStatus


def _place() -> dict:
    return {
        "municipality_id": F("resident__address__district__municipality_id"),
        "district_id": F("resident__address__district_id"),
    }


def _destination() -> Coalesce:
    """Where a trajectory led: the exit profile (uitstroomprofiel) when recorded, else how it ended."""
    return Coalesce(NullIf(F("exit_profile"), Value("")), F("status"), output_field=CharField())


def destination_labels() -> dict[str, str]:
    """The Dutch label of every destination key `trajectory_flows` gives."""
    return {**dict(ExitProfile.choices), **dict(TrajectoryStatus.choices)}


def trajectory_flows(*, from_month: date, as_of: date) -> dict[str, list[dict]]:
    """Residents who started (`in`) and ended (`out`, with their destination) a trajectory per route and month,
    from `from_month` up to `as_of`: two grouped queries."""
    started = (
        Trajectory.objects.filter(started_on__gte=from_month, started_on__lte=as_of)
        .values(
            month=TruncMonth("started_on"),
            key=F("route__code"),
            label=F("route__name"),
            route_kind=F("route__kind"),
            **_place(),
        )
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    ended = (
        Trajectory.objects.filter(ended_on__isnull=False, ended_on__gte=from_month, ended_on__lte=as_of)
        .values(
            month=TruncMonth("ended_on"),
            key=F("route__code"),
            label=F("route__name"),
            route_kind=F("route__kind"),
            destination=_destination(),
            **_place(),
        )
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    return {"in": list(started), "out": list(ended)}


def trajectory_transitions(*, from_month: date, as_of: date) -> list[dict]:
    """The links of the Sankey per month: start → first route (a trajectory no other one switched to), route →
    route (a switch, in the month the next trajectory started) and route → destination (an ended trajectory that
    was not switched). Three grouped queries; `source_kind`/`target_kind` are start, route or destination."""
    first = (
        Trajectory.objects.filter(started_on__gte=from_month, started_on__lte=as_of, switched_from__isnull=True)
        .values(month=TruncMonth("started_on"), target_key=F("route__code"), target_label=F("route__name"), **_place())
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    switched = (
        Trajectory.objects.filter(
            switched_to__isnull=False, switched_to__started_on__gte=from_month, switched_to__started_on__lte=as_of
        )
        .values(
            month=TruncMonth("switched_to__started_on"),
            source_key=F("route__code"),
            source_label=F("route__name"),
            target_key=F("switched_to__route__code"),
            target_label=F("switched_to__route__name"),
            **_place(),
        )
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    ended = (
        Trajectory.objects.filter(ended_on__isnull=False, ended_on__gte=from_month, ended_on__lte=as_of)
        .exclude(status=TrajectoryStatus.SWITCHED)
        .values(
            month=TruncMonth("ended_on"),
            source_key=F("route__code"),
            source_label=F("route__name"),
            target_key=_destination(),
            **_place(),
        )
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    labels = destination_labels()
    links = []
    for row in first:
        links.append({**row, "source_kind": "start", "source_key": "start", "source_label": "", "target_kind": "route"})
    for row in switched:
        links.append({**row, "source_kind": "route", "target_kind": "route"})
    for row in ended:
        label = str(labels.get(row["target_key"], row["target_key"]))
        links.append({**row, "source_kind": "route", "target_kind": "destination", "target_label": label})
    return links
