"""Objections decided in a period, per law, for insights' yardsticks: decided within the statutory term (Awb 7:10)
and upheld. The same definitions as klantbeheer's quality figures (`selectors_quality.quality_figures`), with the
area filter aggregate figures need: the area is that of the objector's address. One grouped query, no person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q

from ..residents.selectors_facts_yardsticks import resident_area
from .models import Objection, ObjectionOutcome, ObjectionStatus


@dataclass(frozen=True)
class ObjectionResult:
    law: str  # the law of the decision objected to (J, W, P)
    decided: int
    in_time: int  # decided on or before the last day of the decision term
    upheld: int  # upheld or partly upheld


def objection_results(
    *, since: date, until: date, municipality_id: int | None = None, district_id: int | None = None
) -> list[ObjectionResult]:
    """Per law, the objections decided from `since` to `until` (inclusive). One query."""
    rows = (
        Objection.objects.filter(status=ObjectionStatus.DECIDED, decided_on__range=(since, until))
        .filter(resident_area(municipality_id=municipality_id, district_id=district_id, resident="objector"))
        .values("decision_law")
        .annotate(
            decided=Count("id"),
            in_time=Count("id", filter=Q(decided_on__lte=F("decision_due_on"))),
            upheld=Count("id", filter=Q(outcome__in=[ObjectionOutcome.UPHELD, ObjectionOutcome.PARTLY_UPHELD])),
        )
        .order_by("decision_law")
    )
    return [ObjectionResult(r["decision_law"], r["decided"], r["in_time"], r["upheld"]) for r in rows]
