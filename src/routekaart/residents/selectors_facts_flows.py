"""Facts of coordination for steering (insights' team flows and caseload): which team and which coordinator (a
staff member) held the regie of a household, from when to when. Pseudonymous: internal ids and dates only, never
a name, a BSN or an address of a resident.

The team is the organisation the coordinator's involvement is held on behalf of; its municipality that
organisation's. A household's wijk is not given here (its members may live apart): team figures have no wijk.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from .models import Involvement, InvolvementKind


def _coordination():
    return Involvement.objects.filter(kind=InvolvementKind.COORDINATOR)


def coordination_flows(*, from_month: date, as_of: date) -> dict[str, list[dict]]:
    """Households whose coordination by a team began (`in`) or ended (`out`) per team and month, from
    `from_month` up to `as_of`: two grouped queries."""

    def grouped(queryset, date_field: str) -> list[dict]:
        return list(
            queryset.values(
                month=TruncMonth(date_field),
                key=F("organisation_id"),
                label=F("organisation__name"),
                municipality_id=F("organisation__municipality_id"),
            )
            .annotate(n=Count("household_id", distinct=True))
            .order_by()
        )

    coordination = _coordination()
    return {
        "in": grouped(coordination.filter(valid_from__gte=from_month, valid_from__lte=as_of), "valid_from"),
        "out": grouped(
            coordination.filter(valid_to__isnull=False, valid_to__gte=from_month, valid_to__lte=as_of), "valid_to"
        ),
    }


def coordination_periods(
    *, from_day: date, as_of: date
) -> list[tuple[int, int, int | None, int | None, date, date | None]]:
    """Every coordination that overlaps `from_day` … `as_of`: (household id, team id, coordinator's user id, the
    team's municipality id, from, to). One query; the caller counts the households per day it needs."""
    return list(
        _coordination()
        .filter(valid_from__lte=as_of)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=from_day))
        .values_list(
            "household_id", "organisation_id", "user_id", "organisation__municipality_id", "valid_from", "valid_to"
        )
        .order_by()
    )
