"""Recovery's numbers (data/recovery.yaml) and the beslagvrije voet computed from them, in one place.

The rule is simplified for a debtor who lives on the benefit: the protected income is 95 % of the applicable
bijstandsnorm (Rv art. 475da lid 1 with Pw art. 60b), rounded up to the cent in the debtor's favour; a settlement
may take only what the benefit due that month leaves above it. The data file says what is left out.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path

from ..core.legal_numbers import LegalNumbers, Number

NUMBERS = LegalNumbers(Path(__file__).parent / "data" / "recovery.yaml")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def value(name: str) -> Number:
    """The number `name` of recovery's data file (e.g. `objection_weeks`)."""
    return NUMBERS.value(name)


def protected_income(norm: Decimal) -> Decimal:
    """The beslagvrije voet for a debtor on the benefit: the share of the norm, rounded up (never less for them)."""
    share = Decimal(str(value("protected_income_share")))
    return (Decimal(norm) * share).quantize(CENT, rounding=ROUND_CEILING)


def room_left(*, income: Decimal, protected: Decimal) -> Decimal:
    """What the protected income leaves of `income` for paying off a claim: never below zero."""
    return max(ZERO, (Decimal(income) - Decimal(protected)).quantize(CENT, rounding=ROUND_FLOOR))


def deduction(*, monthly: Decimal, balance: Decimal, income: Decimal, protected: Decimal) -> Decimal:
    """One month's settlement: the arrangement's amount, at most the balance and at most what the voet leaves."""
    return max(ZERO, min(Decimal(monthly), Decimal(balance), room_left(income=income, protected=protected)))
