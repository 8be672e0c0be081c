"""Pseudonymous facts for the cost-benefit figures of steering: what the municipality approved of providers'
declarations, per resident and month of care. Internal ids, months and amounts only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from .models import DeclarationLine, DeclarationStatus


def approved_declarations(*, month_from: date) -> dict[tuple[int, date], Decimal]:
    """Approved declaration lines that belong to an assignment (so to a resident), summed per (resident id, first
    day of the month the care started) from `month_from` on. One query, summed in the database."""
    rows = (
        DeclarationLine.objects.filter(
            approved=True,
            assignment__isnull=False,
            declaration__status__in=(DeclarationStatus.APPROVED, DeclarationStatus.PARTLY),
            starts_on__gte=month_from,
        )
        .annotate(month=TruncMonth("starts_on"))
        .values("assignment__resident_id", "month")
        .annotate(total=Sum("amount"))
        .values_list("assignment__resident_id", "month", "total")
        .order_by()
    )
    return {(resident_id, _as_date(month)): Decimal(total) for resident_id, month, total in rows}


def _as_date(month) -> date:
    """TruncMonth of a DateField gives a date on both backends; a datetime is cut to its date just in case."""
    return month.date() if hasattr(month, "date") and callable(month.date) else month
