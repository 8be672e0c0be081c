"""Reads that feed the worklist, the household's case file, the home page and the decision letter.

Each runs a fixed number of queries whatever the caseload or the length of a household's history: the worklist
orders by columns the services keep (access.urgency) and computes a row's figures for its page only; children are
prefetched per list. Reads of personal data are logged
(pseudonyms, per domain shown), like the residents app's selectors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..catalog.models import BuildingBlock, BuildingBlockVersion, ZoneCode
from ..core.periods import valid_on
from ..organisations.roles import Domain
from ..residents import selectors as residents_selectors
from ..residents.access import HouseholdAccess
from ..residents.models import Membership
from . import rules_data, workflow
from .models import (
    OPEN_STATUSES,
    Agreement,
    AgreementStatus,
    Assessment,
    Case,
    CaseStatus,
    Deadline,
    Decision,
    Gatekeeping,
    Goal,
    Intake,
    LifeDomain,
    LifeDomainScore,
    Plan,
    PlanStatus,
    Policy,
    ProvisionOutcome,
    Review,
    ScaleStep,
    Signal,
    SpecialistAdvice,
    TailoredProvision,
    WarmHandover,
)


def due_soon_days() -> int:
    return Policy.objects.order_by("pk").values_list("due_soon_days", flat=True).first() or 7


def policy_get() -> Policy:
    """The toegang's policy row; without it the steps cannot run, so its absence is a Dutch refusal."""
    policy = Policy.objects.order_by("pk").first()
    if policy is None:
        raise ValidationError(
            gettext("De regels van de toegang zijn nog niet geladen; vraag functioneel beheer ze te laden.")
        )
    return policy


def household_member_ids(*, household_id: int, on: date) -> set[int]:
    """The residents who belong to the household on `on`: a signal, intake or decision names one of them."""
    return set(Membership.objects.filter(valid_on(on), household_id=household_id).values_list("resident_id", flat=True))


# --- the catalogue's building blocks a step may name --------------------------------------------------------------


def general_provisions_queryset() -> QuerySet[BuildingBlock]:
    """The voorveld building blocks the poortwachter may refer back to (clusters named in decisions.yaml)."""
    clusters = Policy.objects.order_by("pk").values_list("general_provision_clusters", flat=True).first() or []
    return (
        BuildingBlock.objects.filter(cluster__zone__code=ZoneCode.FRONT, cluster__code__in=clusters)
        .select_related("cluster")
        .order_by("cluster__order", "order")
    )


def tailored_provisions_queryset() -> QuerySet[BuildingBlock]:
    """The building blocks a decision can grant or refuse: those of the maatwerk zone (seed 003 §3.5)."""
    return (
        BuildingBlock.objects.filter(cluster__zone__code=ZoneCode.TAILORED)
        .select_related("cluster")
        .order_by("cluster__order", "order")
    )


def building_block_version_on(*, block: BuildingBlock, on: date) -> BuildingBlockVersion | None:
    """The version of the building block in force on `on` (a decision grants what the catalogue said that day)."""
    return block.versions.filter(effective_from__lte=on).order_by("-effective_from", "-number").first()


def clusters_in_force(*, case: Case, on: date | None = None) -> list[str]:
    """The clusters of the provisions granted and not yet ended: more than one asks for a procesregisseur."""
    on = on or timezone.localdate()
    return sorted(
        set(
            TailoredProvision.objects.filter(
                decision__case=case, outcome=ProvisionOutcome.GRANTED, ends_on__gte=on
            ).values_list("cluster_code", flat=True)
        )
    )


# --- the worklist ("Mijn werkvoorraad") ---------------------------------------------------------------------------


def worklist(
    *,
    user,
    status: str = "",
    domain: str = "",
    overdue_only: bool = False,
    household: int | None = None,
    on: date | None = None,
) -> QuerySet[Case]:
    """The open cases the user coordinates (or process-coordinates), most urgent first.

    Urgency is the earliest of: the next running statutory deadline, the next open agreement, the next review; a
    case still waiting for its intake counts from the day it was opened. Urgent signals come first of all. The
    order and the overdue filter read columns the services keep on the case (access.urgency), so the query costs
    the same whatever the caseload; what a row shows besides is computed for one page (`worklist_figures`).
    """
    on = on or timezone.localdate()
    cases = Case.objects.filter(status__in=OPEN_STATUSES).filter(
        residents_selectors.coordinated_by(user=user, on=on) | Q(process_coordinator=user)
    )
    if status:
        cases = cases.filter(status=status)
    if domain:
        cases = cases.filter(
            Exists(Signal.objects.filter(case=OuterRef("pk"), domain=domain))
            | Exists(
                Deadline.objects.filter(case=OuterRef("pk"), law=domain, met_on__isnull=True, lapsed_on__isnull=True)
            )
        )
    if overdue_only:
        cases = cases.filter(overdue_from__lt=on)
    if household:
        cases = cases.filter(household_id=household)
    return cases.select_related("household").order_by(
        F("urgent_signal").desc(), F("urgency_on").asc(nulls_last=True), "pk"
    )


def worklist_figures(cases: list[Case], *, on: date | None = None) -> list[Case]:
    """What a worklist row shows beyond its stored order, for the cases of one page only (one query): the next
    deadline and its name, the next agreement and review, open agreements overdue, clusters in force, the active
    plan's version and the household's coordinator. Set on the given cases, which are returned."""
    on = on or timezone.localdate()
    if not cases:
        return cases
    open_deadlines = Deadline.objects.filter(case=OuterRef("pk"), met_on__isnull=True, lapsed_on__isnull=True)
    live_agreements = Agreement.objects.filter(
        plan__case=OuterRef("pk"), plan__status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT], status=AgreementStatus.OPEN
    )
    overdue = live_agreements.filter(due_on__lt=on).order_by().values("plan__case").annotate(n=Count("pk")).values("n")
    active_plan = Plan.objects.filter(case=OuterRef("pk"), status=PlanStatus.ACTIVE).order_by("-version", "-pk")
    clusters = (
        TailoredProvision.objects.filter(
            decision__case=OuterRef("pk"), outcome=ProvisionOutcome.GRANTED, ends_on__gte=on
        )
        .order_by()
        .values("decision__case")
        .annotate(n=Count("cluster_code", distinct=True))
        .values("n")
    )
    figures = {
        "coordinator_user": residents_selectors.coordinator_column(column="user_id", on=on),
        "coordinator_organisation_ref": residents_selectors.coordinator_column(column="organisation_id", on=on),
        "next_deadline_on": Subquery(open_deadlines.order_by("due_on", "pk").values("due_on")[:1]),
        "next_deadline_name": Subquery(open_deadlines.order_by("due_on", "pk").values("name")[:1]),
        "next_agreement_on": Subquery(live_agreements.order_by("due_on", "pk").values("due_on")[:1]),
        "overdue_agreements": Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
        "next_review_on": Subquery(active_plan.values("next_review_on")[:1]),
        "active_plan_version": Subquery(active_plan.values("version")[:1]),
        "cluster_count": Coalesce(Subquery(clusters, output_field=IntegerField()), 0),
    }
    rows = {
        row["pk"]: row
        for row in Case.objects.filter(pk__in=[c.pk for c in cases]).annotate(**figures).values("pk", *figures)
    }
    for case in cases:
        for name in figures:
            setattr(case, name, rows[case.pk][name])
        case.has_urgent_signal = case.urgent_signal
    return cases


@dataclass
class WorkRow:
    case: Case
    members: list
    next_action: str
    days_left: int | None
    overdue: bool
    multi_cluster: bool


def worklist_rows(*, cases, user, on: date | None = None, channel: str | None = None) -> list[WorkRow]:
    """The page of the worklist as rows: members' names (one query for the page), next action, days left.

    Logs the read of the names shown (one insert for the page).
    """
    on = on or timezone.localdate()
    cases = worklist_figures(list(cases), on=on)
    members: dict[int, list] = defaultdict(list)
    for membership in (
        Membership.objects.filter(valid_on(on), household_id__in=[c.household_id for c in cases])
        .select_related("resident")
        .order_by("valid_from", "id")
    ):
        members[membership.household_id].append(membership.resident)
    rows = []
    for case in cases:
        overdue_agreement = case.overdue_agreements > 0
        late = any(d is not None and d < on for d in (case.next_deadline_on, case.next_review_on))
        if overdue_agreement:
            action = workflow.NEXT_ACTION_OVERDUE
        elif (
            case.status == CaseStatus.PLANNED
            and case.next_review_on
            and case.next_review_on <= on + timedelta(days=rules_data.value("review_soon_days"))
        ):
            action = workflow.NEXT_ACTION_REVIEW
        else:
            action = workflow.NEXT_ACTION[case.status]
        days_left = (case.urgency_on - on).days if case.urgency_on else None
        rows.append(
            WorkRow(
                case=case,
                members=members[case.household_id],
                next_action=action,
                days_left=days_left,
                overdue=overdue_agreement or late,
                multi_cluster=case.cluster_count > 1,
            )
        )
    subjects = [r for row in rows for r in row.members]
    if subjects:
        from ..audit import services as audit

        audit.processing_record(
            actor=user,
            activity="household-file",
            data_subjects=[audit.pseudonym(r.bsn) for r in subjects],
            channel=channel,
        )
    return rows


# --- the coordinator's home page ----------------------------------------------------------------------------------


@dataclass
class HomeSummary:
    waiting_signals: list[Signal]
    agreements_due: list[Agreement]
    due_soon_days: int


def home_summary(*, user, limit: int = 5, on: date | None = None) -> HomeSummary:
    """Signals of the user's cases still waiting for an intake, and agreements due within the coming days."""
    on = on or timezone.localdate()
    days = due_soon_days()
    mine = residents_selectors.coordinated_by(user=user, on=on, household="case__household_id") | Q(
        case__process_coordinator=user
    )
    signals = list(
        Signal.objects.filter(mine, case__status=CaseStatus.REGISTERED)
        .select_related("case")
        .order_by("-urgent", "received_on", "pk")[:limit]
    )
    agreements = list(
        Agreement.objects.filter(
            residents_selectors.coordinated_by(user=user, on=on, household="plan__case__household_id")
            | Q(plan__case__process_coordinator=user),
            plan__status=PlanStatus.ACTIVE,
            status=AgreementStatus.OPEN,
            due_on__lte=on + timedelta(days=days),
        )
        .select_related("plan__case")
        .order_by("due_on", "pk")[:limit]
    )
    return HomeSummary(waiting_signals=signals, agreements_due=agreements, due_soon_days=days)


@dataclass(frozen=True)
class HomeCounts:
    """How much work waits for a coordinator: counts only, so the home page reads no person."""

    waiting_signals: int
    deadlines_this_week: int
    deadlines_overdue: int
    agreements_due: int
    due_soon_days: int


def home_counts(*, user, on: date | None = None) -> HomeCounts:
    """The home page's figures for the cases the user coordinates: signals waiting for an intake, statutory
    deadlines running out this week (to Sunday) or already overdue, and open agreements due soon. Four queries
    whatever the caseload (the policy's days, then one count per table)."""
    on = on or timezone.localdate()
    days = due_soon_days()
    week_end = on + timedelta(days=6 - on.weekday())
    mine = residents_selectors.coordinated_by(user=user, on=on, household="case__household_id") | Q(
        case__process_coordinator=user
    )
    signals = Signal.objects.filter(mine, case__status=CaseStatus.REGISTERED).count()
    deadlines = Deadline.objects.filter(
        mine, case__status__in=OPEN_STATUSES, met_on__isnull=True, lapsed_on__isnull=True
    ).aggregate(
        week=Count("pk", filter=Q(due_on__gte=on, due_on__lte=week_end)),
        overdue=Count("pk", filter=Q(due_on__lt=on)),
    )
    agreements = Agreement.objects.filter(
        residents_selectors.coordinated_by(user=user, on=on, household="plan__case__household_id")
        | Q(plan__case__process_coordinator=user),
        plan__status=PlanStatus.ACTIVE,
        status=AgreementStatus.OPEN,
        due_on__lte=on + timedelta(days=days),
    ).count()
    return HomeCounts(
        waiting_signals=signals,
        deadlines_this_week=deadlines["week"],
        deadlines_overdue=deadlines["overdue"],
        agreements_due=agreements,
        due_soon_days=days,
    )


# --- the household's case file ------------------------------------------------------------------------------------


SCORE_COLUMNS = 6  # the household page shows the last six scorings as numbers; the line shows them all


@dataclass
class ScoreSeries:
    life_domain: LifeDomain
    points: list[tuple[date, int]]
    recent: list[int | None] = field(default_factory=list)  # the scores on the last SCORE_COLUMNS dates

    @property
    def latest(self) -> int | None:
        return self.points[-1][1] if self.points else None

    @property
    def change(self) -> int | None:
        """Change since the scoring before the last one (None with fewer than two)."""
        return self.points[-1][1] - self.points[-2][1] if len(self.points) > 1 else None


@dataclass(frozen=True)
class NextStep:
    """A step the case's state allows now, as the household page offers it (a link, or a button that posts)."""

    label: str
    url: str
    post: bool = False


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline with its standing on the day of reading: met, lapsed, late, today, soon (within a week), running."""

    deadline: Deadline
    state: str
    days: int | None
    changeable: bool
    met_by_advance: bool


DEADLINE_SOON_DAYS = 7


def _deadline_row(deadline: Deadline, on: date) -> DeadlineRow:
    days = None
    if deadline.met_on:
        state = "met"
    elif deadline.lapsed_on:
        state = "lapsed"
    else:
        days = (deadline.due_on - on).days
        state = "late" if days < 0 else "today" if days == 0 else "soon" if days <= DEADLINE_SOON_DAYS else "running"
    is_open = state not in ("met", "lapsed")
    return DeadlineRow(
        deadline=deadline,
        state=state,
        days=abs(days) if days is not None else None,
        changeable=is_open and bool(deadline.rule.changes),
        met_by_advance=is_open and "advance_granted" in deadline.rule.met_by,
    )


def _next_steps(file: CaseFile) -> list[NextStep]:
    """The case's steps that its state machine allows today, in the order a caseworker takes them."""
    steps = [NextStep(_("Nieuw signaal"), reverse("access:signal_create", args=[file.access.household_id]))]
    case = file.case
    if case is None or not case.is_open:
        return steps

    def step(label, name: str, *args, post: bool = False) -> None:
        steps.append(NextStep(label, reverse(f"access:{name}", args=args or [case.pk]), post))

    step(_("Intake"), "intake")
    if workflow.allowed(case, "gatekeeping_continue"):
        step(_("Poortwachter"), "gatekeeping")
    if workflow.allowed(case, "assessment_record"):
        step(_("Vraaggestuurd onderzoek"), "assessment")
        step(_("Specialistisch advies"), "specialist_advice")
    draft = file.draft_plan
    if workflow.allowed(case, "plan_draft") and draft is None:
        if file.active_plan:
            step(_("Plan herzien (nieuwe versie)"), "plan_revise", post=True)
        else:
            step(_("Plan van aanpak maken"), "plan")
    if draft is not None and workflow.allowed(case, "plan_activate"):
        label = _("Instemming vastleggen en plan activeren (versie %(version)s)") % {"version": draft.version}
        step(label, "plan_activate", draft.pk)
    step(_("Beschikking"), "decision")
    if file.active_plan:
        step(_("Evaluatie"), "review")
    step(_("Warme overdracht"), "transfer")
    step(_("Procesregisseur"), "process_coordinator")
    step(_("Casus afsluiten"), "close")
    return steps


@dataclass
class CaseFile:
    """Everything the household page and API show of the integrale toegang, narrowed to what the viewer may see."""

    access: HouseholdAccess
    household_file: residents_selectors.HouseholdFile
    case: Case | None
    cases: list[Case]
    signals: list[Signal]
    intakes: list[Intake]
    gatekeepings: list[Gatekeeping]
    assessments: list[Assessment]
    plans: list[Plan]
    decisions: list[Decision]
    deadlines: list[Deadline]
    handovers: list[WarmHandover]
    reviews: list[Review]
    score_dates: list[date]
    scores: list[ScoreSeries]
    scale: list[ScaleStep]
    clusters: list[str] = field(default_factory=list)

    @property
    def active_plan(self) -> Plan | None:
        return next((p for p in self.plans if p.status == PlanStatus.ACTIVE), None)

    @property
    def draft_plan(self) -> Plan | None:
        return next((p for p in self.plans if p.status == PlanStatus.DRAFT), None)

    @property
    def open_deadlines(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.is_open]

    @property
    def open_assessment(self) -> Assessment | None:
        return next((a for a in reversed(self.assessments) if a.completed_on is None), None)

    @property
    def current_plans(self) -> list[Plan]:
        return [p for p in self.plans if p.status in (PlanStatus.ACTIVE, PlanStatus.DRAFT)]

    @property
    def past_plans(self) -> list[Plan]:
        return [p for p in self.plans if p.status not in (PlanStatus.ACTIVE, PlanStatus.DRAFT)]

    @property
    def next_steps(self) -> list[NextStep]:
        return _next_steps(self)

    @property
    def deadline_rows(self) -> list[DeadlineRow]:
        return [_deadline_row(d, self.access.on) for d in self.deadlines]

    @property
    def needs_process_coordinator(self) -> bool:
        return bool(self.case and self.case.is_open and len(self.clusters) > 1 and not self.case.process_coordinator_id)


def case_file_get(*, access: HouseholdAccess) -> CaseFile:
    """The household with its current case: a fixed number of queries whatever its history; the read is logged."""
    on = access.on
    household_file = residents_selectors.household_file_get(access=access)  # logs the general read
    household_id = access.household_id
    cases = list(
        Case.objects.filter(household_id=household_id)
        .select_related("process_coordinator")
        .order_by("-opened_on", "-pk")
    )
    case = next((c for c in cases if c.is_open), cases[0] if cases else None)
    if case is not None:  # the household's coordinator covering the case, from the involvements already loaded
        closing = not case.is_open and case.closed_on is not None
        case.coordinator_involvement = household_file.coordinator_on(case.closed_on if closing else on, closing)
    case_id = case.pk if case else None
    signals = [
        s
        for s in Signal.objects.filter(case_id=case_id)
        .select_related("resident", "referrer_organisation", "recorded_by")
        .order_by("received_on", "pk")
        if access.sees(s.domain)
    ]
    intakes = list(
        Intake.objects.filter(case_id=case_id).select_related("resident", "held_by").order_by("held_on", "pk")
    )
    gatekeepings = list(
        Gatekeeping.objects.filter(case_id=case_id)
        .select_related("decided_by")
        .prefetch_related("general_provisions__versions")
        .order_by("decided_on", "pk")
    )
    assessments = list(
        Assessment.objects.filter(case_id=case_id)
        .select_related("assessed_by")
        .prefetch_related(Prefetch("advice", queryset=SpecialistAdvice.objects.order_by("requested_on", "pk")))
        .order_by("started_on", "pk")
    )
    plans = list(
        Plan.objects.filter(case_id=case_id)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("life_domain").order_by("life_domain__order", "pk")),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("provider", "goal__life_domain").order_by("due_on", "pk"),
            ),
        )
        .order_by("-version")
    )
    decisions = [
        d
        for d in Decision.objects.filter(household_id=household_id)
        .select_related("addressee", "decided_by")
        .prefetch_related(Prefetch("provisions", queryset=TailoredProvision.objects.select_related("provider")))
        .order_by("-decided_on", "-pk")
        if access.sees(d.law)
    ]
    deadlines = [
        d
        for d in Deadline.objects.filter(case_id=case_id)
        .select_related("rule")
        .prefetch_related("changes")
        .order_by("due_on", "pk")
        if access.sees(d.law)
    ]
    handovers = list(
        WarmHandover.objects.filter(case_id=case_id)
        .select_related("from_user", "to_user", "to_organisation")
        .order_by("handed_over_on", "pk")
    )
    reviews = list(
        Review.objects.filter(case__household_id=household_id).select_related("held_by").order_by("held_on", "pk")
    )
    domains = list(LifeDomain.objects.order_by("order"))
    series = {d.pk: ScoreSeries(life_domain=d, points=[]) for d in domains}
    dates: set[date] = set()
    for score in (
        LifeDomainScore.objects.filter(household_id=household_id)
        .order_by("scored_on", "pk")
        .values_list("life_domain_id", "scored_on", "self_reliance")
    ):
        domain_id, scored_on, value = score
        points = series[domain_id].points
        if points and points[-1][0] == scored_on:
            points[-1] = (scored_on, value)  # two scorings on one day: the later one counts
        else:
            points.append((scored_on, value))
        dates.add(scored_on)
    recent_dates = sorted(dates)[-SCORE_COLUMNS:]
    for item in series.values():
        by_date = dict(item.points)
        item.recent = [by_date.get(day) for day in recent_dates]
    clusters = sorted(
        {
            p.cluster_code
            for d in decisions
            if d.case_id == case_id
            for p in d.provisions.all()
            if p.outcome == ProvisionOutcome.GRANTED and p.ends_on and p.ends_on >= on
        }
    )
    shown = {s.domain for s in signals} | {d.law for d in decisions} | {d.law for d in deadlines}
    shown -= {Domain.GENERAL}
    if shown:
        residents_selectors.processing_log_read(
            access=access, residents=[m.resident for m in household_file.history], domains=shown
        )
    return CaseFile(
        access=access,
        household_file=household_file,
        case=case,
        cases=cases,
        signals=signals,
        intakes=intakes,
        gatekeepings=gatekeepings,
        assessments=assessments,
        plans=plans,
        decisions=decisions,
        deadlines=deadlines,
        handovers=handovers,
        reviews=reviews,
        score_dates=sorted(dates),
        scores=list(series.values()),
        scale=list(ScaleStep.objects.order_by("score")),
        clusters=clusters,
    )


def case_get(*, case_id: int) -> Case:
    """The case row only (no personal data): views use it to find the household to run the access check on."""
    return Case.objects.select_related("household").get(pk=case_id)


def decision_letter_get(*, access: HouseholdAccess, decision_id: int) -> Decision:
    """A decision with what its letter needs; the read is logged under the decision's law domain."""
    decision = (
        Decision.objects.select_related("addressee__address", "decided_by", "case")
        .prefetch_related(Prefetch("provisions", queryset=TailoredProvision.objects.select_related("provider")))
        .get(pk=decision_id, household_id=access.household_id)
    )
    residents_selectors.processing_log_read(access=access, residents=[decision.addressee], domains={decision.law})
    closing = not decision.case.is_open and decision.case.closed_on is not None
    decision.case.coordinator_involvement = residents_selectors.household_coordinator(
        household_id=access.household_id, on=decision.case.closed_on if closing else None, closing=closing
    )
    return decision


def open_case_of(*, household_id: int, with_intakes: bool = False) -> Case | None:
    """The household's open case, for the apps that act beside it (income's broad intake lives in its intakes)."""
    cases = Case.objects.filter(household_id=household_id).exclude(status=CaseStatus.CLOSED)
    if with_intakes:
        cases = cases.prefetch_related("intakes")
    return cases.first()


def case_of_household_exists(*, case_id: int, household_id: int) -> bool:
    return Case.objects.filter(pk=case_id, household_id=household_id).exists()


# --- a resident's own decisions (Mijn Routekaart) ------------------------------------------------------------------
# The portal asks with the residents its scope allows (the person it shows, a parent's children under 16) and the
# laws it may show (a machtiging can be for some laws only). No HouseholdAccess and no log here: the portal's scope
# is the check, and the portal logs each read with channel portal (portal.reads.portal_read).


def _resident_decisions(*, resident_ids: Iterable[int], laws: Iterable[str]) -> QuerySet[Decision]:
    return Decision.objects.filter(addressee_id__in=list(resident_ids), law__in=list(laws))


def resident_decisions(*, resident_ids: Iterable[int], laws: Iterable[str] = ("J", "W", "P")) -> list[Decision]:
    """The decisions addressed to these residents under these laws, newest first, with their provisions (and each
    provision's provider): 2 queries, however many decisions and provisions."""
    return list(
        _resident_decisions(resident_ids=resident_ids, laws=laws)
        .select_related("addressee")
        .prefetch_related(Prefetch("provisions", queryset=TailoredProvision.objects.select_related("provider")))
        .order_by("-decided_on", "-id")
    )


def resident_decision_get(
    *, resident_ids: Iterable[int], decision_id: int, laws: Iterable[str] = ("J", "W", "P")
) -> Decision:
    """One decision addressed to one of these residents (Decision.DoesNotExist for any other: the portal answers
    404 and so never tells that it exists)."""
    return _resident_decisions(resident_ids=resident_ids, laws=laws).select_related("addressee").get(pk=decision_id)


def resident_decision_letter_get(
    *, resident_ids: Iterable[int], decision_id: int, laws: Iterable[str] = ("J", "W", "P")
) -> Decision:
    """A decision addressed to one of these residents, with what its letter needs (as `decision_letter_get`, which
    the staff download uses): the same letter, the same renderer."""
    decision = (
        _resident_decisions(resident_ids=resident_ids, laws=laws)
        .select_related("addressee__address", "decided_by", "case")
        .prefetch_related(Prefetch("provisions", queryset=TailoredProvision.objects.select_related("provider")))
        .get(pk=decision_id)
    )
    closing = not decision.case.is_open and decision.case.closed_on is not None
    decision.case.coordinator_involvement = residents_selectors.household_coordinator(
        household_id=decision.household_id, on=decision.case.closed_on if closing else None, closing=closing
    )
    return decision
