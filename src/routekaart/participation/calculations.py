"""The calculations of participation, as pure functions over the rules (data/wage_subsidy.yaml) and dates.

Pure on purpose: Hypothesis tests them over thousands of inputs without a database, and the services, the budget
monitor and the API all call the same functions.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class RulesError(ValueError):
    """The rules do not cover what was asked (for example a date before the first minimum wage in the table)."""


@dataclass(frozen=True)
class WageSubsidyRules:
    """The numbers of Participatiewet art. 10d as the data file gives them; see data/wage_subsidy.yaml."""

    hourly_minimum_wage: tuple[tuple[date, Decimal], ...]
    holiday_pay_percent: Decimal
    weeks_per_year: Decimal
    months_per_year: Decimal
    max_share_percent: Decimal
    employer_costs_allowance: tuple[tuple[int, Decimal], ...]
    step_months: int
    reduction_percent_per_step: Decimal
    wage_value_valid_months: int
    wage_value_methods: tuple[tuple[str, str], ...]

    @classmethod
    def from_document(cls, document: dict) -> WageSubsidyRules:
        wage = document["minimum_wage"]
        hourly = sorted((date.fromisoformat(str(r["from"])), Decimal(str(r["amount"]))) for r in wage["hourly"])
        allowance = sorted(
            (int(r["from_year"]), Decimal(str(r["percent"]))) for r in document["employer_costs_allowance"]
        )
        growth = document["growth_potential"]
        return cls(
            hourly_minimum_wage=tuple(hourly),
            holiday_pay_percent=Decimal(str(wage["holiday_pay_percent"])),
            weeks_per_year=Decimal(str(wage["weeks_per_year"])),
            months_per_year=Decimal(str(wage["months_per_year"])),
            max_share_percent=Decimal(str(document["max_share_of_minimum_wage"])),
            employer_costs_allowance=tuple(allowance),
            step_months=int(growth["step_months"]),
            reduction_percent_per_step=Decimal(str(growth["reduction_percent_per_step"])),
            wage_value_valid_months=int(document["wage_value"]["valid_months"]),
            wage_value_methods=tuple((m["code"], m["name"]) for m in document["wage_value"]["methods"]),
        )

    def hourly_wage_on(self, on: date) -> Decimal:
        index = bisect_right([d for d, _ in self.hourly_minimum_wage], on)
        if index == 0:
            raise RulesError(f"no minimum wage before {self.hourly_minimum_wage[0][0]}")
        return self.hourly_minimum_wage[index - 1][1]

    def allowance_for(self, year: int) -> Decimal:
        index = bisect_right([y for y, _ in self.employer_costs_allowance], year)
        if index == 0:
            raise RulesError(f"no employer-costs allowance before {self.employer_costs_allowance[0][0]}")
        return self.employer_costs_allowance[index - 1][1]

    @property
    def method_codes(self) -> set[str]:
        return {code for code, _ in self.wage_value_methods}


@dataclass(frozen=True)
class WageSubsidy:
    """One month's wage-cost subsidy and how it is made up (amounts per month, in euros, rounded to the cent)."""

    minimum_wage: Decimal  # the minimum wage for the hours, with holiday pay
    wage_value: Decimal  # the wage value in euros: the percentage of that minimum wage
    compensation: Decimal  # minimum wage - wage value, at most the cap
    cap: Decimal
    allowance_percent: Decimal
    allowance: Decimal
    amount: Decimal  # compensation + allowance
    capped: bool


def wage_subsidy_monthly(
    *, rules: WageSubsidyRules, on: date, hours_per_week: Decimal, wage_value_percent: Decimal
) -> WageSubsidy:
    """LKS for a month: minimum wage for the hours (with holiday pay) minus wage value, capped, plus the allowance."""
    if hours_per_week <= 0:
        raise RulesError("hours per week must be positive")
    if not Decimal(0) <= wage_value_percent <= HUNDRED:
        raise RulesError("wage value is a percentage between 0 and 100")
    monthly_hours = hours_per_week * rules.weeks_per_year / rules.months_per_year
    minimum_wage = rules.hourly_wage_on(on) * monthly_hours * (1 + rules.holiday_pay_percent / HUNDRED)
    wage_value = minimum_wage * wage_value_percent / HUNDRED
    cap = minimum_wage * rules.max_share_percent / HUNDRED
    difference = minimum_wage - wage_value
    compensation = min(difference, cap)
    allowance_percent = rules.allowance_for(on.year)
    allowance = compensation * allowance_percent / HUNDRED
    return WageSubsidy(
        minimum_wage=cents(minimum_wage),
        wage_value=cents(wage_value),
        compensation=cents(compensation),
        cap=cents(cap),
        allowance_percent=allowance_percent,
        allowance=cents(allowance),
        amount=cents(compensation + allowance),
        capped=difference > cap,
    )


def growth_factor(*, rules: WageSubsidyRules, months_since_start: int, growth_potential: bool) -> Decimal:
    """The share of the starting subsidy still paid after so many months: 1 for LKS-ZDP, stepping to 0 for LKS-MDP."""
    if not growth_potential:
        return Decimal(1)
    steps = max(months_since_start, 0) // rules.step_months
    return max(Decimal(0), 1 - steps * rules.reduction_percent_per_step / HUNDRED)


def month_start(on: date) -> date:
    return on.replace(day=1)


def months_between(start: date, end: date) -> list[tuple[date, Decimal]]:
    """Each calendar month the inclusive period [start, end] touches, with the share of that month it covers."""
    if end < start:
        return []
    months = []
    current = month_start(start)
    while current <= end:
        days_in_month = calendar.monthrange(current.year, current.month)[1]
        last = current.replace(day=days_in_month)
        covered = (min(end, last) - max(start, current)).days + 1
        months.append((current, Decimal(covered) / Decimal(days_in_month)))
        current = last + timedelta(days=1)
    return months


def flat_schedule(*, start: date, end: date, monthly_amount: Decimal) -> dict[date, Decimal]:
    """A fixed monthly price over [start, end], pro rata for the days of a first and last month."""
    return {month: cents(monthly_amount * share) for month, share in months_between(start, end)}


def wage_subsidy_schedule(
    *,
    rules: WageSubsidyRules,
    start: date,
    end: date,
    hours_per_week: Decimal,
    wage_value_percent: Decimal,
    growth_potential: bool,
) -> dict[date, Decimal]:
    """The LKS committed per month over [start, end]: that month's wage and allowance, the MDP step, pro rata."""
    schedule = {}
    first = month_start(start)
    for month, share in months_between(start, end):
        index = (month.year - first.year) * 12 + month.month - first.month
        factor = growth_factor(rules=rules, months_since_start=index, growth_potential=growth_potential)
        monthly = wage_subsidy_monthly(
            rules=rules, on=month, hours_per_week=hours_per_week, wage_value_percent=wage_value_percent
        )
        schedule[month] = cents(monthly.amount * factor * share)
    return schedule


@dataclass(frozen=True)
class DurationRule:
    min_weeks: int | None
    max_months: int | None


def latest_end(*, start: date, max_months: int) -> date:
    """The last day an instrument of at most `max_months` months may run: 6 months from 1 January is 30 June."""
    return start + relativedelta(months=max_months) - timedelta(days=1)


def duration_allowed(*, start: date, end: date, rule: DurationRule) -> bool:
    """Is the inclusive period [start, end] within the instrument's minimum weeks and maximum months?"""
    days = (end - start).days + 1
    if rule.min_weeks is not None and days < rule.min_weeks * 7:
        return False
    return not (rule.max_months is not None and end > latest_end(start=start, max_months=rule.max_months))


def next_assessment(*, assessed_on: date, months: int) -> date:
    """The set time of the next assessment: so many months after this one."""
    return assessed_on + relativedelta(months=months)
