"""Pseudonymous facts for the cost-benefit figures of steering: who worked under a contract when, how many hours a
week at what hourly wage. Internal ids, dates and amounts only; insights shows aggregates of at least ten residents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from .models import Placement


@dataclass(frozen=True)
class ContractFact:
    """A resident employed from `start` up to and including `end` (None: still), `hours` a week at `hourly_wage`."""

    resident_id: int
    start: date
    end: date | None
    hours: int
    hourly_wage: Decimal


def contracts(*, ending_from: date) -> list[ContractFact]:
    """Every placement with a contract (start, hours and wage known) that ran on or after `ending_from`. One query.

    The end is the earlier of the contract's end and the day the placement ended."""
    rows = (
        Placement.objects.filter(contract_start__isnull=False, contract_hours__isnull=False, hourly_wage__isnull=False)
        .filter(Q(contract_end__isnull=True) | Q(contract_end__gte=ending_from))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=ending_from))
        .values_list(
            "profile__resident_id", "contract_start", "contract_end", "ended_on", "contract_hours", "hourly_wage"
        )
        .order_by("pk")
    )
    facts = []
    for resident_id, start, contract_end, ended_on, hours, wage in rows:
        ends = [day for day in (contract_end, ended_on) if day is not None]
        facts.append(ContractFact(resident_id, start, min(ends) if ends else None, hours, Decimal(wage)))
    return facts
