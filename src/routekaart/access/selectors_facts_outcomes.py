"""Pseudonymous facts for insights' "what works for whom": granted tailored provisions and the opening and closing
of cases, as internal ids, dates and codes (never a name, BSN, reasoning or other free text). Read in bulk by the
insights refresh (processing activity management-information, logged by the refresh), one query each.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from django.db.models import F

from .models import Case, ProvisionOutcome, TailoredProvision

CHUNK = 5000


class ProvisionFact(NamedTuple):
    resident_id: int  # the decision's addressee
    household_id: int
    block: str  # the building block's key, cluster.block
    name: str  # the provision's name as granted (a catalogue name, no personal text)
    law: str  # J / W / P
    starts_on: date


class CaseFact(NamedTuple):
    household_id: int
    opened_on: date
    closed_on: date | None


def provision_start_facts(*, starts_from: date | None = None) -> Iterator[ProvisionFact]:
    """Every granted tailored provision (starting from `starts_from`); one query, streamed."""
    rows = TailoredProvision.objects.filter(outcome=ProvisionOutcome.GRANTED, starts_on__isnull=False)
    if starts_from:
        rows = rows.filter(starts_on__gte=starts_from)
    values = rows.values_list(
        F("decision__addressee_id"),
        F("decision__household_id"),
        F("building_block__cluster__code"),
        F("building_block__code"),
        "name",
        "law",
        "starts_on",
    ).order_by()
    for resident, household, cluster, block, name, law, starts_on in values.iterator(chunk_size=CHUNK):
        yield ProvisionFact(resident, household, f"{cluster}.{block}", name, law, starts_on)


def case_facts(*, household_ids=None) -> Iterator[CaseFact]:
    """Every case's opening and closing (of these households), by household and opening; one query, streamed."""
    rows = Case.objects.all()
    if household_ids is not None:
        rows = rows.filter(household_id__in=list(household_ids))
    values = rows.values_list("household_id", "opened_on", "closed_on").order_by("household_id", "opened_on", "id")
    for household, opened_on, closed_on in values.iterator(chunk_size=CHUNK):
        yield CaseFact(household, opened_on, closed_on)
