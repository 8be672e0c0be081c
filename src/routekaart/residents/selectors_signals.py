"""What the register says that may contradict a household's benefit, for enforcement's scan (legal reads it here,
never the tables): more adults registered at the address of a household's members than the household counts.

Set-based: two queries for any number of households, whatever their size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from ..core.periods import valid_on
from .models import Involvement, Membership, Resident

ADULT_AGE = 18


@dataclass(frozen=True)
class AddressFinding:
    """At `address_id` live `registered_adults` adults; the household counts `member_adults` of them."""

    household_id: int
    address_id: int
    registered_adults: int
    member_adults: int


def adult_born_on_or_before(on: date) -> date:
    """The latest birth date of an adult (18 or older) on `on`; 29 February counts from 28 February."""
    try:
        return on.replace(year=on.year - ADULT_AGE)
    except ValueError:
        return on.replace(year=on.year - ADULT_AGE, day=28)


def households_with_unknown_adults(*, household_ids, on: date) -> list[AddressFinding]:
    """The households among `household_ids` at whose members' address more living adults are registered than the
    household's own adult members there: someone lives there the benefit does not count (a partner, a cost sharer).
    """
    cutoff = adult_born_on_or_before(on)
    adult = Q(resident__birth_date__lte=cutoff, resident__date_of_death__isnull=True)
    members = (
        Membership.objects.filter(valid_on(on), household_id__in=list(household_ids), resident__address__isnull=False)
        .values("household_id", "resident__address_id")
        .annotate(adults=Count("resident_id", filter=adult, distinct=True))
        .order_by("household_id", "resident__address_id")
    )
    rows = list(members)
    address_ids = {row["resident__address_id"] for row in rows}
    registered = dict(
        Resident.objects.filter(address_id__in=address_ids, birth_date__lte=cutoff, date_of_death__isnull=True)
        .values("address_id")
        .annotate(n=Count("id"))
        .values_list("address_id", "n")
    )
    return [
        AddressFinding(
            household_id=row["household_id"],
            address_id=row["resident__address_id"],
            registered_adults=registered.get(row["resident__address_id"], 0),
            member_adults=row["adults"],
        )
        for row in rows
        if registered.get(row["resident__address_id"], 0) > row["adults"]
    ]


def personal_involvement_open(*, household_id: int, user_id: int, kind: str, on: date) -> Involvement | None:
    """The user's own involvement of `kind` with the household in force on `on` (the one a closing step ends)."""
    return (
        Involvement.objects.filter(valid_on(on), household_id=household_id, user_id=user_id, kind=kind)
        .order_by("-valid_from", "-pk")
        .first()
    )
