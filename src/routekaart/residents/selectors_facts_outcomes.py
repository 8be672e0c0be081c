"""Pseudonymous facts for insights' "what works for whom": a resident's birth date, education level and wijk, and
their household memberships over time, as ids, dates and codes (never a name, BSN or address). Read in bulk by the
insights refresh (processing activity management-information, logged by the refresh).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import NamedTuple

from django.db.models import F

from .models import Membership, Resident

CHUNK = 5000
BATCH = 900  # ids per IN list: below SQLite's 999 host parameters


class PersonFact(NamedTuple):
    resident_id: int
    birth_date: date
    education_level: str
    district_id: int | None
    municipality_id: int | None  # the wijk's municipality


class MembershipFact(NamedTuple):
    resident_id: int
    household_id: int
    valid_from: date
    valid_to: date | None


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def person_facts(*, resident_ids: Iterable[int]) -> Iterator[PersonFact]:
    """These residents' birth date, education level and wijk; one query per 900 residents."""
    for batch in _batches(resident_ids):
        values = (
            Resident.objects.filter(pk__in=batch)
            .values_list(
                "pk",
                "birth_date",
                "education_level",
                F("address__district_id"),
                F("address__district__municipality_id"),
            )
            .order_by()
        )
        for row in values:
            yield PersonFact(*row)


def membership_facts(*, resident_ids: Iterable[int]) -> Iterator[MembershipFact]:
    """These residents' household memberships, oldest first; one query per 900 residents."""
    for batch in _batches(resident_ids):
        values = (
            Membership.objects.filter(resident_id__in=batch)
            .values_list("resident_id", "household_id", "valid_from", "valid_to")
            .order_by("resident_id", "valid_from", "id")
        )
        for row in values:
            yield MembershipFact(*row)
