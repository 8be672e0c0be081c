"""The regulations check for all benefit clients at once: columns, not a loop over households.

A handful of queries read every running benefit, the composition of the households on the date, their latest
situation and the regulations they use; numpy turns them into one column per rule field and evaluates each
regulation's conditions over all households at once (`conditions.evaluate_all`). The non-take-up found is written
with bulk inserts. `entitlement_check_naive` is the same check household by household through the page's own
selector, kept for the benchmark and for the test that both agree.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..audit import services as audit
from ..audit.models import Operation
from ..core.periods import valid_on
from ..organisations.roles import Domain
from ..residents.models import Membership, MembershipRole
from . import rules_data, selectors
from .bulk import insert_many
from .conditions import evaluate_all
from .models import (
    EntitlementCheckRun,
    HouseholdSituation,
    NonTakeUp,
    Regulation,
    RegulationUse,
    SocialAssistance,
    UseStatus,
)

LOG_CHUNK = 10_000
HEAD, PARTNER = MembershipRole.HEAD.value, MembershipRole.PARTNER.value


@dataclass
class Columns:
    """One row per household with a running benefit; `has_situation` marks those the check can judge."""

    household_ids: np.ndarray
    client_bsns: list[str]
    has_situation: np.ndarray
    values: dict[str, np.ndarray]


def _as_int_date(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def entitlement_columns(*, on: date) -> Columns:
    """The rule fields for every household with a running benefit on `on`, as numpy columns (four queries)."""
    norms = selectors.norms_on(on)
    running = SocialAssistance.objects.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    benefits = list(running.order_by("household_id").values_list("household_id", "client_id", "client__bsn"))
    n = len(benefits)
    household_ids = np.fromiter((b[0] for b in benefits), dtype=np.int64, count=n)
    client_ids = np.fromiter((b[1] for b in benefits), dtype=np.int64, count=n)
    households = running.values("household_id")

    # Composition on the date: one row per member of these households.
    members = list(
        Membership.objects.filter(valid_on(on), household_id__in=households)
        .order_by()
        .values_list("household_id", "resident_id", "role", "resident__birth_date")
    )
    m = len(members)
    member_household = np.fromiter((r[0] for r in members), dtype=np.int64, count=m)
    member_resident = np.fromiter((r[1] for r in members), dtype=np.int64, count=m)
    member_role = np.asarray([r[2] for r in members], dtype="<U8") if m else np.empty(0, dtype="<U8")
    birth = np.fromiter((_as_int_date(r[3]) for r in members), dtype=np.int64, count=m)
    ages = (_as_int_date(on) - birth) // 10000
    row = np.searchsorted(household_ids, member_household)

    is_client = member_resident == client_ids[row]
    client_age = np.zeros(n, dtype=np.int64)
    client_age[row[is_client]] = ages[is_client]
    client_role = np.full(n, "", dtype="<U8")
    client_role[row[is_client]] = member_role[is_client]
    partner_of = np.where(client_role[row] == HEAD, PARTNER, np.where(client_role[row] == PARTNER, HEAD, "-"))
    is_partner = (member_role == partner_of) & ~is_client
    partners = np.bincount(row[is_partner], minlength=n)
    children = np.bincount(row[ages < rules_data.value("child_age")], minlength=n)
    kind = np.where(partners > 0, "couple", np.where(children > 0, "single_parent", "single"))

    # The latest situation up to this year per household ("we start from what the client gave us last year").
    situations = list(
        HouseholdSituation.objects.filter(household_id__in=households, year__lte=on.year)
        .order_by("household_id", "-year")
        .values_list(
            "household_id",
            "monthly_income",
            "assets",
            "chronic_illness",
            "student_with_disability",
            "low_income_since",
            "income_prospect",
            "special_costs",
        )
    )
    s = len(situations)
    situation_household = np.fromiter((r[0] for r in situations), dtype=np.int64, count=s)
    _, first = np.unique(situation_household, return_index=True)  # rows are sorted by year descending
    latest = [situations[i] for i in first]
    rows = np.searchsorted(household_ids, situation_household[first])
    has_situation = np.zeros(n, dtype=bool)
    has_situation[rows] = True

    def column(index: int, dtype, convert=lambda v: v):
        values = np.zeros(n, dtype=dtype)
        values[rows] = np.fromiter((convert(r[index]) for r in latest), dtype=dtype, count=len(latest))
        return values

    income = column(1, np.float64, float)
    minimum = np.select(
        [kind == "couple", kind == "single_parent"],
        [float(norms.couple), float(norms.single_parent)],
        default=float(norms.single),
    )
    low_since = column(5, np.int64, lambda d: d.toordinal())
    values = {
        "income_percent": np.round(income / minimum * 100, 2),
        "assets": column(2, np.float64, float),
        "household_kind": kind,
        "client_age": client_age,
        "children": children,
        "chronic_illness": column(3, bool),
        "student_with_disability": column(4, bool),
        "years_low_income": (on.toordinal() - low_since) // 365,
        "income_prospect": column(6, bool),
        "special_costs": column(7, bool),
        "social_assistance": np.ones(n, dtype=bool),
    }
    return Columns(household_ids, [b[2] for b in benefits], has_situation, values)


@dataclass(frozen=True)
class CheckResult:
    """Households (ids) entitled to each regulation but not using it."""

    columns: Columns
    found: dict[int, np.ndarray]  # regulation id -> household ids


def entitlement_evaluate(*, on: date) -> CheckResult:
    columns = entitlement_columns(on=on)
    uses = list(
        RegulationUse.objects.filter(
            household_id__in=SocialAssistance.objects.filter(started_on__lte=on).values("household_id"),
            status__in=[UseStatus.APPLIED, UseStatus.GRANTED],
        )
        .order_by()
        .values_list("regulation_id", "household_id")
    )
    use_regulation = np.fromiter((u[0] for u in uses), dtype=np.int64, count=len(uses))
    use_household = np.fromiter((u[1] for u in uses), dtype=np.int64, count=len(uses))
    found = {}
    for regulation in selectors.regulations_in_force(on):
        entitled = evaluate_all(regulation.conditions, columns.values) & columns.has_situation
        used = np.isin(columns.household_ids, use_household[use_regulation == regulation.pk])
        found[regulation.pk] = columns.household_ids[entitled & ~used]
    return CheckResult(columns, found)


@transaction.atomic
def entitlement_check_run(*, actor=None, on: date | None = None) -> EntitlementCheckRun:
    """Run the regulations check for all clients and record the non-take-up found (set-based, bulk writes)."""
    on = on or timezone.localdate()
    started = time.perf_counter()
    run = EntitlementCheckRun.objects.create(as_of=on, started_at=timezone.now(), started_by=actor)
    result = entitlement_evaluate(on=on)
    created = insert_many(
        NonTakeUp,
        ("run", "household", "regulation"),
        (
            (run.pk, household, regulation_id)
            for regulation_id, households in result.found.items()
            for household in households.tolist()
        ),
    )
    columns = result.columns
    households_found = np.unique(np.concatenate([*result.found.values(), np.empty(0, dtype=np.int64)]))
    run.households = len(columns.household_ids)
    run.without_situation = int((~columns.has_situation).sum())
    run.found = created
    run.households_with_non_take_up = len(households_found)
    codes = dict(Regulation.objects.filter(pk__in=list(result.found)).values_list("pk", "code"))
    run.per_regulation = {codes[k]: len(v) for k, v in result.found.items()}
    run.finished_at = timezone.now()
    run.duration_ms = int((time.perf_counter() - started) * 1000)
    run.save()
    audit.action_record(
        actor=actor,
        action="entitlement_check.run",
        subject=("entitlement_check_run", run.pk),
        after={
            "domain": Domain.PARTICIPATION,
            "as_of": on,
            "households": run.households,
            "found": run.found,
            "households_with_non_take_up": run.households_with_non_take_up,
        },
    )
    for start in range(0, len(columns.client_bsns), LOG_CHUNK):  # one entry per client, in chunks
        audit.processing_record(
            actor=actor,
            activity="entitlement-check",
            data_subjects=[audit.pseudonym(b) for b in columns.client_bsns[start : start + LOG_CHUNK]],
            operation=Operation.READ,
            channel="batch",
            reason=f"regelingencheck {on.isoformat()}",
        )
    return run


def entitlement_check_naive(*, on: date, household_ids: list[int] | None = None) -> dict[int, set[int]]:
    """The same check household by household through the page's selector: several queries per household.

    For the benchmark (the ratio to the set-based run) and the test that both find the same non-take-up.
    """
    if household_ids is None:
        household_ids = list(
            SocialAssistance.objects.filter(started_on__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
            .values_list("household_id", flat=True)
        )
    found: dict[int, set[int]] = {}
    for household_id in household_ids:
        for entitlement in selectors.entitlement_check_household(household_id=household_id, on=on):
            if entitlement.not_taken_up:
                found.setdefault(entitlement.regulation.pk, set()).add(household_id)
    return found
