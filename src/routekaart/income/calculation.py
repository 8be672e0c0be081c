"""The benefit calculation, the cost-sharer norm, the earnings disregard, the surplus settlement and simple switching.

Pure functions over plain values (no database), so Hypothesis can test them against hand-computed cases and the
pages, the API and the batch all compute the same figures. Every result carries its lines: each figure with what
it is and where it comes from, as the coordinator and the resident read them on screen.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..residents.life_phase import aow_date
from . import rules_data

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class CalculationError(ValueError):
    """The case falls outside what this calculation covers; the message says why, in Dutch."""


def money(value: Decimal | Fraction | int | float | str) -> Decimal:
    """Round to whole cents, half up, as benefit administrations do."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def euro(amount: Decimal) -> str:
    """`€ 1.234,56`: Dutch notation for the explanation texts."""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {groups},{cents}"


def percent(share: Fraction) -> str:
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}".replace(".", ",") + "%"


@dataclass(frozen=True)
class NormSet:
    """The amounts in force on one date (a `NormVersion` row, or the same values in a test)."""

    effective_from: date
    couple: Decimal
    single: Decimal
    single_parent: Decimal
    cost_sharer_base: Decimal = Decimal("0.40")
    cost_sharer_per_person: Decimal = Decimal("0.30")
    cost_sharer_min_age: int = 27
    disregard_rate: Decimal = Decimal("0.25")
    disregard_months: int = 6
    disregard_cap: Decimal = Decimal("288.43")
    disregard_min_age: int = 27
    source: str = ""
    provisional: bool = False
    note: str = ""

    @classmethod
    def from_model(cls, version) -> NormSet:
        return cls(**{f: getattr(version, f) for f in cls.__dataclass_fields__})

    def base_norm(self, kind: str) -> Decimal:
        return {"single": self.single, "single_parent": self.single_parent, "couple": self.couple}[kind]


@dataclass(frozen=True)
class Line:
    """One line of an explained calculation: what, how much, and where it comes from."""

    label: str
    amount: Decimal | None = None
    explanation: str = ""
    sign: str = ""  # "+", "-", "=" or "" for an informative line


# --- The cost-sharer norm --------------------------------------------------------------------------------------


def cost_sharer_share(*, cost_sharers: int, norms: NormSet) -> Fraction:
    """(base + A x per_person) / A: the share of the couple norm per person when A adults share the home."""
    if cost_sharers < 1:
        raise CalculationError(_("Er woont ten minste één kostendeler: de aanvrager zelf."))
    base = Fraction(norms.cost_sharer_base)
    per_person = Fraction(norms.cost_sharer_per_person)
    return (base + cost_sharers * per_person) / cost_sharers


def cost_sharer_norm(*, cost_sharers: int, norms: NormSet) -> Decimal:
    """The norm per person under the cost-sharer norm, in cents (Pw art. 22a lid 1)."""
    return money(cost_sharer_share(cost_sharers=cost_sharers, norms=norms) * Fraction(norms.couple))


@dataclass(frozen=True)
class Housemate:
    """Someone in the home on the date of the calculation, as the cost-sharer norm sees them."""

    name: str
    age: int
    is_beneficiary: bool = False  # the client, or the client's partner
    excluded_reason: str = ""  # student / commercial relationship (CostSharerExclusion), shown as is


def cost_sharers_count(*, housemates: list[Housemate], norms: NormSet) -> tuple[int, list[Line]]:
    """A, with one line per housemate saying whether and why they count."""
    count = 0
    lines: list[Line] = []
    for person in housemates:
        if person.is_beneficiary:
            count += 1
            lines.append(Line(person.name, None, _("telt mee: ontvangt de uitkering")))
        elif person.excluded_reason:
            lines.append(Line(person.name, None, _("telt niet mee: %(reason)s") % {"reason": person.excluded_reason}))
        elif person.age < norms.cost_sharer_min_age:
            lines.append(
                Line(
                    person.name,
                    None,
                    _("telt niet mee: jonger dan %(age)d jaar") % {"age": norms.cost_sharer_min_age},
                )
            )
        else:
            count += 1
            lines.append(Line(person.name, None, _("telt mee: %(age)d jaar, deelt de woning") % {"age": person.age}))
    return count, lines


def household_norm(*, kind: str, beneficiaries: int, cost_sharers: int, norms: NormSet) -> tuple[Decimal, list[Line]]:
    """The norm of the benefit unit (single, single parent or couple), lowered by the cost-sharer norm if others
    share the home. Returns the amount and its lines."""
    base = norms.base_norm(kind)
    labels = {
        "single": _("Normbedrag alleenstaande"),
        "single_parent": _("Normbedrag alleenstaande ouder"),
        "couple": _("Normbedrag gehuwden"),
    }
    source = _("Participatiewet art. 21, bedragen per %(date)s") % {"date": date_format(norms.effective_from, "j F Y")}
    lines = [Line(labels[kind], base, source, "+")]
    if cost_sharers <= beneficiaries:
        return base, lines
    share = cost_sharer_share(cost_sharers=cost_sharers, norms=norms)
    per_person = cost_sharer_norm(cost_sharers=cost_sharers, norms=norms)
    amount = per_person * beneficiaries
    lines.append(
        Line(
            _("Kostendelersnorm, %(count)d kostendelers") % {"count": cost_sharers},
            per_person,
            _("(%(base)s + %(count)d × %(per)s) / %(count)d = %(share)s van de gehuwdennorm %(couple)s, per persoon")  # noqa: RUF001
            % {
                "base": percent(Fraction(norms.cost_sharer_base)),
                "per": percent(Fraction(norms.cost_sharer_per_person)),
                "count": cost_sharers,
                "share": percent(share),
                "couple": euro(norms.couple),
            },
        )
    )
    if beneficiaries > 1:
        lines.append(
            Line(
                _("Norm voor beide partners"),
                amount,
                _("%(per)s × %(count)d partners") % {"per": euro(per_person), "count": beneficiaries},  # noqa: RUF001
                "",
            )
        )
    lines.append(
        Line(
            _("Verlaging door de kostendelersnorm"),
            base - amount,
            _("Participatiewet art. 22a: wie de woning deelt, deelt de kosten"),
            "-",
        )
    )
    return amount, lines


# --- The earnings disregard ----------------------------------------------------------------------------------


def earnings_disregard(
    *, earnings: Decimal, month_number: int, client_age: int, norms: NormSet
) -> tuple[Decimal, Line | None]:
    """Pw art. 31 lid 2 onder n: `rate` of the earnings from work, at most `cap` a month, in months 1..`months`."""
    if earnings <= 0:
        return ZERO, None
    label = _("Inkomstenvrijlating")
    if client_age < norms.disregard_min_age:
        return ZERO, Line(
            label, ZERO, _("geen vrijlating: jonger dan %(age)d jaar") % {"age": norms.disregard_min_age}, "+"
        )
    if month_number > norms.disregard_months:
        return ZERO, Line(
            label,
            ZERO,
            _("geen vrijlating meer: de %(months)d maanden zijn voorbij") % {"months": norms.disregard_months},
            "+",
        )
    share = money(Fraction(earnings) * Fraction(norms.disregard_rate))
    amount = min(share, norms.disregard_cap)
    explanation = _("%(rate)s van %(earnings)s, maand %(month)d van %(months)d, ten hoogste %(cap)s per maand") % {
        "rate": percent(Fraction(norms.disregard_rate)),
        "earnings": euro(earnings),
        "month": month_number,
        "months": norms.disregard_months,
        "cap": euro(norms.disregard_cap),
    }
    return amount, Line(label, amount, explanation, "+")


# --- The benefit for one month -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenefitCalculation:
    on: date
    norms: NormSet
    kind: str
    cost_sharers: int
    norm: Decimal
    earnings: Decimal
    other_income: Decimal
    disregard: Decimal
    benefit: Decimal
    lines: list[Line] = field(default_factory=list)
    housemate_lines: list[Line] = field(default_factory=list)

    @property
    def income(self) -> Decimal:
        """What the household lives on this month: earnings, other income and benefit together."""
        return self.earnings + self.other_income + self.benefit


def benefit_calculate(
    *,
    on: date,
    norms: NormSet,
    kind: str,
    client_birth_date: date,
    housemates: list[Housemate],
    earnings: Decimal = ZERO,
    other_income: Decimal = ZERO,
    disregard_month: int = 1,
) -> BenefitCalculation:
    """The benefit for the month containing `on`, explained line by line.

    Covers clients from 21 to the pension age (the norms of Pw art. 21 and 22a); other ages raise
    `CalculationError`.
    """
    age = _age(client_birth_date, on)
    if age < rules_data.value("calculation_min_age"):
        raise CalculationError(_("Deze berekening geldt vanaf 21 jaar; voor jongeren gelden de normen van art. 20."))
    if on >= aow_date(client_birth_date):  # the AOW age is residents' legal number, not a norm of this version
        raise CalculationError(_("Deze berekening geldt tot de AOW-leeftijd; daarna gelden de normen van art. 22."))
    if earnings < 0 or other_income < 0:
        raise CalculationError(_("Inkomsten kunnen niet negatief zijn."))
    beneficiaries = sum(1 for h in housemates if h.is_beneficiary)
    expected = 2 if kind == "couple" else 1
    if beneficiaries != expected:
        raise CalculationError(_("Bij deze leefvorm hoort een ander aantal uitkeringsgerechtigden."))
    cost_sharers, housemate_lines = cost_sharers_count(housemates=housemates, norms=norms)
    norm, lines = household_norm(kind=kind, beneficiaries=beneficiaries, cost_sharers=cost_sharers, norms=norms)
    if len(lines) > 1:
        lines.append(Line(_("Norm"), norm, _("na de kostendelersnorm"), "="))
    earnings = money(earnings)
    other_income = money(other_income)
    disregard, disregard_line = earnings_disregard(
        earnings=earnings, month_number=disregard_month, client_age=age, norms=norms
    )
    if earnings > 0:
        lines.append(Line(_("Inkomsten uit werk"), earnings, _("netto, zoals doorgegeven"), "-"))
    if disregard_line is not None:
        lines.append(disregard_line)
    if other_income > 0:
        lines.append(Line(_("Andere inkomsten"), other_income, _("netto, zoals doorgegeven"), "-"))
    counted = max(ZERO, earnings - disregard) + other_income
    benefit = max(ZERO, norm - counted)
    if counted > norm:
        explanation = _("de inkomsten zijn hoger dan de norm: geen uitkering deze maand")
    else:
        explanation = _("norm min de inkomsten die meetellen")
    lines.append(Line(_("Uitkering deze maand"), benefit, explanation, "="))
    return BenefitCalculation(
        on=on,
        norms=norms,
        kind=kind,
        cost_sharers=cost_sharers,
        norm=norm,
        earnings=earnings,
        other_income=other_income,
        disregard=disregard,
        benefit=benefit,
        lines=lines,
        housemate_lines=housemate_lines,
    )


def _age(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


# --- The surplus settlement ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurplusMonth:
    """One month of the surplus settlement: what was due, what was paid in advance, and the difference."""

    norm: Decimal
    earnings: Decimal
    disregard: Decimal
    due: Decimal
    advance: Decimal
    settlement: Decimal
    income: Decimal
    lines: list[Line]


def surplus_month(*, norm: Decimal, earnings: Decimal, disregard: Decimal, advance: Decimal) -> SurplusMonth:
    """Settle a month's actual earnings against the advance paid for it.

    The benefit due is norm - (earnings - disregard), never below zero; earnings + due is then norm + disregard
    whatever the hours worked, which is what makes the income stable. The settlement (due - advance) is paid with,
    or deducted from, the next payment.
    """
    if min(norm, earnings, disregard, advance) < 0:
        raise CalculationError(_("Bedragen in de verrekening kunnen niet negatief zijn."))
    if disregard > earnings:
        raise CalculationError(_("De vrijlating kan niet hoger zijn dan de inkomsten."))
    due = max(ZERO, norm - (earnings - disregard))
    settlement = due - advance
    income = earnings + due
    lines = [
        Line(_("Norm"), norm, _("de uitkering zonder inkomsten"), "+"),
        Line(_("Inkomsten uit werk deze maand"), earnings, _("zoals doorgegeven"), "-"),
        Line(_("Inkomstenvrijlating"), disregard, _("dit deel van de inkomsten houdt u"), "+"),
        Line(_("Uitkering over deze maand"), due, _("norm min inkomsten plus vrijlating"), "="),
        Line(_("Al betaald als voorschot"), advance, _("op basis van de inkomsten van vorige maand"), "-"),
        Line(
            _("Verrekening met de volgende betaling"),
            settlement,
            _("bijbetaling") if settlement >= 0 else _("inhouding"),
            "=",
        ),
        Line(
            _("Uw inkomen over deze maand"), income, _("inkomsten plus uitkering: gelijk aan norm plus vrijlating"), ""
        ),
    ]
    return SurplusMonth(norm, earnings, disregard, due, advance, settlement, income, lines)


# --- Simple switching from benefit to work -----------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """What happens on one date, and for whom ("client", "coordinator" or both)."""

    on: date
    audiences: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class SwitchPlan:
    end_date: date
    bridging_benefit: Decimal
    bridging_earnings: Decimal
    settlement: Decimal
    instalments: int
    instalment_amount: Decimal
    moments: list[Moment]
    lines: list[Line]


def _prorate(monthly: Decimal, start: date, end: date) -> Decimal:
    """The part of a monthly amount for the days [start, end), month by month, by calendar days."""
    total = Fraction(0)
    day = start
    while day < end:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        month_end = date(day.year, day.month, days_in_month) + timedelta(days=1)
        stop = min(end, month_end)
        total += Fraction(monthly) * (stop - day).days / days_in_month
        day = stop
    return money(total)


def benefit_to_work_switch_plan(
    *,
    monthly_benefit: Decimal,
    work_start: date,
    first_salary_on: date,
    net_monthly_salary: Decimal,
    settle_bridging_earnings: bool,
    instalment_max: Decimal,
    first_payslip_check_days: int,
) -> SwitchPlan:
    """Simpel switchen: the benefit bridges from the first working day to the first salary, then stops, without a gap.

    The earnings over the bridge (the salary for those days, paid with the first salary) are settled against the
    bridging benefit afterwards, in instalments of at most `instalment_max`, so the first months in work stay
    affordable; or not at all when the municipality's practice waives it.
    """
    if first_salary_on < work_start:
        raise CalculationError(_("Het eerste salaris komt niet vóór de eerste werkdag."))
    if monthly_benefit < 0 or net_monthly_salary < 0:
        raise CalculationError(_("Bedragen kunnen niet negatief zijn."))
    if instalment_max <= 0:
        raise CalculationError(_("Het maximum per termijn moet groter zijn dan nul."))
    end_date = max(first_salary_on, work_start + timedelta(days=1))
    bridging_benefit = _prorate(monthly_benefit, work_start, end_date)
    bridging_earnings = _prorate(net_monthly_salary, work_start, end_date)
    settlement = min(bridging_benefit, bridging_earnings) if settle_bridging_earnings else ZERO
    instalments = math.ceil(settlement / instalment_max) if settlement > 0 else 0
    instalment_amount = money(settlement / instalments) if instalments else ZERO
    first_instalment = _first_of_next_month(end_date)
    moments = [
        Moment(
            work_start,
            ("client", "coordinator"),
            _(
                "Eerste werkdag. De uitkering loopt door als overbrugging tot het eerste salaris: "
                "u zit geen dag zonder geld."
            ),
        ),
        Moment(
            end_date,
            ("client", "coordinator"),
            _("Eerste salaris. De uitkering stopt op deze dag; de laatste betaling gaat over de dagen ervoor."),
        ),
        Moment(
            end_date + timedelta(days=first_payslip_check_days),
            ("coordinator",),
            _(
                "Eerste loonstrook controleren en de verrekening vaststellen; "
                "regelingencheck herhalen met het nieuwe inkomen."
            ),
        ),
    ]
    if instalments:
        moments.append(
            Moment(
                first_instalment,
                ("client", "coordinator"),
                _(
                    "Verrekening van %(amount)s over de overbrugging: "
                    "%(count)d termijn(en) van ten hoogste %(each)s per maand."
                )
                % {"amount": euro(settlement), "count": instalments, "each": euro(instalment_amount)},
            )
        )
    else:
        moments.append(Moment(first_instalment, ("client",), _("Er valt niets te verrekenen over de overbrugging.")))
    lines = [
        Line(_("Uitkering per maand"), money(monthly_benefit), _("zoals nu berekend"), ""),
        Line(
            _("Overbrugging"),
            bridging_benefit,
            _("uitkering van %(start)s tot %(end)s")
            % {"start": date_format(work_start, "j F Y"), "end": date_format(end_date, "j F Y")},
            "+",
        ),
        Line(_("Salaris over dezelfde dagen"), bridging_earnings, _("netto, naar rato van de kalenderdagen"), ""),
        Line(
            _("Te verrekenen"),
            settlement,
            _("het laagste van beide") if settle_bridging_earnings else _("niet verrekend volgens de werkafspraken"),
            "=",
        ),
    ]
    return SwitchPlan(
        end_date=end_date,
        bridging_benefit=bridging_benefit,
        bridging_earnings=bridging_earnings,
        settlement=settlement,
        instalments=instalments,
        instalment_amount=instalment_amount,
        moments=sorted(moments, key=lambda m: m.on),
        lines=lines,
    )


def _first_of_next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)
