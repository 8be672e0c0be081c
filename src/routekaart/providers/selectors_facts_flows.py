"""Group-by counts of toewijzingen for steering (insights' flows per provider): how many residents a provider
started and stopped delivering care to, per month, municipality and wijk. Aggregates only.

The municipality is the assignment's own; the wijk that of the resident's current address (None when unknown).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F
from django.db.models.functions import TruncMonth

from . import standard
from .models import Assignment


def _grouped(queryset, date_field: str, *, destination: bool) -> list[dict]:
    extra = {"destination": F("stop_reason")} if destination else {}
    return list(
        queryset.values(
            "municipality_id",
            month=TruncMonth(date_field),
            key=F("provider_id"),
            label=F("provider__name"),
            district_id=F("resident__address__district_id"),
            **extra,
        )
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )


def assignment_flows(*, from_month: date, as_of: date) -> dict[str, list[dict]]:
    """Residents whose care started (`in`, the 305's date) or stopped (`out`, the 307's date, with its iStandaard
    reason as destination) per provider and month, from `from_month` up to `as_of`: two grouped queries."""
    started = Assignment.objects.filter(started_on__isnull=False, started_on__gte=from_month, started_on__lte=as_of)
    stopped = Assignment.objects.filter(stopped_on__isnull=False, stopped_on__gte=from_month, stopped_on__lte=as_of)
    return {
        "in": _grouped(started, "started_on", destination=False),
        "out": _grouped(stopped, "stopped_on", destination=True),
    }


def stop_reason_labels() -> dict[str, str]:
    """The iStandaard name of every reason a toewijzing stops."""
    return dict(standard.STOP_REASONS)
