"""What the legal app reads of residents beyond the shared selectors: the involvement it started for one legal
matter (to end it when the matter closes), and the persons an objection may come from."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ..core.periods import valid_on
from .models import Involvement, InvolvementKind, Membership, Resident


def legal_involvements(*, household_id: int, reason: str) -> list[Involvement]:
    """The running legal-matter involvements of a household started for `reason` (e.g. "Bezwaar BZ-2026-000001")."""
    return list(
        Involvement.objects.filter(
            valid_on(timezone.localdate()), household_id=household_id, kind=InvolvementKind.LEGAL_MATTER, reason=reason
        ).order_by("pk")
    )


def resident_in_household(*, resident_id: int, household_id: int, on: date | None = None) -> bool:
    """Does the person belong to the household on `on` (today)?"""
    on = on or timezone.localdate()
    return Membership.objects.filter(valid_on(on), household_id=household_id, resident_id=resident_id).exists()


def resident_birth_date_matches(*, resident_ids: list[int], birth_date: date) -> list[int]:
    """Which of these persons were born on `birth_date`."""
    return list(Resident.objects.filter(pk__in=resident_ids, birth_date=birth_date).values_list("pk", flat=True))


def resident_get_by_id(*, resident_id: int) -> Resident | None:
    return Resident.objects.filter(pk=resident_id).first()


def household_members(*, household_id: int, on: date | None = None) -> list[Resident]:
    """The household's members on `on` (today), oldest membership first."""
    on = on or timezone.localdate()
    return [
        m.resident
        for m in Membership.objects.filter(valid_on(on), household_id=household_id)
        .select_related("resident")
        .order_by("valid_from", "pk")
    ]
