"""What income's file shows that may contradict a benefit, for enforcement's scan (legal reads it here, never the
tables), and the running benefits the scan looks at.

The income rule, chosen to be explainable in one sentence: an income report with earnings from work for a benefit
whose file knows of no work (no surplus settlement for part-time work, no switch from benefit to work). Such earnings
are either new work the client has not declared to the Dienst, or a file that is out of date: both are checked.
One query each, whatever the number of benefits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from .models import IncomeReport, SocialAssistance


@dataclass(frozen=True)
class RunningBenefit:
    benefit_id: int
    household_id: int
    client_id: int
    organisation_id: int


@dataclass(frozen=True)
class EarningsFinding:
    """Report `report_id` shows earnings for `month` that the benefit's file does not know of."""

    report_id: int
    benefit_id: int
    household_id: int
    client_id: int
    organisation_id: int
    month: date
    net_earnings: Decimal


def _running(on: date) -> Q:
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def running_benefits(*, on: date) -> list[RunningBenefit]:
    """Every benefit running on `on` (one query)."""
    rows = SocialAssistance.objects.filter(_running(on)).values_list(
        "pk", "household_id", "client_id", "organisation_id"
    )
    return [RunningBenefit(*row) for row in rows.order_by("pk")]


def earnings_the_file_does_not_know(*, since: date | None = None) -> list[EarningsFinding]:
    """Income reports (from `since` on) with net earnings from work, for a benefit without a surplus settlement and
    without a switch to work: earnings where the file declares none."""
    reports = IncomeReport.objects.filter(
        net_earnings__gt=0, benefit__surplus_settlement=False, benefit__work_switch__isnull=True
    )
    if since is not None:
        reports = reports.filter(month__gte=since)
    rows = reports.values_list(
        "pk",
        "benefit_id",
        "benefit__household_id",
        "benefit__client_id",
        "benefit__organisation_id",
        "month",
        "net_earnings",
    ).order_by("pk")
    return [EarningsFinding(*row) for row in rows]
