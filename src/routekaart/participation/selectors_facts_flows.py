"""Group-by counts of participation assignments for steering (insights' flows): how many residents started and
ended an instrument, per instrument and per provider, per month, municipality and wijk. Aggregates only.

The municipality is the assignment's own; the wijk that of the resident's current address (None when unknown).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, TruncMonth

from .models import Assignment, Result


def _grouped(queryset, date_field: str, *, key: str, label: str, destination: bool) -> list[dict]:
    extra = {"destination": Coalesce(F("result__code"), Value(""))} if destination else {}
    return list(
        queryset.values(
            "municipality_id",
            month=TruncMonth(date_field),
            key=F(key),
            label=F(label),
            district_id=F("resident__address__district_id"),
            **extra,
        )
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )


def assignment_flows(*, from_month: date, as_of: date) -> dict[str, dict[str, list[dict]]]:
    """Per dimension (`instrument`, `provider`) the residents who started (`in`) and ended (`out`, with the result
    as destination) an assignment per month, from `from_month` up to `as_of`: four grouped queries."""
    started = Assignment.objects.filter(started_on__isnull=False, started_on__gte=from_month, started_on__lte=as_of)
    ended = Assignment.objects.filter(ended_on__isnull=False, ended_on__gte=from_month, ended_on__lte=as_of)
    dimensions = {"instrument": ("instrument__code", "instrument__name"), "provider": ("provider_id", "provider__name")}
    return {
        dimension: {
            "in": _grouped(started, "started_on", key=key, label=label, destination=False),
            "out": _grouped(ended, "ended_on", key=key, label=label, destination=True),
        }
        for dimension, (key, label) in dimensions.items()
    }


def result_labels() -> dict[str, str]:
    """The name of every result code (the destination of an ended assignment)."""
    return dict(Result.objects.values_list("code", "name"))
