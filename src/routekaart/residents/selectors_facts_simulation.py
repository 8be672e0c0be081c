"""Pseudonymous composition facts for the policy simulation (insights via income): which households a municipality
has on a date (by the wijk of the head's address) and each member's role and birth date. Internal ids, codes and
dates only: never a name, BSN or address."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from ..core.periods import valid_on
from .models import Membership, MembershipRole

PARTNER = MembershipRole.PARTNER.value


def households_headed_in(*, municipality_id: int, on: date) -> QuerySet:
    """The households whose head lives in a wijk of `municipality_id` on `on`, as a subquery of `household_id`."""
    return Membership.objects.filter(
        valid_on(on), role=MembershipRole.HEAD, resident__address__district__municipality_id=municipality_id
    ).values("household_id")


def member_facts(*, households: QuerySet, on: date) -> list[tuple[int, str, date]]:
    """(household id, role, birth date) of every member of `households` on `on` (one query)."""
    return list(
        Membership.objects.filter(valid_on(on), household_id__in=households)
        .order_by()
        .values_list("household_id", "role", "resident__birth_date")
    )
