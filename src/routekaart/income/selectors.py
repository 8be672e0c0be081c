"""Reads that feed the bestaanszekerheid pages, the API and the services.

Household reads take a `HouseholdAccess` from `residents.access.household_access_check` (domain P) and log the
read; they run a fixed number of queries whatever the size of the household or its history. Lists over many
clients (worklist, caseload, report) are aggregates or paginated querysets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import yaml
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ..access import selectors as access_selectors
from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations.roles import Role
from ..residents import selectors as residents_selectors
from ..residents.access import HouseholdAccess
from ..residents.life_phase import age_on
from ..residents.models import Involvement, InvolvementKind, Membership, MembershipRole, Resident
from ..residents.selectors import household_composition_on
from . import rules_data
from .calculation import BenefitCalculation, CalculationError, Housemate, NormSet, benefit_calculate
from .conditions import Explanation, evaluate_one
from .models import (
    AnnualReview,
    CoordinatorHandover,
    CostSharerExclusion,
    CostSharerExclusionReason,
    EntitlementCheckRun,
    FinancialFitnessReview,
    HouseholdSituation,
    IncomeReport,
    NonTakeUp,
    NormVersion,
    PracticeConfiguration,
    Regulation,
    RegulationUse,
    Reminder,
    ReviewStatus,
    SocialAssistance,
    SurplusSettlement,
    UseStatus,
)

ACTIVITY = "social-assistance"


def _today() -> date:
    return timezone.localdate()


def _running(on: date) -> Q:
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


# --- Configuration ------------------------------------------------------------------------------------------


def practice() -> dict:
    """The working agreements in force (the latest loaded practice.yaml)."""
    current = PracticeConfiguration.objects.order_by("-loaded_at", "-id").values_list("document", flat=True).first()
    if current is None:
        # Not loaded yet (a fresh database): the packaged file is the same data, so screens still work.
        from .configuration import DATA

        return yaml.safe_load((DATA / "practice.yaml").read_text(encoding="utf-8"))
    return current


def norm_version_on(on: date) -> NormVersion | None:
    return NormVersion.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def norms_on(on: date) -> NormSet:
    """The norm amounts in force on `on`, from the versioned data."""
    version = norm_version_on(on)
    if version is None:
        raise CalculationError("Er zijn geen normbedragen geladen voor deze datum.")
    return NormSet.from_model(version)


def norm_version_list() -> QuerySet[NormVersion]:
    return NormVersion.objects.order_by("-effective_from")


def regulations_in_force(on: date) -> list[Regulation]:
    return list(
        Regulation.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .order_by("order")
    )


def regulation_list() -> QuerySet[Regulation]:
    return Regulation.objects.order_by("order")


# --- One household: benefit, facts, calculation, regulations check ------------------------------------------------


def benefit_for_household(*, household_id: int, on: date) -> SocialAssistance | None:
    """The household's benefit running on `on`, else its latest one."""
    benefits = SocialAssistance.objects.filter(household_id=household_id).select_related("organisation", "client")
    benefit = benefits.filter(_running(on)).first() or benefits.order_by("-started_on", "-pk").first()
    if benefit is not None:  # the fixed coordinator is the household's (residents), read once for the page
        benefit.coordinator_involvement = residents_selectors.household_coordinator(
            household_id=household_id, on=benefit.coordinator_day()
        )
    return benefit


def household_situation_latest(*, household_id: int, year: int) -> HouseholdSituation | None:
    """The most recent situation up to `year`: this year's if confirmed, else last year's (the pre-fill)."""
    return HouseholdSituation.objects.filter(household_id=household_id, year__lte=year).order_by("-year").first()


def household_situation_prefill(*, household_id: int, year: int, on: date) -> HouseholdSituation:
    """An unsaved situation for `year`, starting from last year's values; without one, from the benefit."""
    previous = household_situation_latest(household_id=household_id, year=year - 1)
    if previous is not None:
        return HouseholdSituation(
            household_id=household_id,
            year=year,
            monthly_income=previous.monthly_income,
            assets=previous.assets,
            chronic_illness=previous.chronic_illness,
            student_with_disability=previous.student_with_disability,
            low_income_since=previous.low_income_since,
            income_prospect=previous.income_prospect,
            special_costs=previous.special_costs,
            prefilled_from=previous,
        )
    benefit = benefit_for_household(household_id=household_id, on=on)
    income = Decimal("0")
    if benefit is not None:
        try:
            income = benefit_calculation_get(benefit=benefit, month=on.replace(day=1)).income
        except CalculationError:
            income = Decimal("0")
    return HouseholdSituation(
        household_id=household_id,
        year=year,
        monthly_income=income,
        assets=Decimal("0"),
        low_income_since=benefit.started_on if benefit else on,
    )


@dataclass
class HouseholdFacts:
    """What the calculation and the regulations check know about a household on a date."""

    household_id: int
    on: date
    members: list[Membership]
    client: Resident | None
    kind: str
    children: int
    housemates: list[Housemate]
    client_age: int | None
    situation: HouseholdSituation | None = None
    norms: NormSet | None = None
    values: dict = field(default_factory=dict)


def _kind_and_housemates(
    *, members: list[Membership], client_id: int | None, on: date, exclusions: dict[int, str]
) -> tuple[str, int, list[Housemate], Resident | None]:
    client_membership = next((m for m in members if m.resident_id == client_id), None)
    if client_membership is None:
        client_membership = next((m for m in members if m.role == MembershipRole.HEAD), members[0] if members else None)
    client = client_membership.resident if client_membership else None
    partner_role = {MembershipRole.HEAD: MembershipRole.PARTNER, MembershipRole.PARTNER: MembershipRole.HEAD}.get(
        client_membership.role if client_membership else None
    )
    partner = next(
        (
            m
            for m in members
            if partner_role and m.role == partner_role and m.resident_id != getattr(client, "pk", None)
        ),
        None,
    )
    children = sum(1 for m in members if age_on(m.resident.birth_date, on) < rules_data.value("child_age"))
    kind = "couple" if partner else ("single_parent" if children else "single")
    beneficiaries = {getattr(client, "pk", None), getattr(getattr(partner, "resident", None), "pk", None)} - {None}
    housemates = [
        Housemate(
            name=m.resident.full_name,
            age=age_on(m.resident.birth_date, on),
            is_beneficiary=m.resident_id in beneficiaries,
            excluded_reason=exclusions.get(m.resident_id, ""),
        )
        for m in members
    ]
    return kind, children, housemates, client


def household_facts(*, household_id: int, on: date, benefit: SocialAssistance | None = None) -> HouseholdFacts:
    """The composition on `on` (residents' selector), the cost-sharer exclusions, the situation and the norms."""
    members = household_composition_on(household_id=household_id, on=on)
    labels = dict(CostSharerExclusionReason.choices)
    exclusions = {
        e.resident_id: str(labels[e.reason])
        for e in CostSharerExclusion.objects.filter(valid_on(on), household_id=household_id)
    }
    kind, children, housemates, client = _kind_and_housemates(
        members=members, client_id=benefit.client_id if benefit else None, on=on, exclusions=exclusions
    )
    facts = HouseholdFacts(
        household_id=household_id,
        on=on,
        members=members,
        client=client,
        kind=kind,
        children=children,
        housemates=housemates,
        client_age=age_on(client.birth_date, on) if client else None,
    )
    version = norm_version_on(on)
    facts.norms = NormSet.from_model(version) if version else None
    facts.situation = household_situation_latest(household_id=household_id, year=on.year)
    if facts.situation is not None and facts.norms is not None:
        situation = facts.situation
        minimum = facts.norms.base_norm(kind)
        facts.values = {
            "income_percent": float(np.round(float(situation.monthly_income) / float(minimum) * 100, 2))
            if minimum
            else 0.0,
            "assets": float(situation.assets),
            "household_kind": kind,
            "client_age": facts.client_age or 0,
            "children": children,
            "chronic_illness": situation.chronic_illness,
            "student_with_disability": situation.student_with_disability,
            "years_low_income": (on - situation.low_income_since).days // 365,
            "income_prospect": situation.income_prospect,
            "special_costs": situation.special_costs,
            "social_assistance": benefit is not None and benefit.is_active_on(on),
        }
    return facts


def _months_between(first: date, month: date) -> int:
    return (month.year - first.year) * 12 + month.month - first.month


def benefit_calculation_get(
    *, benefit: SocialAssistance, month: date, earnings_month: date | bool | None = True
) -> BenefitCalculation:
    """The benefit for `month`, with the earnings reported for `earnings_month` (the same month by default;
    None for none at all), explained line by line."""
    on = month.replace(day=1)
    facts = household_facts(household_id=benefit.household_id, on=on, benefit=benefit)
    if facts.norms is None:
        raise CalculationError("Er zijn geen normbedragen geladen voor deze datum.")
    if facts.client is None:
        raise CalculationError("De aanvrager woont op deze datum niet in het huishouden.")
    earnings = other = Decimal("0")
    if earnings_month is True:
        earnings_month = on
    if earnings_month:
        report = IncomeReport.objects.filter(benefit=benefit, month=earnings_month).first()
        if report is not None:
            earnings, other = report.net_earnings, report.other_income
    disregard_month = _months_between(benefit.earnings_disregard_from, on) + 1 if benefit.earnings_disregard_from else 1
    return benefit_calculate(
        on=on,
        norms=facts.norms,
        kind=facts.kind,
        client_birth_date=facts.client.birth_date,
        housemates=facts.housemates,
        earnings=earnings,
        other_income=other,
        disregard_month=max(1, disregard_month),
    )


@dataclass(frozen=True)
class Entitlement:
    regulation: Regulation
    entitled: bool
    used: bool
    use: RegulationUse | None
    explanations: list[Explanation]

    @property
    def not_taken_up(self) -> bool:
        return self.entitled and not self.used


def entitlement_check_household(
    *, household_id: int, on: date, facts: HouseholdFacts | None = None
) -> list[Entitlement]:
    """Every regulation in force with whether the household is entitled, whether it uses it, and why.

    The same rules as the batch (`batch.entitlement_check_run`), evaluated for one household with explanations.
    Without a situation on record nothing is claimed: the list is empty.
    """
    if facts is None:
        benefit = benefit_for_household(household_id=household_id, on=on)
        facts = household_facts(household_id=household_id, on=on, benefit=benefit)
    if not facts.values:
        return []
    uses = {
        u.regulation_id: u
        for u in RegulationUse.objects.filter(
            household_id=household_id, status__in=[UseStatus.APPLIED, UseStatus.GRANTED]
        )
    }
    result = []
    for regulation in regulations_in_force(on):
        entitled, explanations = evaluate_one(regulation.conditions, facts.values)
        use = uses.get(regulation.pk)
        result.append(Entitlement(regulation, entitled, use is not None, use, explanations))
    return result


@dataclass
class ClientFile:
    """Everything the client page shows, already narrowed to what the viewer may see (domain P)."""

    access: HouseholdAccess
    on: date
    benefit: SocialAssistance | None
    facts: HouseholdFacts
    calculation: BenefitCalculation | None
    calculation_error: str
    handovers: list[CoordinatorHandover]
    entitlements: list[Entitlement]
    uses: list[RegulationUse]
    reviews: list[AnnualReview]
    review_due: AnnualReview | None
    fitness: list[FinancialFitnessReview]
    income_reports: list[IncomeReport]
    settlements: list[SurplusSettlement]
    reminders: list[Reminder]
    open_case: object | None = None

    @property
    def not_taken_up(self) -> list[Entitlement]:
        return [e for e in self.entitlements if e.not_taken_up]


def _read_logged(*, access: HouseholdAccess, residents: list[Resident], activity: str = ACTIVITY) -> None:
    audit.processing_record(
        actor=access.user,
        activity=activity,
        data_subjects=[audit.pseudonym(r.bsn) for r in residents] or [""],
        channel=access.channel,
        result=access.result,
        reason=access.reason,
    )


def open_case_get(*, household_id: int, with_intakes: bool = True):
    """The household's open case in the access app (the broad intake on all life domains lives there)."""
    return access_selectors.open_case_of(household_id=household_id, with_intakes=with_intakes)


def client_file_get(*, access: HouseholdAccess, on: date | None = None) -> ClientFile:
    """The client page: benefit, coordinator and handovers, the month's calculation, the regulations check with
    its reasons, conversations, earnings and settlements. A fixed number of queries; the read is logged."""
    on = on or access.on
    household_id = access.household_id
    benefit = benefit_for_household(household_id=household_id, on=on)
    facts = household_facts(household_id=household_id, on=on, benefit=benefit)
    calculation, error = None, ""
    if benefit is not None:
        try:
            calculation = benefit_calculation_get(benefit=benefit, month=on.replace(day=1))
        except CalculationError as problem:
            error = str(problem)
    entitlements = entitlement_check_household(household_id=household_id, on=on, facts=facts)
    reviews = list(
        AnnualReview.objects.filter(household_id=household_id)
        .with_coordinator(on=on)
        .select_related("held_by")
        .order_by("-year", "-pk")
    )
    review_due = next((r for r in reviews if r.status == ReviewStatus.PLANNED), None)
    file = ClientFile(
        access=access,
        on=on,
        benefit=benefit,
        facts=facts,
        calculation=calculation,
        calculation_error=error,
        handovers=list(
            CoordinatorHandover.objects.filter(benefit__household_id=household_id).select_related(
                "from_user", "to_user"
            )
        ),
        entitlements=entitlements,
        uses=list(
            RegulationUse.objects.filter(household_id=household_id)
            .select_related("regulation")
            .order_by("-applied_on", "-pk")
        ),
        reviews=reviews,
        review_due=review_due,
        fitness=list(FinancialFitnessReview.objects.filter(household_id=household_id)[:10]),
        income_reports=list(IncomeReport.objects.filter(benefit__household_id=household_id).order_by("-month")[:12]),
        settlements=list(SurplusSettlement.objects.filter(benefit__household_id=household_id).order_by("-month")[:12]),
        reminders=list(
            Reminder.objects.filter(household_id=household_id, done_at__isnull=True).order_by("due_on", "pk")[:20]
        ),
        open_case=open_case_get(household_id=household_id),
    )
    _read_logged(access=access, residents=[m.resident for m in facts.members])
    return file


def surplus_month_get(
    *, access: HouseholdAccess, month: date
) -> tuple[SocialAssistance | None, SurplusSettlement | None]:
    benefit, settlement = surplus_month_of_household(household_id=access.household_id, month=month)
    if benefit is not None:
        _read_logged(access=access, residents=[benefit.client])
    return benefit, settlement


def surplus_month_of_household(
    *, household_id: int, month: date
) -> tuple[SocialAssistance | None, SurplusSettlement | None]:
    """The household's benefit in `month` and that month's settlement, if any; the caller logs the read."""
    benefit = benefit_for_household(household_id=household_id, on=month)
    settlement = SurplusSettlement.objects.filter(benefit=benefit, month=month).first() if benefit else None
    return benefit, settlement


# --- What the services look up before they write ------------------------------------------------------------


def is_coordinator_at(*, user, organisation_id: int) -> bool:
    """Whether `user` is a coordinator (regisseur or klantmanager) of the organisation: who may hold a benefit."""
    return user.affiliations.filter(organisation_id=organisation_id, role=Role.COORDINATOR).exists()


def is_member_on(*, household_id: int, resident_id: int, on: date) -> bool:
    """Whether the resident belongs to the household on `on` (a benefit's client, a cost-sharer exclusion)."""
    return Membership.objects.filter(valid_on(on), household_id=household_id, resident_id=resident_id).exists()


def unended_benefit_exists(*, household_id: int) -> bool:
    """Whether the household has a benefit without an end date: a household has one running benefit."""
    return SocialAssistance.objects.filter(household_id=household_id, ended_on__isnull=True).exists()


def planned_reviews_count(*, benefit_id: int) -> int:
    """The benefit's planned conversations (a handover reports how many go with the client)."""
    return AnnualReview.objects.filter(benefit_id=benefit_id, status=ReviewStatus.PLANNED).count()


def annual_review_exists(*, benefit_id: int, year: int) -> bool:
    """Whether the benefit has a conversation for `year` (planned, held or cancelled): one per year."""
    return AnnualReview.objects.filter(benefit_id=benefit_id, year=year).exists()


def annual_reviews_to_remind(*, on: date) -> list[tuple[int, int, int, int, date]]:
    """Planned conversations in the coming days (practice.yaml) whose reminders have not gone out yet, as
    (review, benefit, household, coordinator, planned_on) rows."""
    days = int(practice()["annual_review"]["reminder_days_before"])
    return list(
        AnnualReview.objects.filter(
            status=ReviewStatus.PLANNED,
            reminded_on__isnull=True,
            planned_on__gte=on,
            planned_on__lte=on + timedelta(days=days),
        )
        .with_coordinator(on=on)
        .values_list("pk", "benefit_id", "household_id", "coordinator_ref", "planned_on")
    )


def regulations_not_used(*, household_id: int, on: date) -> list[str]:
    """The codes of the regulations the household is entitled to on `on` but does not use (the regulations
    check a financieel-fit conversation records)."""
    return [
        e.regulation.code
        for e in entitlement_check_household(household_id=household_id, on=on)
        if e.entitled and not e.used
    ]


# --- The coordinator's worklist ------------------------------------------------------------------------------


@dataclass
class Worklist:
    clients: QuerySet[SocialAssistance]
    due_soon: list[AnnualReview]
    overdue: list[AnnualReview]
    not_planned_overdue: list[SocialAssistance]
    reminders: list[Reminder]
    client_count: int
    exempt_count: int
    fitness_overdue: list[SocialAssistance] = field(default_factory=list)


def worklist_get(*, user, on: date | None = None) -> Worklist:
    """The coordinator's own clients (paginate `clients`), conversations coming up and overdue, and reminders."""
    on = on or _today()
    settings = practice()
    days = int(settings["annual_review"]["reminder_days_before"])
    interval = int(settings["annual_review"]["interval_days"])
    clients = (
        SocialAssistance.objects.filter(_running(on))
        .filter(residents_selectors.coordinated_by(user=user, on=on))
        .select_related("client")
        .order_by("client__family_name", "pk")
    )
    mine = (
        AnnualReview.objects.of_coordinator(user, on=on)
        .filter(status=ReviewStatus.PLANNED)
        .select_related("benefit__client")
    )
    recent = AnnualReview.objects.filter(
        benefit=OuterRef("pk"), status__in=[ReviewStatus.HELD, ReviewStatus.PLANNED]
    ).filter(Q(held_on__gt=on - timedelta(days=interval)) | Q(status=ReviewStatus.PLANNED))
    counts = clients.aggregate(total=Count("pk"), exempt=Count("pk", filter=Q(work_obligation="exempt")))
    # The most vulnerable (work not possible) have the financieel-fit conversation every year (seed 004).
    yearly = settings["financial_fitness"].get("yearly_for_work_obligation", [])
    recent_fitness = FinancialFitnessReview.objects.filter(
        household_id=OuterRef("household_id"), held_on__gt=on - timedelta(days=interval)
    )
    return Worklist(
        clients=clients,
        due_soon=list(
            mine.filter(planned_on__gte=on, planned_on__lte=on + timedelta(days=days)).order_by("planned_on")[:50]
        ),
        overdue=list(mine.filter(planned_on__lt=on).order_by("planned_on")[:100]),
        not_planned_overdue=list(
            clients.filter(started_on__lt=on - timedelta(days=interval)).filter(~Exists(recent))[:100]
        ),
        reminders=list(
            Reminder.objects.of_user(user, on=on)
            .filter(done_at__isnull=True, due_on__lte=on + timedelta(days=days))
            .order_by("due_on", "pk")[:50]
        ),
        client_count=counts["total"],
        exempt_count=counts["exempt"],
        fitness_overdue=list(
            clients.filter(work_obligation__in=yearly, started_on__lt=on - timedelta(days=interval)).filter(
                ~Exists(recent_fitness)
            )[:100]
        ),
    )


def worklist_read_log(*, user, benefits: list[SocialAssistance], reviews: list[AnnualReview]) -> None:
    """Log the read of the client names shown on the worklist (one insert)."""
    subjects = [audit.pseudonym(b.client.bsn) for b in benefits] + [
        audit.pseudonym(r.benefit.client.bsn) for r in reviews
    ]
    if subjects:
        audit.processing_record(actor=user, activity=ACTIVITY, data_subjects=subjects)


@dataclass(frozen=True)
class AnnualReviewCounts:
    due_soon: int
    overdue: int


def annual_review_counts(*, user, on: date | None = None) -> AnnualReviewCounts:
    """The user's planned yearly conversations coming up (within the reminder days) and overdue: counts for the
    home page, no client read (one query)."""
    on = on or _today()
    days = int(practice()["annual_review"]["reminder_days_before"])
    counts = (
        AnnualReview.objects.of_coordinator(user, on=on)
        .filter(status=ReviewStatus.PLANNED)
        .aggregate(
            due_soon=Count("pk", filter=Q(planned_on__gte=on, planned_on__lte=on + timedelta(days=days))),
            overdue=Count("pk", filter=Q(planned_on__lt=on)),
        )
    )
    return AnnualReviewCounts(due_soon=counts["due_soon"], overdue=counts["overdue"])


@dataclass(frozen=True)
class BenefitFlow:
    year: int
    running: int
    inflow: int
    outflow: int


def benefit_flow(*, on: date | None = None) -> BenefitFlow:
    """Social assistance now running, started this year and ended this year: aggregates for policy (one query)."""
    on = on or _today()
    start = date(on.year, 1, 1)
    counts = SocialAssistance.objects.aggregate(
        running=Count("pk", filter=_running(on)),
        inflow=Count("pk", filter=Q(started_on__gte=start, started_on__lte=on)),
        outflow=Count("pk", filter=Q(ended_on__gte=start, ended_on__lte=on)),
    )
    return BenefitFlow(year=on.year, running=counts["running"], inflow=counts["inflow"], outflow=counts["outflow"])


def non_take_up_total() -> int:
    """Households the latest entitlement check found not using a regulation (one query; aggregates only)."""
    latest = EntitlementCheckRun.objects.order_by("-started_at", "-pk").values("pk")[:1]
    return NonTakeUp.objects.filter(run_id=Subquery(latest)).values("household_id").distinct().count()


# --- Aggregates: caseload, coordinator report, non-take-up report -------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    coordinator_id: int
    name: str
    clients: int
    exempt: int
    planned: int
    held: int
    overdue: int


def caseload_list(*, on: date | None = None) -> list[CaseloadRow]:
    """Clients per coordinator with this year's conversations: counts only, no residents (for team leads, policy)."""
    on = on or _today()
    year_reviews = AnnualReview.objects.filter(year=on.year, benefit__in=SocialAssistance.objects.filter(_running(on)))
    reviews = {
        row["coordinator_ref"]: row
        for row in year_reviews.with_coordinator(on=on)
        .values("coordinator_ref")
        .annotate(
            planned=Count("pk", filter=Q(status=ReviewStatus.PLANNED)),
            held=Count("pk", filter=Q(status=ReviewStatus.HELD)),
            overdue=Count("pk", filter=Q(status=ReviewStatus.PLANNED, planned_on__lt=on)),
        )
    }
    # The fixed coordinator is the household's coordinator involvement (residents): grouped by it in one query.
    rows = (
        SocialAssistance.objects.filter(_running(on))
        .annotate(
            **{
                f"coordinator{suffix}": residents_selectors.coordinator_column(column=column, on=on)
                for suffix, column in [
                    ("_id", "user_id"),
                    ("__first_name", "user__first_name"),
                    ("__last_name", "user__last_name"),
                    ("__username", "user__username"),
                ]
            }
        )
        .filter(coordinator_id__isnull=False)
        .values("coordinator_id", "coordinator__first_name", "coordinator__last_name", "coordinator__username")
        .annotate(clients=Count("pk"), exempt=Count("pk", filter=Q(work_obligation="exempt")))
        .order_by("coordinator__last_name", "coordinator__username")
    )
    result = []
    for row in rows:
        name = (
            f"{row['coordinator__first_name']} {row['coordinator__last_name']}".strip() or row["coordinator__username"]
        )
        counts = reviews.get(row["coordinator_id"], {})
        result.append(
            CaseloadRow(
                coordinator_id=row["coordinator_id"],
                name=name,
                clients=row["clients"],
                exempt=row["exempt"],
                planned=counts.get("planned", 0),
                held=counts.get("held", 0),
                overdue=counts.get("overdue", 0),
            )
        )
    return result


def clients_without_coordinator(*, on: date | None = None) -> QuerySet[SocialAssistance]:
    """Running benefits whose household has no coordinator. Empty by construction: the grant starts one, and
    residents refuses to end it while a benefit runs (only a warm handover moves it)."""
    on = on or _today()
    coordinated = Involvement.objects.filter(
        valid_on(on), household_id=OuterRef("household_id"), kind=InvolvementKind.COORDINATOR
    )
    return SocialAssistance.objects.filter(_running(on)).filter(~Exists(coordinated))


def clients_whose_coordinator_is_not_the_households(*, on: date | None = None) -> QuerySet[SocialAssistance]:
    """Running benefits whose regiehouder is not the household's coordinator. Empty by design now: the benefit
    has no coordinator of its own but reads the household's, so the two cannot differ (kept for the report)."""
    return SocialAssistance.objects.none()


@dataclass(frozen=True)
class NonTakeUpRow:
    regulation: Regulation
    households: int


@dataclass
class NonTakeUpReport:
    run: EntitlementCheckRun | None
    rows: list[NonTakeUpRow]
    runs: list[EntitlementCheckRun]


def non_take_up_report(*, run: EntitlementCheckRun | None = None) -> NonTakeUpReport:
    """The latest run's non-take-up per regulation (aggregates only), with the previous runs."""
    runs = list(EntitlementCheckRun.objects.order_by("-started_at", "-pk")[:12])
    run = run or (runs[0] if runs else None)
    rows: list[NonTakeUpRow] = []
    if run is not None:
        counts = dict(NonTakeUp.objects.filter(run=run).values_list("regulation_id").annotate(n=Count("pk")).order_by())
        rows = [NonTakeUpRow(r, counts.get(r.pk, 0)) for r in regulation_list()]
    return NonTakeUpReport(run=run, rows=rows, runs=runs)


def my_non_take_up(*, user, run: EntitlementCheckRun | None = None) -> list[NonTakeUp]:
    """The coordinator's own clients in the latest run's non-take-up, to follow up (names: log the read)."""
    run = run or EntitlementCheckRun.objects.order_by("-started_at", "-pk").first()
    if run is None:
        return []
    mine = SocialAssistance.objects.filter(household_id=OuterRef("household_id"), ended_on__isnull=True)
    return list(
        NonTakeUp.objects.filter(run=run)
        .filter(Exists(mine), residents_selectors.coordinated_by(user=user))
        .select_related("regulation")[:200]
    )


# --- The resident's own regulations (the portal) ------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdRegulations:
    """What the regulations check finds for one household, for the resident: the check's own results and the
    household's applications. `income_percent` is the figure the check compared (its facts), never recomputed."""

    on: date
    situation: HouseholdSituation | None
    income_percent: float | None
    entitlements: list[Entitlement]
    uses: list[RegulationUse]
    members: list[Resident]

    @property
    def missing(self) -> list[Entitlement]:
        return [e for e in self.entitlements if e.not_taken_up]

    @property
    def not_applicable(self) -> list[Entitlement]:
        return [e for e in self.entitlements if not e.entitled and not e.used]

    def entitlement_of(self, code: str) -> Entitlement | None:
        return next((e for e in self.entitlements if e.regulation.code == code), None)


def household_regulations(*, household_id: int, on: date) -> HouseholdRegulations:
    """The regulations check of one household with its figures and every application it made (newest first).
    A fixed number of queries whatever the history; the caller logs the read (the portal with channel portal)."""
    benefit = benefit_for_household(household_id=household_id, on=on)
    facts = household_facts(household_id=household_id, on=on, benefit=benefit)
    return HouseholdRegulations(
        on=on,
        situation=facts.situation,
        income_percent=facts.values.get("income_percent"),
        entitlements=entitlement_check_household(household_id=household_id, on=on, facts=facts),
        uses=list(
            RegulationUse.objects.filter(household_id=household_id)
            .select_related("regulation")
            .order_by("-applied_on", "-pk")
        ),
        members=[m.resident for m in facts.members],
    )


def regulation_in_force(*, code: str, on: date) -> Regulation | None:
    """The regulation with this code if it is in force on `on` (an application is for a regulation in force)."""
    regulation = Regulation.objects.filter(code=code).first()
    return regulation if regulation is not None and regulation.is_in_force_on(on) else None


def annual_review_next_on(*, household_id: int, on: date) -> date | None:
    """The date of the household's next planned yearly conversation (jaarlijks gesprek) from `on`, or None: one
    query. Mijn Routekaart names it among the resident's next appointments."""
    return (
        AnnualReview.objects.filter(household_id=household_id, status=ReviewStatus.PLANNED, planned_on__gte=on)
        .order_by("planned_on")
        .values_list("planned_on", flat=True)
        .first()
    )
