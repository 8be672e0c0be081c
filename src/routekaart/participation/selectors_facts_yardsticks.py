"""Aggregates of the labour distance for insights' yardsticks (seed 002): the distribution over Sol's categories
on a day, and the changes found on reassessment in a period. Group-by counts in SQL, one query each, no person.

The municipality is the assessment's own (the one that assessed); the wijk is that of the resident's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from ..residents.selectors_facts_yardsticks import resident_area
from .models import DistanceAssessment, DistanceCategory


@dataclass(frozen=True)
class CategoryCount:
    code: str
    name: str
    reference_share: Decimal
    count: int


def _area(municipality_id: int | None, district_id: int | None, prefix: str = "") -> Q:
    condition = resident_area(municipality_id=None, district_id=district_id, resident=f"{prefix}resident")
    if municipality_id:
        condition &= Q(**{f"{prefix}municipality_id": municipality_id})
    return condition


def distance_category_counts(
    *, on: date, municipality_id: int | None = None, district_id: int | None = None
) -> list[CategoryCount]:
    """Per category (in order, from the smallest distance), the residents whose assessment in force on `on` puts
    them there: assessed on or before `on` and not yet followed by a reassessment on or before `on`.

    Today (or later) that is the current assessment: two queries over the covering index (municipality,
    is_current, category). On a past day, one query that follows each assessment to the next one.
    """
    if on >= timezone.localdate():
        counts = dict(
            DistanceAssessment.objects.filter(is_current=True, assessed_on__lte=on)
            .filter(_area(municipality_id, district_id))
            .values_list("category_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        categories = DistanceCategory.objects.order_by("order").values_list("pk", "code", "name", "reference_share")
        return [CategoryCount(code, name, share, counts.get(pk, 0)) for pk, code, name, share in categories]
    in_force = (
        Q(assessments__assessed_on__lte=on)
        & (Q(assessments__next__isnull=True) | Q(assessments__next__assessed_on__gt=on))
        & _area(municipality_id, district_id, prefix="assessments__")
    )
    rows = (
        DistanceCategory.objects.annotate(n=Count("assessments", filter=in_force))
        .order_by("order")
        .values_list("code", "name", "reference_share", "n")
    )
    return [CategoryCount(*row) for row in rows]


def reassessment_change_counts(
    *, since: date, until: date, municipality_id: int | None = None, district_id: int | None = None
) -> dict[str, int]:
    """The assessments from `since` to `until` (inclusive) per change since the previous one (first, smaller,
    same, larger). One query."""
    rows = (
        DistanceAssessment.objects.filter(assessed_on__range=(since, until))
        .filter(_area(municipality_id, district_id))
        .values_list("change")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)
