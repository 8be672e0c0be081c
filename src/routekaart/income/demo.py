"""Bestaanszekerheid for the demo municipality: benefits, last year's situations, this year's conversations.

Registered in settings.ROUTEKAART_DEMO_GENERATORS after the residents generator. Every household the generator
gave a coordinator in the Participatiewet domain gets its social assistance, with that coordinator as the fixed
regiehouder (so the report of clients without one is empty here too), a situation for last year from which this
year's conversation starts, and some regulations already in use. Then the real planner plans this year's
conversations and the real batch runs the regulations check, so the worklist, the overdue list and the
non-take-up report have content on first login.

Why it bypasses the grant service: like the residents generator it writes thousands of synthetic rows in a fixed
number of bulk statements, keeping the invariants by construction (one open benefit per household, the coordinator
the household's coordinator involvement). A second run adds only households that have no benefit yet.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..audit import services as audit
from ..residents.models import Involvement, InvolvementKind, Membership, MembershipRole
from ..residents.selectors import coordinator_column
from .models import (
    AnnualReview,
    EntitlementCheckRun,
    HouseholdSituation,
    Regulation,
    RegulationUse,
    ReviewStatus,
    SocialAssistance,
    UseStatus,
)

OBLIGATIONS = [("obliged", 0.55), ("temporarily_exempt", 0.15), ("exempt", 0.30)]
SEED = 2024  # the year of the memo (seed 004)


def _benefit_households(today: date) -> list[tuple[int, int, int, int, date, str]]:
    """(household, involvement, coordinator, organisation, first day, reason) of every household coordinated in
    the Participatiewet domain today that has no benefit yet; the first day is that of its first P coordinator."""
    has_benefit = SocialAssistance.objects.filter(household_id=OuterRef("household_id"))
    coordinators = Involvement.objects.filter(kind=InvolvementKind.COORDINATOR, domain="P", user__isnull=False)
    current = (
        coordinators.filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .filter(~Exists(has_benefit))
        .order_by("household_id")
        .values_list("household_id", "pk", "user_id", "organisation_id", "reason")
    )
    earliest: dict[int, date] = {}
    for household_id, valid_from in coordinators.order_by("household_id", "valid_from").values_list(
        "household_id", "valid_from"
    ):
        earliest.setdefault(household_id, valid_from)
    return [(h, i, u, o, earliest[h], reason) for h, i, u, o, reason in current]


@transaction.atomic
def demo_income_generate(*, stdout=None) -> dict[str, int]:
    today = timezone.localdate()
    rows = _benefit_households(today)
    heads = dict(
        Membership.objects.filter(
            household_id__in=[r[0] for r in rows], role=MembershipRole.HEAD, valid_from__lte=today
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .values_list("household_id", "resident_id")
    )
    benefits = []
    for household_id, _involvement, _user, organisation_id, since, reason in rows:
        client = heads.get(household_id)
        if client is None:
            continue
        rng = random.Random(f"{SEED}:{household_id}")
        roll, obligation = rng.random(), "obliged"
        for value, share in OBLIGATIONS:
            if roll < share:
                obligation = value
                break
            roll -= share
        benefits.append(
            SocialAssistance(
                household_id=household_id,
                client_id=client,
                organisation_id=organisation_id,
                started_on=since,
                work_obligation=obligation,
                surplus_settlement="inkomsten uit arbeid" in (reason or ""),
            )
        )
    SocialAssistance.objects.bulk_create(benefits, batch_size=2000)
    coordinator_of = {r[0]: r[2] for r in rows}  # the fixed coordinator is the household's coordinator involvement
    created = list(SocialAssistance.objects.filter(household_id__in=[b.household_id for b in benefits]))
    situations, uses, held = [], [], []
    regulations = {r.code: r.pk for r in Regulation.objects.all()}
    last_year = today.year - 1
    for benefit in created:
        rng = random.Random(f"{SEED}:situation:{benefit.household_id}")
        situations.append(
            HouseholdSituation(
                household_id=benefit.household_id,
                year=last_year,
                monthly_income=Decimal(rng.choice(["1345.00", "1407.65", "1520.00", "1690.00", "1950.00", "2300.00"])),
                assets=Decimal(rng.choice(["0", "450", "1800", "3200", "6500"])),
                chronic_illness=benefit.work_obligation == "exempt" or rng.random() < 0.1,
                student_with_disability=rng.random() < 0.02,
                low_income_since=benefit.started_on,
                income_prospect=benefit.work_obligation == "obliged" and rng.random() < 0.5,
                special_costs=rng.random() < 0.15,
                confirmed_on=date(last_year, rng.randint(1, 12), rng.randint(1, 28)),
            )
        )
        if "collective_health_insurance" in regulations and rng.random() < 0.6:
            uses.append(
                RegulationUse(
                    household_id=benefit.household_id,
                    regulation_id=regulations["collective_health_insurance"],
                    status=UseStatus.GRANTED,
                    applied_on=date(last_year, 1, 5),
                    valid_from=date(last_year, 1, 1),
                )
            )
        if benefit.started_on < date(last_year, 1, 1) and rng.random() < 0.8:
            planned = date(last_year, rng.randint(1, 12), rng.randint(1, 28))
            held.append(
                AnnualReview(
                    benefit=benefit,
                    household_id=benefit.household_id,
                    held_by_id=coordinator_of[benefit.household_id],
                    year=last_year,
                    planned_on=planned,
                    status=ReviewStatus.HELD,
                    held_on=planned,
                    contact="in_person",
                )
            )
    HouseholdSituation.objects.bulk_create(situations, batch_size=2000, ignore_conflicts=True)
    RegulationUse.objects.bulk_create(uses, batch_size=2000, ignore_conflicts=True)
    AnnualReview.objects.bulk_create(held, batch_size=2000, ignore_conflicts=True)

    from .batch import entitlement_check_run
    from .services import annual_reviews_plan

    report = annual_reviews_plan(year=today.year, start=today)
    # Each coordinator has one conversation in the coming days and one that is overdue (planned ten days ago, not
    # yet held), so the demo shows the whole journey and the worklist's warning. Only on the first run: a later
    # run moves nothing, so a second `setup_demo` changes nothing.
    coordinator_ids = SocialAssistance.objects.annotate(c=coordinator_column()).values_list("c", flat=True)
    for coordinator_id in sorted(set(coordinator_ids) - {None}) if created else []:
        planned = list(
            AnnualReview.objects.with_coordinator()
            .filter(coordinator_ref=coordinator_id, year=today.year, status=ReviewStatus.PLANNED)
            .order_by("planned_on", "pk")[:2]
        )
        soon, overdue = [*planned, None, None][:2]
        if soon is not None and soon.planned_on > today + timedelta(days=7):
            soon.planned_on = today + timedelta(days=3)
            soon.save(update_fields=["planned_on"])
        if overdue is not None and overdue.planned_on >= today:
            overdue.planned_on = today - timedelta(days=10)
            overdue.save(update_fields=["planned_on"])
    if not EntitlementCheckRun.objects.filter(as_of=today).exists():
        entitlement_check_run(on=today)
    counts = {"benefits": len(created), "situations": len(situations), "planned": report.planned}
    audit.action_record(actor=None, action="demo_income.generated", subject=("municipality", "demo"), after=counts)
    if stdout is not None:
        stdout.write(
            f"Bestaanszekerheid: {len(created)} uitkeringen met vaste regiehouder, "
            f"{report.planned} jaargesprekken gepland."
        )
    return counts
