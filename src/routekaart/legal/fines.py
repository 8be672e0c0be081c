"""The administrative fine for breaching the duty to inform (Participatiewet art. 18a, Boetebesluit
socialezekerheidswetten): a share of the benefit harm by culpability, a warning instead where the harm is small and
there is no repeat offence, and a capped fine where there was no harm at all.

The numbers are data (`data/fines.yaml`, versioned, each with its source), read once at import; this module only
applies them. Pure: no database, so the pages, the service and the tests compute the same figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

from ..income.calculation import euro
from .models import Culpability

DATA = Path(__file__).resolve().parent / "data" / "fines.yaml"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class FineRules:
    """One version of the fine rules, in force from `valid_from`."""

    valid_from: date
    source: str
    percentages: dict[str, int]
    warning_max_harm: Decimal
    repeat_window_years: int
    no_harm_max_fine: Decimal


def _load() -> tuple[FineRules, ...]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    versions = []
    for item in raw["versions"]:
        percentages = {str(k): int(v) for k, v in item["culpability_percentages"].items()}
        if set(percentages) != set(Culpability.values):
            raise ValueError(f"fines.yaml {item['valid_from']}: a percentage for every culpability grade")
        versions.append(
            FineRules(
                valid_from=item["valid_from"],
                source=str(item["source"]),
                percentages=percentages,
                warning_max_harm=Decimal(str(item["warning_max_harm"])),
                repeat_window_years=int(item["repeat_window_years"]),
                no_harm_max_fine=Decimal(str(item["no_harm_max_fine"])),
            )
        )
    return tuple(sorted(versions, key=lambda v: v.valid_from))


VERSIONS = _load()


def rules_on(day: date) -> FineRules:
    """The version in force on `day` (the oldest one before any version starts)."""
    chosen = VERSIONS[0]
    for version in VERSIONS:
        if version.valid_from <= day:
            chosen = version
    return chosen


class Sanction:
    NONE = "none"  # no culpability: no fine and no warning
    WARNING = "warning"
    FINE = "fine"


@dataclass(frozen=True)
class FineCalculation:
    """What the rules say for one case: a fine (with its amount), a warning, or nothing; and why."""

    sanction: str
    amount: Decimal
    percentage: int
    harm: Decimal
    culpability: str
    repeat_offence: bool
    source: str

    @property
    def explanation(self) -> str:
        """A short Dutch account of the calculation for the page and the outcome's reasoning."""
        if self.sanction == Sanction.NONE:
            return "Geen verwijtbaarheid: geen boete (Awb art. 5:41)."
        if self.sanction == Sanction.WARNING:
            return (
                f"Benadelingsbedrag {euro(self.harm)} en geen recidive: een schriftelijke waarschuwing "
                f"in plaats van een boete ({self.source})."
            )
        if self.harm == 0:
            return f"Geen benadeling: boete {self.percentage}% van het maximum, {euro(self.amount)} ({self.source})."
        return f"{self.percentage}% van het benadelingsbedrag {euro(self.harm)} = {euro(self.amount)} ({self.source})."


def fine_calculate(*, harm: Decimal | None, culpability: str, repeat_offence: bool, on: date) -> FineCalculation:
    """The sanction for a breach of the duty to inform, by the rules in force on `on`.

    The fine never exceeds the harm where there is harm, and is never negative: the share is rounded down to cents.
    """
    rules = rules_on(on)
    if culpability not in rules.percentages:
        raise ValueError(f"Unknown culpability {culpability!r}")
    harm = max(Decimal(harm or 0), Decimal(0)).quantize(CENT)
    percentage = rules.percentages[culpability]
    common = {"harm": harm, "culpability": culpability, "repeat_offence": repeat_offence, "source": rules.source}
    if percentage == 0:
        return FineCalculation(sanction=Sanction.NONE, amount=Decimal("0.00"), percentage=0, **common)
    if harm <= rules.warning_max_harm and not repeat_offence:
        return FineCalculation(sanction=Sanction.WARNING, amount=Decimal("0.00"), percentage=percentage, **common)
    base = harm if harm > 0 else rules.no_harm_max_fine
    amount = (base * percentage / 100).quantize(CENT, rounding=ROUND_DOWN)
    return FineCalculation(sanction=Sanction.FINE, amount=amount, percentage=percentage, **common)
