"""Pseudonymous facts for the policy simulation (insights, seed 004 "Er kan meer!"): which households income knows,
their type, children and income against the social minimum, which local regulations they use and which they are
entitled to but do not use. Internal ids, codes and amounts only: never a name, BSN, address or free text.

A fixed number of queries whatever the caseload (seven); the composition is read in one query and reduced to a
household type with numpy, as the regulations check does (`income.batch`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
from django.db.models import Q

from ..residents.selectors_facts_simulation import PARTNER, households_headed_in, member_facts
from . import rules_data
from .models import EntitlementCheckRun, HouseholdSituation, NonTakeUp, RegulationUse, UseStatus
from .selectors import norm_version_on, regulations_in_force

HOUSEHOLD_TYPES = ("single", "single_parent", "couple", "couple_with_children")
# The social minimum of each type: the Participatiewet norm without the cost-sharer reduction, as municipalities
# use for their schemes (income/data/regulations.yaml, `income_percent`).
NORM_OF_TYPE = {
    "single": "single",
    "single_parent": "single_parent",
    "couple": "couple",
    "couple_with_children": "couple",
}


@dataclass(frozen=True)
class RegulationFact:
    code: str
    name: str


@dataclass(frozen=True)
class SimulationFacts:
    """One row per household income knows in the municipality on `on` (columns as numpy arrays, cents as int64).

    `uses` and `non_take_up` are (household id, regulation code) pairs; `check_on` is the date of the regulations
    check the non-take-up comes from (None without a check)."""

    on: date
    household_ids: np.ndarray
    household_type: np.ndarray  # one of HOUSEHOLD_TYPES
    children: np.ndarray
    income_cents: np.ndarray  # net household income per month
    norm_cents: np.ndarray  # the social minimum per month of the household's type
    regulations: list[RegulationFact]
    uses: list[tuple[int, str]]
    non_take_up: list[tuple[int, str]]
    norms_from: date | None
    norms_source: str
    check_on: date | None


def _cents(value: Decimal) -> int:
    return int((Decimal(value) * 100).to_integral_value())


def _year_bounds(on: date) -> tuple[date, date]:
    return date(on.year, 1, 1), date(on.year, 12, 31)


def simulation_facts(*, municipality_id: int, on: date) -> SimulationFacts:
    """The caseload of the simulation: every household with a situation on record up to `on`'s year (the latest,
    as the regulations check reads it) whose head lives in `municipality_id` on `on`."""
    heads = households_headed_in(municipality_id=municipality_id, on=on)
    situations = list(
        HouseholdSituation.objects.filter(household_id__in=heads, year__lte=on.year)
        .order_by("household_id", "-year")
        .values_list("household_id", "monthly_income")
    )
    latest: dict[int, int] = {}
    for household_id, income in situations:  # sorted by year descending within a household: keep the first
        latest.setdefault(household_id, _cents(income))
    household_ids = np.fromiter(sorted(latest), dtype=np.int64, count=len(latest))
    n = len(household_ids)
    income = np.fromiter((latest[h] for h in household_ids.tolist()), dtype=np.int64, count=n)

    members = member_facts(households=heads, on=on)
    member_household = np.fromiter((m[0] for m in members), dtype=np.int64, count=len(members))
    keep = np.isin(member_household, household_ids)
    row = np.searchsorted(household_ids, member_household[keep])
    roles = np.asarray([m[1] for m in members], dtype="<U8")[keep] if members else np.empty(0, dtype="<U8")
    today = on.year * 10000 + on.month * 100 + on.day
    births = np.fromiter((m[2].year * 10000 + m[2].month * 100 + m[2].day for m in members), dtype=np.int64)
    ages = (today - births[keep]) // 10000
    partners = np.bincount(row[roles == PARTNER], minlength=n)
    children = np.bincount(row[ages < rules_data.value("child_age")], minlength=n).astype(np.int64)
    household_type = np.where(
        partners > 0,
        np.where(children > 0, "couple_with_children", "couple"),
        np.where(children > 0, "single_parent", "single"),
    ).astype("<U20")

    version = norm_version_on(on)
    norms = {}
    if version is not None:
        norms = {kind: _cents(getattr(version, kind)) for kind in ("single", "single_parent", "couple")}
    norm = np.fromiter((norms.get(NORM_OF_TYPE[t], 0) for t in household_type.tolist()), dtype=np.int64, count=n)

    start, end = _year_bounds(on)
    in_year = (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    uses = list(
        RegulationUse.objects.filter(in_year, household_id__in=heads, status=UseStatus.GRANTED)
        .order_by()
        .values_list("household_id", "regulation__code")
    )
    check = EntitlementCheckRun.objects.filter(as_of__lte=on).order_by("-as_of", "-id").values("id", "as_of").first()
    non_take_up = []
    if check is not None:
        non_take_up = list(
            NonTakeUp.objects.filter(run_id=check["id"], household_id__in=heads)
            .order_by()
            .values_list("household_id", "regulation__code")
        )
    known = set(household_ids.tolist())
    return SimulationFacts(
        on=on,
        household_ids=household_ids,
        household_type=household_type,
        children=children,
        income_cents=income,
        norm_cents=norm,
        regulations=[RegulationFact(r.code, r.name) for r in regulations_in_force(on)],
        uses=[u for u in uses if u[0] in known],
        non_take_up=[u for u in non_take_up if u[0] in known],
        norms_from=version.effective_from if version else None,
        norms_source=version.source if version else "",
        check_on=check["as_of"] if check else None,
    )
