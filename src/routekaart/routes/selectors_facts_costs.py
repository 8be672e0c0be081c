"""Pseudonymous facts for the cost-benefit figures of steering: who walked which route from when to when, and in
which municipality. Internal ids, dates and codes only; insights shows aggregates of at least ten residents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F
from django.db.models.functions import Coalesce

from .models import Trajectory


@dataclass(frozen=True)
class TrajectoryFact:
    """A resident on a route from `started_on` to `ended_on` (None: still walking it)."""

    trajectory_id: int
    resident_id: int
    route_code: str
    route_name: str
    municipality_id: int | None
    started_on: date
    ended_on: date | None


def trajectories_started(*, started_from: date, as_of: date) -> list[TrajectoryFact]:
    """Every trajectory started from `started_from` up to `as_of`. One query.

    The municipality is that of the resident's wijk, else the one the organisation holding regie works in (a school or
    team), else unknown: a route has no municipality of its own."""
    rows = (
        Trajectory.objects.filter(started_on__gte=started_from, started_on__lte=as_of)
        .annotate(
            route_code=F("route__code"),
            route_name=F("route__name"),
            municipality_id=Coalesce(
                F("resident__address__district__municipality_id"), F("regie_organisation__municipality_id")
            ),
        )
        .values_list("pk", "resident_id", "route_code", "route_name", "municipality_id", "started_on", "ended_on")
        .order_by("pk")
    )
    return [TrajectoryFact(*row) for row in rows]
