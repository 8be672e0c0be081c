"""What the household page's summary shows of the integrale toegang: the open case with its phase and nearest
statutory deadline, the active plan's goals and open agreements, and the decisions' provisions in force.

Five queries whatever the household's size or history (each runs, empty or not, so a household with nothing costs
the same as one with ten years of cases); the read of domain data (decisions, deadlines) is logged per law domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, OuterRef, Q, Subquery

from ..organisations.roles import Domain
from ..residents import selectors as residents_selectors
from ..residents.access import HouseholdAccess
from . import workflow
from .models import (
    OPEN_STATUSES,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Case,
    Deadline,
    Goal,
    Plan,
    PlanStatus,
    ProvisionOutcome,
    ResidentMessage,
    TailoredProvision,
)

# The residents' messages the household page lists: every open one first, then the latest answered ones.
MESSAGES_SHOWN = 20


@dataclass(frozen=True)
class DueRow:
    """A date something is due by, with the days left (negative: overdue) on the day of reading; for a
    statutory deadline also its name and law domain."""

    due_on: date
    days: int
    name: str = ""
    law: str = ""

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def days_late(self) -> int:
        return -self.days


@dataclass
class HouseholdCaseSummary:
    """The toegang's part of the household page, narrowed to the domains the viewer may see."""

    case: Case | None
    deadline: DueRow | None
    plan: Plan | None
    goals: list[Goal] = field(default_factory=list)
    agreements: list[tuple[Agreement, DueRow]] = field(default_factory=list)
    provisions: list[TailoredProvision] = field(default_factory=list)
    messages: list[ResidentMessage] = field(default_factory=list)

    @property
    def open_messages(self) -> int:
        return sum(1 for m in self.messages if m.is_open)

    @property
    def intake_due(self) -> bool:
        """The open case waits for its first intake."""
        return self.case is not None and self.case.status == "registered"

    @property
    def may_draft_plan(self) -> bool:
        return self.case is not None and self.plan is None and workflow.allowed(self.case, "plan_draft")


def household_case_summary(*, access: HouseholdAccess, residents, on: date | None = None) -> HouseholdCaseSummary:
    """The open case with its nearest running deadline, the active plan's goals and open agreements, and the
    granted provisions in force on `on`. `residents` are the persons whose file this is (for the log)."""
    on = on or access.on
    household_id = access.household_id
    cases = Case.objects.filter(household_id=household_id, status__in=OPEN_STATUSES).select_related(
        "process_coordinator"
    )
    if access.domains:  # the nearest running deadline of a domain the viewer sees, in the same query
        running = Deadline.objects.filter(
            case=OuterRef("pk"), met_on__isnull=True, lapsed_on__isnull=True, law__in=sorted(access.domains)
        ).order_by("due_on", "pk")
        cases = cases.annotate(
            deadline_name=Subquery(running.values("name")[:1]),
            deadline_law=Subquery(running.values("law")[:1]),
            deadline_on=Subquery(running.values("due_on")[:1]),
        )
    case = cases.first()
    deadline = None
    if case is not None and getattr(case, "deadline_on", None) is not None:
        deadline = DueRow(case.deadline_on, (case.deadline_on - on).days, case.deadline_name, case.deadline_law)
    # A plan has at least one goal (plans.plan_draft), so the active plan comes with its goals.
    active = Q(plan__household_id=household_id, plan__status=PlanStatus.ACTIVE)
    goals = list(Goal.objects.filter(active).select_related("plan", "life_domain").order_by("life_domain__order", "pk"))
    agreements = list(
        Agreement.objects.filter(active, status=AgreementStatus.OPEN)
        .select_related("provider")
        .order_by("due_on", "pk")
    )
    provisions = [
        p
        for p in TailoredProvision.objects.filter(
            decision__household_id=household_id,
            outcome=ProvisionOutcome.GRANTED,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .select_related("decision", "provider")
        .order_by("ends_on", "pk")
        if access.sees(p.law)
    ]
    messages = list(
        ResidentMessage.objects.filter(household_id=household_id)
        .select_related("resident", "agreement", "decision", "answered_by")
        .order_by(F("answered_at").desc(nulls_first=True), "-sent_at", "-pk")[:MESSAGES_SHOWN]
    )
    shown = {p.law for p in provisions} | ({deadline.law} if deadline else set())
    shown -= {Domain.GENERAL}
    if shown:
        residents_selectors.processing_log_read(access=access, residents=residents, domains=shown)
    return HouseholdCaseSummary(
        case=case,
        deadline=deadline,
        plan=goals[0].plan if goals else None,
        goals=goals,
        agreements=[(a, DueRow(a.due_on, (a.due_on - on).days)) for a in agreements],
        provisions=provisions,
        messages=messages,
    )


# --- Mijn Routekaart: the household's plan and the messages as the resident sees them ----------------------------


@dataclass
class ResidentPlan:
    """The household's active plan as Mijn Routekaart shows it: goals, and every open or done agreement."""

    plan: Plan | None
    goals: list[Goal] = field(default_factory=list)
    agreements: list[tuple[Agreement, DueRow]] = field(default_factory=list)

    @property
    def own_open(self) -> list[tuple[Agreement, DueRow]]:
        """The open agreements the resident carries out themself ("De inwoner zelf")."""
        return [(a, d) for a, d in self.agreements if a.party == AgreementParty.RESIDENT and a.status == "open"]


def resident_plan_get(*, household_id: int | None, on: date) -> ResidentPlan:
    """The household's active plan with its goals and its open and done agreements (not the cancelled ones): two
    queries whatever the plan's size. Logging the read is the caller's (the portal's portal_read)."""
    if household_id is None:
        return ResidentPlan(plan=None)
    active = Q(plan__household_id=household_id, plan__status=PlanStatus.ACTIVE)
    goals = list(Goal.objects.filter(active).select_related("plan", "life_domain").order_by("life_domain__order", "pk"))
    agreements = list(
        Agreement.objects.filter(active, status__in=[AgreementStatus.OPEN, AgreementStatus.DONE])
        .select_related("provider", "goal")
        .order_by("status", "due_on", "pk")
    )
    return ResidentPlan(
        plan=goals[0].plan if goals else None,
        goals=goals,
        agreements=[(a, DueRow(a.due_on, (a.due_on - on).days)) for a in agreements],
    )


def resident_agreement_get(*, household_id: int | None, agreement_id: int) -> Agreement:
    """One agreement of the household's active plan (raises Agreement.DoesNotExist otherwise: the portal answers
    404, so an id from another household tells nothing)."""
    return Agreement.objects.select_related("plan").get(
        pk=agreement_id, plan__household_id=household_id, plan__status=PlanStatus.ACTIVE
    )


def resident_messages(*, household_id: int | None, resident_id: int) -> list[ResidentMessage]:
    """The messages sent about `resident_id` to the household's coordinator, newest first, with their answers:
    one query (the latest MESSAGES_SHOWN)."""
    if household_id is None:
        return []
    return list(
        ResidentMessage.objects.filter(household_id=household_id, resident_id=resident_id)
        .select_related("agreement", "decision", "answered_by")
        .order_by("-sent_at", "-pk")[:MESSAGES_SHOWN]
    )
