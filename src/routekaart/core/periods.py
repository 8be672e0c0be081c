"""Validity on a date, written once: a row holds from `valid_from` (inclusive) to `valid_to` (exclusive, or open).

Involvements, consents, memberships, agreements and contracts all carry such a period; every query asks here, so
one reading of "valid on a date" holds everywhere.
"""

from datetime import date

from django.db.models import Q


def valid_on(on: date, prefix: str = "") -> Q:
    """The rows valid on `on`; `prefix` reaches a related row's period (`"memberships__"`)."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


def overlaps(start: date, end: date | None, prefix: str = "") -> Q:
    """The rows whose period shares at least one day with [start, end)."""
    condition = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": start})
    if end is not None:
        condition &= Q(**{f"{prefix}valid_from__lt": end})
    return condition
