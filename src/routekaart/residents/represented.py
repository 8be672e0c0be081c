"""Whom a resident may see in the portal besides themself: their children under 16 (parental authority, AVG art. 8
and UAVG art. 5: a parent acts for a child until 16) and the persons who authorised them (machtiging).

No other person's data is ever shown in the portal, not even a housemate's: a partner or a child of 16 or older is
a person of their own, seen only with their authorisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from .life_phase import age_on
from .models import RelationKind, Resident

PARENTAL_AUTHORITY_UNTIL = 16  # a parent sees a child's data until the child turns 16


class Ground:
    SELF = "self"
    PARENT = "parent"
    AUTHORISED = "authorised"


@dataclass(frozen=True)
class Represented:
    """One person the portal user may see, and on what ground."""

    resident: Resident
    ground: str  # Ground.*

    @property
    def id(self) -> int:
        return self.resident.pk


def persons_represented(*, resident: Resident, on: date) -> list[Represented]:
    """The resident themself first, then their children under 16, then who authorised them: 1 query (+1 for the
    authorisations)."""
    found = [Represented(resident, Ground.SELF)]
    children = (
        Resident.objects.filter(
            Q(related_by__valid_from__isnull=True) | Q(related_by__valid_from__lte=on),
            Q(related_by__valid_to__isnull=True) | Q(related_by__valid_to__gt=on),
            related_by__resident=resident,
            related_by__kind=RelationKind.PARENT,
            date_of_death__isnull=True,
        )
        .order_by("birth_date", "id")
        .distinct()
    )
    found += [
        Represented(child, Ground.PARENT)
        for child in children
        if age_on(child.birth_date, on) < PARENTAL_AUTHORITY_UNTIL
    ]
    return found
