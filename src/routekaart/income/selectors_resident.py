"""What a resident reads of their own income (Mijn Routekaart): the benefit they receive, month by month and
explained, the surplus settlements, the income reports and the changes reported for it.

A benefit is shown only to the persons it is for: the client and the client's partner. A housemate (a child of 18
living at home, a lodger) is a cost sharer at most: the benefit is not theirs to read. No access check and no log
here: the portal's scope decides who is asked about, and the portal logs the read with channel portal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..residents.selectors import household_composition_on
from . import selectors
from .calculation import BenefitCalculation, CalculationError
from .models import (
    ChangeKind,
    ChangeReport,
    ChangeStatus,
    IncomeReport,
    ReportSource,
    SocialAssistance,
    SurplusSettlement,
)

HISTORY_MONTHS = 6  # the months before this one the page shows
LIST_LENGTH = 12  # reports and settlements shown: a year
BENEFICIARY_ROLES = ("head", "partner")  # residents' membership roles of the couple a benefit is for

CHANGE_KIND_CHOICES = ChangeKind.choices
ABROAD = ChangeKind.ABROAD
RECEIVED = ChangeStatus.RECEIVED
REPORTED_BY_RESIDENT = ReportSource.CLIENT  # "Inwoner (portaal)"


@dataclass(frozen=True)
class MonthBenefit:
    """The benefit of one month, explained, or why it cannot be computed (in Dutch)."""

    month: date
    calculation: BenefitCalculation | None
    error: str = ""


@dataclass
class ResidentIncome:
    benefit: SocialAssistance
    months: list[MonthBenefit]  # this month first, then the months before it the benefit ran
    settlements: list[SurplusSettlement] = field(default_factory=list)
    income_reports: list[IncomeReport] = field(default_factory=list)
    change_reports: list[ChangeReport] = field(default_factory=list)

    @property
    def this_month(self) -> MonthBenefit | None:
        return self.months[0] if self.months else None


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _months_back(month: date, count: int) -> list[date]:
    months = [month]
    for _step in range(count):
        months.append(_first_of_month(months[-1] - timedelta(days=1)))
    return months


def benefit_of_resident(*, household_id: int, resident_id: int, on: date) -> SocialAssistance | None:
    """The household's benefit (running on `on`, else its latest) if it is for this resident: its client, or the
    client's partner in the household. Three queries."""
    benefit = selectors.benefit_for_household(household_id=household_id, on=on)
    if benefit is None or benefit.client_id == resident_id:
        return benefit
    roles = {m.resident_id: m.role for m in household_composition_on(household_id=household_id, on=on)}
    couple = roles.get(benefit.client_id) in BENEFICIARY_ROLES and roles.get(resident_id) in BENEFICIARY_ROLES
    return benefit if couple else None


def _month_benefit(benefit: SocialAssistance, month: date) -> MonthBenefit:
    try:
        return MonthBenefit(month, selectors.benefit_calculation_get(benefit=benefit, month=month))
    except CalculationError as problem:
        return MonthBenefit(month, None, str(problem))


def _ran_in(benefit: SocialAssistance, month: date) -> bool:
    return _first_of_month(benefit.started_on) <= month and (benefit.ended_on is None or month < benefit.ended_on)


def resident_income_get(*, benefit: SocialAssistance, on: date) -> ResidentIncome:
    """The benefit this month and the HISTORY_MONTHS before (the months it ran), with the latest settlements,
    income reports and reported changes. A fixed number of queries per month, whatever the history."""
    months = [m for m in _months_back(_first_of_month(on), HISTORY_MONTHS) if _ran_in(benefit, m)]
    return ResidentIncome(
        benefit=benefit,
        months=[_month_benefit(benefit, m) for m in months],
        settlements=list(SurplusSettlement.objects.filter(benefit=benefit).order_by("-month")[:LIST_LENGTH]),
        income_reports=list(IncomeReport.objects.filter(benefit=benefit).order_by("-month")[:LIST_LENGTH]),
        change_reports=list(ChangeReport.objects.filter(benefit=benefit).order_by("-reported_at", "-pk")[:LIST_LENGTH]),
    )


def month_benefit_get(*, benefit: SocialAssistance, month: date) -> MonthBenefit:
    """One month's benefit, explained (the effect of an income report, for its confirmation)."""
    return _month_benefit(benefit, _first_of_month(month))


def last_income_report(*, benefit: SocialAssistance) -> IncomeReport | None:
    """The latest month reported: the income report form starts from it (seed 004: what you gave last time)."""
    return IncomeReport.objects.filter(benefit=benefit).order_by("-month").first()
