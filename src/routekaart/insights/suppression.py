"""Small groups are never shown: a figure about fewer than `MIN_GROUP` residents shows "minder dan 10" and no
number, in every page, export and API of insights alike (k-anonymity). A rate is a count in disguise: shown beside
its group's size, 25 % of 12 gives the 3 away. So a rate is also suppressed when the residents it counts, or those
it does not, number 1 to 9 (0 and the whole group give no one away). Rates carry a 95 % Wilson interval, which
stays within 0 to 100 % and is honest for small groups and for rates near 0 or 100 %.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MIN_GROUP = 10  # residents: below this a group is suppressed
Z_95 = 1.959963984540054  # the normal quantile of a two-sided 95 % interval
TOO_FEW = _("minder dan 10")


@dataclass(frozen=True)
class Rate:
    """`part` of `whole` as a percentage with its 95 % interval; when `suppressed`, none of its numbers is shown."""

    part: int | None
    whole: int | None
    percent: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    suppressed: bool

    def __str__(self) -> str:
        if self.suppressed:
            return str(TOO_FEW)
        if self.percent is None:
            return "-"
        return f"{self.percent} %"


def is_suppressed(whole: int) -> bool:
    return 0 < whole < MIN_GROUP


def _one_decimal(value: float) -> Decimal:
    return Decimal(str(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def wilson(part: int, whole: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion, as fractions."""
    if whole <= 0:
        raise ValueError("a proportion needs at least one observation")
    p = part / whole
    z2 = Z_95 * Z_95
    centre = (p + z2 / (2 * whole)) / (1 + z2 / whole)
    half = Z_95 * math.sqrt(p * (1 - p) / whole + z2 / (4 * whole * whole)) / (1 + z2 / whole)
    return max(0.0, centre - half), min(1.0, centre + half)


def rate(part: int | None, whole: int) -> Rate:
    """The shown form of `part` of `whole`: suppressed when the group, the part or the rest of the group is 1 to 9
    residents; empty when nothing was counted or the outcome does not apply (`part` None)."""
    if is_suppressed(whole):
        return Rate(None, None, None, None, None, suppressed=True)
    if whole == 0 or part is None:
        return Rate(part, whole, None, None, None, suppressed=False)
    if is_suppressed(part) or is_suppressed(whole - part):
        return Rate(None, None, None, None, None, suppressed=True)
    lower, upper = wilson(part, whole)
    return Rate(part, whole, _one_decimal(part / whole), _one_decimal(lower), _one_decimal(upper), suppressed=False)


def count(value: int) -> int | None:
    """A count of residents as it may be shown: None (shown as "minder dan 10") for a small group."""
    return None if is_suppressed(value) else value
