"""The cost-benefit ratio of an instrument or a route (MKBA, seed 002 §3.3), with every assumption as data.

The refresh counts the quantities (`CostBenefitCell`: participants, cost, months off assistance, earnings); the
ratio is computed here, where it is shown, from `data/cost_benefit.yaml`, so a changed assumption needs no refresh
and the page can show each assumption beside the figure it produced:

    financial benefits = benefit months saved x monthly benefit + earnings x earnings share
    social benefits    = financial benefits x (1 + immaterial mark-up)
    ratio              = benefits / cost

The seed's MKBA found 1.1 (social) and 1.0 (financial); the page shows our ratios beside them. There is no ratio
when nothing was spent (not a division by zero) and none for a group of fewer than 10 participants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ..core.legal_numbers import LegalNumbers
from ..income.selectors_facts_costs import single_norm_on

NUMBERS = LegalNumbers(Path(__file__).parent / "data" / "cost_benefit.yaml")
CENT = Decimal("0.01")
ZERO = Decimal("0")


def number(name: str) -> Decimal:
    """A number of data/cost_benefit.yaml as a Decimal (read once per process)."""
    return Decimal(str(NUMBERS.value(name)))


def horizon_months() -> int:
    return int(NUMBERS.value("horizon_months"))


@dataclass(frozen=True)
class Assumptions:
    """What turns the counted quantities into money: shown on the page in the "Aannames" table."""

    horizon_months: int
    monthly_benefit: Decimal
    monthly_benefit_source: str
    earnings_share: Decimal
    immaterial_markup: Decimal
    reference_social: Decimal
    reference_financial: Decimal


def assumptions(on: date) -> Assumptions:
    """The assumptions in force on `on`: the month of assistance costs the single norm in force that day (income's
    norms, one query; the data file's amount when none are loaded), in today's prices for every year alike."""
    norm = single_norm_on(on)
    if norm is None:
        monthly, source = number("monthly_benefit_fallback"), NUMBERS.source("monthly_benefit_fallback")
    else:
        monthly = norm.amount
        source = str(_("Pw art. 21: netto alleenstaandennorm per {date} ({source})")).format(
            date=norm.effective_from.strftime("%d-%m-%Y"), source=norm.source
        )
    return Assumptions(
        horizon_months=horizon_months(),
        monthly_benefit=Decimal(monthly),
        monthly_benefit_source=source,
        earnings_share=number("earnings_share"),
        immaterial_markup=number("immaterial_markup"),
        reference_social=number("reference_social_ratio"),
        reference_financial=number("reference_financial_ratio"),
    )


@dataclass(frozen=True)
class Quantities:
    """The summed cells of one instrument or route over the chosen years and municipality."""

    participants: int
    cost: Decimal
    left_benefit: int
    benefit_months_saved: Decimal
    work_months: Decimal
    earnings: Decimal


@dataclass(frozen=True)
class Outcome:
    """The benefits in money and the two ratios (None: nothing was spent, so no ratio)."""

    savings: Decimal  # benefit months saved x monthly benefit
    productivity: Decimal  # earnings x earnings share
    financial_benefits: Decimal
    social_benefits: Decimal
    financial_ratio: Decimal | None
    social_ratio: Decimal | None


def ratio(benefits: Decimal, cost: Decimal) -> Decimal | None:
    """Benefits per euro spent, to the cent; None when nothing (or less) was spent."""
    if cost <= 0:
        return None
    return (Decimal(benefits) / Decimal(cost)).quantize(CENT, rounding=ROUND_HALF_UP)


def outcome(quantities: Quantities, assumptions: Assumptions) -> Outcome:
    """The money value of the quantities and the social and financial ratios (see the module's formula)."""
    savings = (Decimal(quantities.benefit_months_saved) * assumptions.monthly_benefit).quantize(CENT, ROUND_HALF_UP)
    productivity = (Decimal(quantities.earnings) * assumptions.earnings_share).quantize(CENT, ROUND_HALF_UP)
    financial = savings + productivity
    social = (financial * (1 + assumptions.immaterial_markup)).quantize(CENT, ROUND_HALF_UP)
    return Outcome(
        savings=savings,
        productivity=productivity,
        financial_benefits=financial,
        social_benefits=social,
        financial_ratio=ratio(financial, Decimal(quantities.cost)),
        social_ratio=ratio(social, Decimal(quantities.cost)),
    )
