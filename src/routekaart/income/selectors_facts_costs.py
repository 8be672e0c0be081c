"""Pseudonymous facts for the cost-benefit figures of steering: who received social assistance when, and what they
reported earning. Internal ids, dates and amounts only; insights shows aggregates of at least ten residents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, Sum

from .models import IncomeReport, NormVersion, SocialAssistance

# The adults a household's benefit is for: its client and a partner or head living in the household meanwhile.
ADULT_ROLES = ("head", "partner")


@dataclass(frozen=True)
class BenefitSpell:
    """A resident received social assistance from `started_on` until (not including) `ended_on` (None: still)."""

    resident_id: int
    started_on: date
    ended_on: date | None


def benefit_spells(*, ending_from: date) -> list[BenefitSpell]:
    """The benefit spells of every adult they were for (the client, and a head or partner who lived in the household
    during the spell) that ran on or after `ending_from`. Two queries."""
    running = Q(ended_on__isnull=True) | Q(ended_on__gt=ending_from)
    spells = set(SocialAssistance.objects.filter(running).values_list("client_id", "started_on", "ended_on").order_by())
    # One filter() call, so that the role and the dates are those of the same membership row.
    members = (
        SocialAssistance.objects.filter(
            running,
            Q(ended_on__isnull=True) | Q(household__memberships__valid_from__lt=F("ended_on")),
            Q(household__memberships__valid_to__isnull=True) | Q(household__memberships__valid_to__gt=F("started_on")),
            household__memberships__role__in=ADULT_ROLES,
        )
        .values_list("household__memberships__resident_id", "started_on", "ended_on")
        .order_by()
    )
    spells.update(members)
    return [BenefitSpell(resident_id, started, ended) for resident_id, started, ended in sorted(spells, key=str)]


def reported_earnings(*, month_from: date) -> dict[tuple[int, date], Decimal]:
    """Net earnings from work the client reported, per (resident id, month) from `month_from` on, where above nil."""
    rows = (
        IncomeReport.objects.filter(month__gte=month_from, net_earnings__gt=0)
        .values("benefit__client_id", "month")
        .annotate(total=Sum("net_earnings"))
        .values_list("benefit__client_id", "month", "total")
        .order_by()
    )
    return {(resident_id, month): Decimal(total) for resident_id, month, total in rows}


@dataclass(frozen=True)
class SingleNorm:
    """The monthly benefit of a single adult (Pw art. 21) in force on a date, with the publication it comes from."""

    amount: Decimal
    effective_from: date
    source: str


def single_norm_on(on: date) -> SingleNorm | None:
    """The single norm in force on `on` (None before any norms are loaded): the cost of a month on assistance."""
    version = NormVersion.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if version is None:
        return None
    return SingleNorm(amount=version.single, effective_from=version.effective_from, source=version.source)
