"""The profile of "what works for whom": the bands a resident falls in when an instrument or provision starts (age,
distance to the labour market, education, time on social assistance). The bands are data (data/outcomes.yaml, read
once at import) so that policy can change them without code; the refresh stores outcome cells per band, and the
page, the exports and the caseworker's panel read the same bands and Dutch labels from here.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).parent / "data" / "outcomes.yaml"


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    low: int | None = None  # inclusive (years for age, months for benefit duration)
    high: int | None = None  # inclusive; None: no upper limit

    def holds(self, value: int) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class OutcomeRules:
    """The bands and windows of data/outcomes.yaml, as read at import."""

    source: str
    window_months: int
    panel_cohort_years: int
    age_bands: tuple[Band, ...]
    education_groups: dict[str, str]  # education level -> group code
    education_labels: tuple[Band, ...]
    benefit_durations: tuple[Band, ...]
    distance_unknown: Band


def _bands(rows: list[dict], low: str = "from", high: str = "to") -> tuple[Band, ...]:
    return tuple(Band(str(row["code"]), row["label"], row.get(low), row.get(high)) for row in rows)


def _load(path: Path = DATA) -> OutcomeRules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = data["education_groups"]
    return OutcomeRules(
        source=" ".join(data["source"].split()),
        window_months=int(data["window_months"]),
        panel_cohort_years=int(data["panel_cohort_years"]),
        age_bands=_bands(data["age_bands"]),
        education_groups={level: group["code"] for group in groups for level in group["levels"]},
        education_labels=_bands(groups),
        benefit_durations=_bands(data["benefit_durations"]),
        distance_unknown=Band(data["distance_unknown"]["code"], data["distance_unknown"]["label"]),
    )


RULES = _load()
UNKNOWN = "unknown"
NO_BENEFIT = RULES.benefit_durations[0].code  # the first band: no social assistance at the start

# The profile's dimensions: the OutcomeCell column, and its Dutch name.
DIMENSIONS: dict[str, str] = {
    "age_band": _("Leeftijd"),
    "distance_category": _("Afstand tot de arbeidsmarkt"),
    "education": _("Opleiding"),
    "benefit_duration": _("Duur in de bijstand"),
}


@dataclass(frozen=True)
class Profile:
    """One resident's bands on one day (the start of an intervention, or today for the caseworker's panel); a band
    None is left open (the panel leaves out what the caseworker may not see)."""

    age_band: str | None
    distance_category: str | None
    education: str | None
    benefit_duration: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in DIMENSIONS}


def whole_months(start: date, on: date) -> int:
    """Whole months from `start` to `on` (as relativedelta counts them, without its cost: the refresh calls this
    for every start)."""
    return (on.year - start.year) * 12 + on.month - start.month - (on.day < start.day)


def months_later(start: date, months: int) -> date:
    """`start` plus whole months, on the last day of a shorter month (as relativedelta adds them)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def age_band(birth_date: date | None, on: date) -> str:
    if birth_date is None or birth_date > on:
        return UNKNOWN
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return next((band.code for band in RULES.age_bands if band.holds(years)), UNKNOWN)


def education_group(level: str | None) -> str:
    return RULES.education_groups.get(level or UNKNOWN, UNKNOWN)


def benefit_duration(benefit_start: date | None, on: date) -> str:
    """The band of the time on social assistance on `on`; `benefit_start` None: no benefit running then."""
    if benefit_start is None or benefit_start > on:
        return NO_BENEFIT
    months = whole_months(benefit_start, on)
    return next((b.code for b in RULES.benefit_durations[1:] if b.holds(months)), NO_BENEFIT)


def profile_of(
    *, birth_date: date | None, education_level: str | None, distance: str | None, benefit_start: date | None, on: date
) -> Profile:
    """A resident's profile on `on` from their pseudonymous facts (no name, no BSN: dates and codes)."""
    return Profile(
        age_band=age_band(birth_date, on),
        distance_category=distance or RULES.distance_unknown.code,
        education=education_group(education_level),
        benefit_duration=benefit_duration(benefit_start, on),
    )


def band_labels(dimension: str, distance_labels: dict[str, str] | None = None) -> dict[str, str]:
    """The codes of a dimension's bands in their order, with their Dutch labels; the distance categories' labels
    come from participation's configuration (pass them as `distance_labels`)."""
    if dimension == "age_band":
        return {b.code: b.label for b in RULES.age_bands} | {UNKNOWN: str(_("Leeftijd onbekend"))}
    if dimension == "education":
        return {b.code: b.label for b in RULES.education_labels}
    if dimension == "benefit_duration":
        return {b.code: b.label for b in RULES.benefit_durations}
    if dimension == "distance_category":
        return dict(distance_labels or {}) | {RULES.distance_unknown.code: RULES.distance_unknown.label}
    raise KeyError(dimension)
