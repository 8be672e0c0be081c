"""Where residents and households live, as a filter for aggregate figures (insights' yardsticks): the municipality
and wijk of a resident are those of the district of their address. Residents owns that rule, so the other apps'
fact selectors filter by area through these conditions instead of spelling out the address path themselves.

Conditions only (no query runs here): each becomes part of the caller's one grouped query.
"""

from __future__ import annotations

from django.db.models import Q

from .models import Membership


def resident_area(*, municipality_id: int | None, district_id: int | None, resident: str = "resident") -> Q:
    """The rows whose resident (the lookup path `resident`) lives in the municipality and wijk (None: any)."""
    condition = Q()
    if municipality_id:
        condition &= Q(**{f"{resident}__address__district__municipality_id": municipality_id})
    if district_id:
        condition &= Q(**{f"{resident}__address__district_id": district_id})
    return condition


def household_area(*, municipality_id: int | None, district_id: int | None, household: str = "household_id") -> Q:
    """The rows whose household (the id column `household`) has a present member living in the area (None: any).

    A household counts where one of its present members lives; moves are rare enough that a subquery on the
    present memberships is honest for aggregate figures and keeps the caller at one query.
    """
    if not municipality_id and not district_id:
        return Q()
    members = Membership.objects.filter(
        resident_area(municipality_id=municipality_id, district_id=district_id), valid_to__isnull=True
    )
    return Q(**{f"{household}__in": members.values("household_id")})
