"""The casework history of a 1,000,000-resident town, written in bulk for the insights benchmark.

The town generator writes residents, households and the demo caseloads; steering needs years of casework on top:
social assistance, trajectories on the routes (with switches), participation assignments with their spending,
distance assessments with reviews, cases with decisions and provisions, and an event stream of at least ten
million events. This module writes them with the generator's own bulk writer (`_Table`: executemany on SQLite, COPY
on PostgreSQL), deterministically from a seed, and only once: a second call finds the marker and does nothing.
Shares follow DESIGN.md's load for a town of 1M (about 50,000 on social assistance, 75,000 Wmo clients).
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from decimal import Decimal

SEED = 2016
FIRST_DAY = date(2019, 1, 1)
SHARES = {  # of the adult residents (18 to 66)
    "benefits": 0.08,
    "trajectories": 0.09,
    "assignments": 0.11,
    "assessed": 0.08,
    "cases": 0.05,
}
EVENTS = 10_000_000
EVENT_ACTIONS = (
    "trajectory.started",
    "trajectory.step_done",
    "assignment.started",
    "assignment.ended",
    "benefit.granted",
    "benefit.ended",
    "case.opened",
    "case.closed",
    "plan.activated",
    "decision.made",
)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def world_ensure(*, today: date) -> dict[str, int]:
    """Write the casework once; the counts of what is there."""
    from django.db import connection, transaction

    from routekaart.income.models import SocialAssistance

    if SocialAssistance.objects.exists():  # written in one transaction with the rest: all of it is there
        return _counts()
    started = time.perf_counter()
    rng = random.Random(SEED)
    with transaction.atomic(), connection.cursor() as cursor:
        ctx = _context(today)
        adults = _adults(cursor, today)
        rng.shuffle(adults)
        _benefits(cursor, rng, ctx, adults[: int(len(adults) * SHARES["benefits"])])
        _trajectories(cursor, rng, ctx, adults[: int(len(adults) * SHARES["trajectories"])])
        _assignments(cursor, rng, ctx, adults[-int(len(adults) * SHARES["assignments"]) :])
        _assessments(cursor, rng, ctx, adults[: int(len(adults) * SHARES["assessed"])])
        _cases(cursor, rng, ctx, adults[len(adults) // 3 : len(adults) // 3 + int(len(adults) * SHARES["cases"])])
        _events(cursor, today)
    counts = _counts()
    counts["build_seconds"] = int(time.perf_counter() - started)
    return counts


def _counts() -> dict[str, int]:
    from routekaart.access.models import Case, TailoredProvision
    from routekaart.audit.models import Event
    from routekaart.income.models import SocialAssistance
    from routekaart.participation.models import Assignment, DistanceAssessment
    from routekaart.residents.models import Resident
    from routekaart.routes.models import Trajectory

    return {
        "residents": Resident.objects.count(),
        "events": Event.objects.count(),
        "benefits": SocialAssistance.objects.count(),
        "trajectories": Trajectory.objects.count(),
        "assignments": Assignment.objects.count(),
        "assessments": DistanceAssessment.objects.count(),
        "cases": Case.objects.count(),
        "provisions": TailoredProvision.objects.count(),
    }


class _Ctx:
    pass


def _context(today: date) -> _Ctx:
    """The configuration rows the casework refers to (loaded by `load_configuration`), and a bench caseworker."""
    from routekaart.catalog.models import BuildingBlock
    from routekaart.organisations.models import Organisation, OrganisationKind, User
    from routekaart.participation.models import (
        DistanceCategory,
        Instrument,
        LadderRung,
        ParticipationTier,
        Result,
        SpendingLine,
    )
    from routekaart.routes.models import Party, Route

    ctx = _Ctx()
    ctx.today = today
    ctx.municipality = Organisation.objects.get(code="gemeente-weidebeek").pk
    ctx.dienst = (
        Organisation.objects.filter(kind=OrganisationKind.SERVICE_ORGANISATION).values_list("pk", flat=True).first()
        or ctx.municipality
    )
    providers = list(Organisation.objects.filter(kind=OrganisationKind.PROVIDER).values_list("pk", flat=True))
    ctx.providers = providers or [ctx.dienst]
    ctx.user = User.objects.get_or_create(username="bench-insights", defaults={"is_active": False})[0].pk
    ctx.routes = list(Route.objects.filter(route_map__is_current=True).values_list("pk", "regie_id"))
    ctx.parties = list(Party.objects.values_list("pk", flat=True))
    ctx.instruments = list(Instrument.objects.values_list("pk", "spending_line_id"))
    ctx.spending_line = SpendingLine.objects.values_list("pk", flat=True).first()
    ctx.results = list(Result.objects.values_list("pk", "is_placement"))
    ctx.categories = list(DistanceCategory.objects.order_by("order").values_list("pk", flat=True))
    ctx.tier = ParticipationTier.objects.values_list("pk", flat=True).first()
    ctx.rung = LadderRung.objects.values_list("pk", flat=True).first()
    ctx.blocks = list(BuildingBlock.objects.values_list("pk", "code", "cluster__code")[:40])
    return ctx


def _adults(cursor, today: date) -> list[tuple[int, int]]:
    """(resident, household) of every resident aged 18 to 66 with a current membership."""
    low, high = today.replace(year=today.year - 67), today.replace(year=today.year - 18)
    cursor.execute(
        "SELECT r.id, m.household_id FROM residents_resident r JOIN residents_membership m ON m.resident_id = r.id "
        "WHERE r.birth_date > %s AND r.birth_date <= %s AND m.valid_to IS NULL",
        [low, high],
    )
    return [tuple(row) for row in cursor.fetchall()]


def _table(model, given):
    from routekaart.residents.generator.store import _Table

    return _Table(model, given)


def _period(rng: random.Random, today: date, ended_share: float, months: int = 36) -> tuple[date, date | None]:
    start = _day(rng, FIRST_DAY, today - timedelta(days=14))
    if rng.random() < ended_share:
        end = start + timedelta(days=rng.randrange(30, months * 30))
        if end < today:
            return start, end
    return start, None


def _one_per_household(people):
    """The first adult of each household: a household has one benefit and one case at a time."""
    seen = set()
    return [p for p in people if not (p[1] in seen or seen.add(p[1]))]


def _benefits(cursor, rng, ctx, people) -> None:
    from routekaart.income.models import SocialAssistance

    people = _one_per_household(people)
    table = _table(
        SocialAssistance,
        [
            "household_id",
            "client_id",
            "organisation_id",
            "started_on",
            "ended_on",
            "end_reason",
            "iban",
            "account_holder",
        ],
    )
    rows = []
    for resident, household in people:
        start, end = _period(rng, ctx.today, 0.6, 48)
        reason = rng.choice(("work", "moved", "income_partner", "other")) if end else ""
        rows.append((household, resident, ctx.dienst, start, end, reason, "", ""))
    table.insert(cursor, table.next_id(cursor), rows)


def _trajectories(cursor, rng, ctx, people) -> None:
    from routekaart.routes.models import Trajectory

    given = [
        "resident_id",
        "household_id",
        "route_id",
        "regie_party_id",
        "status",
        "school_kind",
        "exit_profile",
        "internships",
        "started_on",
        "ended_on",
        "switched_to_id",
        "created_by_id",
    ]
    table = _table(Trajectory, given)
    first = table.next_id(cursor)
    rows, next_id = [], first + len(people)
    switches = []
    profiles = ("further_education", "labour_market", "sheltered_work", "day_activities")
    for resident, household in people:
        route, regie = rng.choice(ctx.routes)
        start, end = _period(rng, ctx.today, 0.55, 30)
        status = "active" if end is None else rng.choices(("completed", "stopped", "switched"), (6, 2, 2))[0]
        switched_to = None
        if status == "switched":
            switched_to = next_id
            next_id += 1
            switches.append((resident, household, end))
        exit_profile = rng.choice(profiles) if status == "completed" else ""
        regie = regie or rng.choice(ctx.parties)
        rows.append(
            (resident, household, route, regie, status, "", exit_profile, "", start, end, switched_to, ctx.user)
        )
    for resident, household, start in switches:
        route, regie = rng.choice(ctx.routes)
        rows.append(
            (
                resident,
                household,
                route,
                regie or rng.choice(ctx.parties),
                "active",
                "",
                "",
                "",
                start,
                None,
                None,
                ctx.user,
            )
        )
    table.insert(cursor, first, rows)


def _assignments(cursor, rng, ctx, people) -> None:
    from routekaart.participation.models import Assignment, Expenditure

    given = [
        "resident_id",
        "municipality_id",
        "instrument_id",
        "provider_id",
        "status",
        "goal",
        "planned_start",
        "planned_end",
        "started_on",
        "ended_on",
        "monthly_cost",
        "additionality_reason",
        "uwv_advice_reference",
        "decision_reference",
        "result_id",
        "left_social_assistance",
        "created_by_id",
    ]
    table = _table(Assignment, given)
    first = table.next_id(cursor)
    rows, spending = [], []
    for index, (resident, _household) in enumerate(people):
        instrument, line = rng.choice(ctx.instruments)
        start, end = _period(rng, ctx.today, 0.6, 18)
        cost = Decimal(rng.randrange(150, 1500))
        result, left = (None, False)
        if end:
            result, placement = rng.choice(ctx.results) if ctx.results else (None, False)
            left = bool(placement) and rng.random() < 0.7
        rows.append(
            (
                resident,
                ctx.municipality,
                instrument,
                rng.choice(ctx.providers),
                "ended" if end else "active",
                "",
                start,
                end or start + timedelta(days=365),
                start,
                end,
                cost,
                "",
                "",
                "",
                result,
                left,
                ctx.user,
            )
        )
        months = max(1, ((end or ctx.today) - start).days // 30)
        spending.append(
            (first + index, start, cost * months, "", instrument, line or ctx.spending_line, ctx.municipality, ctx.user)
        )
    table.insert(cursor, first, rows)
    booked = _table(
        Expenditure,
        [
            "assignment_id",
            "booked_on",
            "amount",
            "description",
            "instrument_id",
            "spending_line_id",
            "municipality_id",
            "recorded_by_id",
        ],
    )
    booked.insert(cursor, booked.next_id(cursor), spending)


def _assessments(cursor, rng, ctx, people) -> None:
    from routekaart.participation.models import DistanceAssessment

    given = [
        "resident_id",
        "municipality_id",
        "assessed_on",
        "category_id",
        "tier_id",
        "ladder_rung_id",
        "next_assessment_on",
        "previous_id",
        "change",
        "is_current",
        "note",
        "assessed_by_id",
    ]
    table = _table(DistanceAssessment, given)
    first = table.next_id(cursor)
    firsts, reviews = [], []
    weights = (1, 2, 5, 57, 5, 30)[: len(ctx.categories)]
    for index, (resident, _household) in enumerate(people):
        on = _day(rng, FIRST_DAY, ctx.today - timedelta(days=400))
        category = rng.choices(ctx.categories, weights)[0]
        firsts.append(
            (
                resident,
                ctx.municipality,
                on,
                category,
                ctx.tier,
                ctx.rung,
                on + timedelta(days=365),
                None,
                "first",
                False,
                "",
                ctx.user,
            )
        )
        change = rng.choices(("smaller", "same", "larger"), (75, 15, 10))[0]
        reviews.append(
            (
                resident,
                ctx.municipality,
                on + timedelta(days=365),
                category,
                ctx.tier,
                ctx.rung,
                on + timedelta(days=730),
                first + index,
                change,
                True,
                "",
                ctx.user,
            )
        )
    table.insert(cursor, first, firsts)
    table.insert(cursor, first + len(firsts), reviews)


def _cases(cursor, rng, ctx, people) -> None:
    from routekaart.access.models import Case, Decision, Plan, TailoredProvision

    people = _one_per_household(people)
    cases = _table(Case, ["household_id", "status", "opened_on", "closed_on", "closure_reason"])
    first_case = cases.next_id(cursor)
    case_rows, decisions, provisions = [], [], []
    for _resident, household in people:
        opened, closed = _period(rng, ctx.today, 0.5, 24)
        case_rows.append(
            (household, "closed" if closed else "planned", opened, closed, "goals_reached" if closed else "")
        )
    cases.insert(cursor, first_case, case_rows)
    plans = _table(
        Plan,
        [
            "case_id",
            "household_id",
            "version",
            "status",
            "summary",
            "resident_agreement",
            "resident_agreement_note",
            "resident_agreement_on",
            "activated_on",
            "next_review_on",
            "ended_on",
            "created_by_id",
        ],
    )
    first_plan = plans.next_id(cursor)
    plans.insert(
        cursor,
        first_plan,
        [
            (
                first_case + i,
                row[0],
                1,
                "closed" if row[3] else "active",
                "",
                "agreed",
                "",
                row[2],
                row[2],
                row[2] + timedelta(days=365),
                row[3],
                ctx.user,
            )
            for i, row in enumerate(case_rows)
        ],
    )
    decision_table = _table(
        Decision,
        [
            "case_id",
            "household_id",
            "plan_id",
            "reference",
            "addressee_id",
            "law",
            "decided_on",
            "decided_by_id",
            "objection_weeks",
            "objection_basis",
        ],
    )
    first_decision = decision_table.next_id(cursor)
    for index, (resident, household) in enumerate(people):
        opened = case_rows[index][2]
        decided = opened + timedelta(days=rng.randrange(7, 56))
        decisions.append(
            (
                first_case + index,
                household,
                first_plan + index,
                f"B-{first_case + index}",
                resident,
                "W",
                decided,
                ctx.user,
                6,
                "Awb 6:7",
            )
        )
        block, _code, cluster = rng.choice(ctx.blocks)
        ends = decided + timedelta(days=rng.randrange(90, 720))
        provisions.append(
            (
                first_decision + index,
                block,
                "Voorziening",
                cluster,
                "granted",
                "W",
                "Wmo 2015 art. 2.3.5",
                decided,
                ends,
                Decimal(4),
                "hours_per_week",
                "",
            )
        )
    decision_table.insert(cursor, first_decision, decisions)
    provision_table = _table(
        TailoredProvision,
        [
            "decision_id",
            "building_block_id",
            "name",
            "cluster_code",
            "outcome",
            "law",
            "legal_basis",
            "starts_on",
            "ends_on",
            "volume",
            "unit",
            "reasoning",
        ],
    )
    provision_table.insert(cursor, provision_table.next_id(cursor), provisions)


def _events(cursor, today: date) -> None:
    """Ten million events in one INSERT ... SELECT over a counter (SQLite's recursive CTE, PostgreSQL's
    generate_series): spread over the years since FIRST_DAY, over the households and the actions."""
    from django.db import connection

    cursor.execute("SELECT MAX(id) FROM residents_household")
    households = cursor.fetchone()[0] or 1
    span = (today - FIRST_DAY).days * 86400
    actions = "CASE n % {k} {whens} END".format(
        k=len(EVENT_ACTIONS), whens=" ".join(f"WHEN {i} THEN '{a}'" for i, a in enumerate(EVENT_ACTIONS))
    )
    columns = (
        "occurred_at, actor_id, organisation_code, action, subject_type, subject_id, household_id, reason, before, "
        "after, trace_id"
    )
    if connection.vendor == "postgresql":
        cursor.execute(
            f"INSERT INTO audit_event ({columns}) SELECT TIMESTAMPTZ '{FIRST_DAY}' + (n * 7919 % {span}) * INTERVAL "
            f"'1 second', NULL, 'bench', {actions}, split_part({actions}, '.', 1), (n % 500000)::text, "
            f"n * 104729 % {households} + 1, '', NULL, NULL, '' FROM generate_series(1, {EVENTS}) AS n"
        )
        return
    cursor.execute(
        f"WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < {EVENTS}) "
        f"INSERT INTO audit_event ({columns}) "
        f"SELECT datetime('{FIRST_DAY}', '+' || (n * 7919 % {span}) || ' seconds'), "
        f"NULL, 'bench', {actions}, substr({actions}, 1, instr({actions}, '.') - 1), CAST(n % 500000 AS TEXT), "
        f"n * 104729 % {households} + 1, '', NULL, NULL, '' FROM c"
    )
