"""Pseudonymous facts for insights' "what works for whom": when each household's social assistance ran, as ids and
dates only. Read in bulk by the insights refresh (processing activity management-information), one query.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from .models import SocialAssistance

CHUNK = 5000


class BenefitFact(NamedTuple):
    household_id: int
    started_on: date
    ended_on: date | None  # the first day without benefit


def benefit_facts(*, household_ids=None) -> Iterator[BenefitFact]:
    """Every social assistance period (of these households), by household and start; one query, streamed."""
    rows = SocialAssistance.objects.all()
    if household_ids is not None:
        rows = rows.filter(household_id__in=list(household_ids))
    values = rows.values_list("household_id", "started_on", "ended_on").order_by("household_id", "started_on", "id")
    for household, started_on, ended_on in values.iterator(chunk_size=CHUNK):
        yield BenefitFact(household, started_on, ended_on)
