"""Group-by counts of granted tailored provisions for steering (insights' flows): how many residents started and
ended a provision of each catalog cluster, per month, municipality and wijk. Aggregates only.

The resident is the decision's addressee; the wijk that of their current address, the municipality that wijk's.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F
from django.db.models.functions import TruncMonth

from .models import ProvisionOutcome, TailoredProvision


def _grouped(queryset, date_field: str) -> list[dict]:
    return list(
        queryset.values(
            month=TruncMonth(date_field),
            key=F("cluster_code"),
            municipality_id=F("decision__addressee__address__district__municipality_id"),
            district_id=F("decision__addressee__address__district_id"),
        )
        .annotate(n=Count("decision__addressee_id", distinct=True))
        .order_by()
    )


def provision_flows(*, from_month: date, as_of: date) -> dict[str, list[dict]]:
    """Residents whose granted provision started (`in`) or ended (`out`) per cluster code and month, from
    `from_month` up to `as_of` (an end date still ahead is not yet an outflow): two grouped queries."""
    granted = TailoredProvision.objects.filter(outcome=ProvisionOutcome.GRANTED)
    return {
        "in": _grouped(granted.filter(starts_on__gte=from_month, starts_on__lte=as_of), "starts_on"),
        "out": _grouped(granted.filter(ends_on__gte=from_month, ends_on__lte=as_of), "ends_on"),
    }
