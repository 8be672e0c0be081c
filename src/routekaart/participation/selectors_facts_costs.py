"""Pseudonymous facts for the cost-benefit figures of steering: what each started assignment cost, by instrument.

Internal ids, dates, codes and amounts only (never a name, BSN or free text); insights joins them with the benefit and
work facts of the other apps and shows aggregates of at least ten residents. The sums run in the database: one query
whatever the number of assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .calculations import month_start
from .models import Assignment, Commitment, Expenditure

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class AssignmentCost:
    """One started assignment: who (an internal id), which instrument, where, from when, and its cost so far plus what
    is still committed for the months from `as_of`'s month on."""

    assignment_id: int
    resident_id: int
    instrument_code: str
    instrument_name: str
    municipality_id: int
    start: date
    spent: Decimal
    committed: Decimal

    @property
    def cost(self) -> Decimal:
        return self.spent + self.committed


def _sum_of(queryset, field: str) -> Coalesce:
    total = queryset.values("assignment").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=DecimalField()), Value(ZERO), output_field=DecimalField())


def assignment_costs(*, started_from: date, as_of: date) -> list[AssignmentCost]:
    """Every assignment that started from `started_from` up to `as_of`, with what was paid for it up to `as_of` and
    what its schedule still commits for the current and later months (so a running assignment counts in full).

    Why both: an ended assignment's cost is what was paid; a running one's is paid so far plus its schedule."""
    spent = Expenditure.objects.filter(assignment=OuterRef("pk"), booked_on__lte=as_of)
    committed = Commitment.objects.filter(assignment=OuterRef("pk"), month__gte=month_start(as_of))
    rows = (
        Assignment.objects.filter(started_on__isnull=False, started_on__gte=started_from, started_on__lte=as_of)
        .annotate(
            instrument_code=F("instrument__code"),
            instrument_name=F("instrument__name"),
            spent_total=_sum_of(spent, "amount"),
            committed_total=_sum_of(committed, "amount"),
        )
        .values_list(
            "pk",
            "resident_id",
            "instrument_code",
            "instrument_name",
            "municipality_id",
            "started_on",
            "spent_total",
            "committed_total",
        )
        .order_by("pk")
    )
    return [
        AssignmentCost(
            assignment_id=pk,
            resident_id=resident_id,
            instrument_code=code,
            instrument_name=name,
            municipality_id=municipality_id,
            start=start,
            spent=Decimal(spent or 0),
            committed=Decimal(committed_rest or 0),
        )
        for pk, resident_id, code, name, municipality_id, start, spent, committed_rest in rows
    ]
