"""Aggregates of the walking routes for insights' yardsticks (seeds 000/001: the maatwerkroute serves "gemiddeld
15%" of residents): per kind of walking route, the residents walking it on a day, beside the share the route map
names. One grouped query, no person; the area is that of the resident's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q

from ..residents.selectors_facts_yardsticks import resident_area
from .models import Route, RouteKind, WalkingKind


@dataclass(frozen=True)
class WalkingRouteCount:
    walking_kind: str
    label: str
    share_percent: int | None  # the route map's share of residents, where it names one
    count: int  # trajectories running on the day


def walking_route_counts(
    *, on: date, municipality_id: int | None = None, district_id: int | None = None
) -> list[WalkingRouteCount]:
    """Per kind of walking route (basic, network, initiative, tailored), the trajectories running on `on` (started
    on or before, not ended by then) and the share the current route maps name. One query."""
    running = (
        Q(trajectories__started_on__lte=on)
        & (Q(trajectories__ended_on__isnull=True) | Q(trajectories__ended_on__gt=on))
        & resident_area(municipality_id=municipality_id, district_id=district_id, resident="trajectories__resident")
    )
    rows = (
        Route.objects.filter(kind=RouteKind.WALKING)
        .values("walking_kind")
        .annotate(
            share=Max("share_percent", filter=Q(route_map__is_current=True)),
            n=Count("trajectories", filter=running),
        )
        .order_by()
    )
    found = {row["walking_kind"]: row for row in rows}
    return [
        WalkingRouteCount(
            kind.value,
            str(kind.label),
            found.get(kind.value, {}).get("share"),
            found.get(kind.value, {}).get("n", 0),
        )
        for kind in WalkingKind
    ]
