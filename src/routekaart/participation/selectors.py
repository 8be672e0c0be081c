"""Reads that feed the participation pages, the API and other apps. A fixed, small number of queries each.

Two kinds of reads:
- of one resident or of a caseload (the profile, the team overview): they take the viewer's access and log what
  they show in the processing log;
- aggregates for policy (distribution, reassessment report, outcomes, budget monitor): counts and sums, no person.

For the `work` app (werkgeversdienstverlening) there are plain lookups by resident id: `wage_value_current`,
`target_group_register_status` and `labour_distance_current`, and their bulk forms for matching lists. They read
no names and do not log: the caller has done the access check for its own purpose and logs its own read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations.models import Organisation
from ..organisations.roles import Domain
from ..residents.access import HouseholdAccess, members_visible
from ..residents.life_phase import aow_date
from ..residents.models import Resident
from ..residents.selectors import processing_log_read
from . import rules_data, workflow
from .calculations import month_start
from .configuration import RULES_DISTANCE, RULES_INSTRUMENTS, rule_document
from .models import (
    Assignment,
    AssignmentStatus,
    Budget,
    Commitment,
    DistanceAssessment,
    DistanceCategory,
    DistanceChange,
    Exemption,
    Expenditure,
    Instrument,
    LabourDistance,
    LadderRung,
    ParticipationTier,
    RegisterStatus,
    Result,
    SpendingLine,
    TargetGroupRegistration,
    WageValueDetermination,
)

ACTIVITY = "participation"
HUNDRED = Decimal(100)


def _share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"))


# --- Lookups for other apps --------------------------------------------------------------------------------------


def _valid_on(on: date) -> Q:
    return Q(determined_on__lte=on, valid_until__gt=on)


def wage_value_current(*, resident_id: int, on: date | None = None) -> WageValueDetermination | None:
    """The wage value that counts for the resident on `on` (today): the latest determination still valid."""
    on = on or timezone.localdate()
    return (
        WageValueDetermination.objects.filter(_valid_on(on), resident_id=resident_id)
        .order_by("-determined_on", "-id")
        .first()
    )


def wage_values_current(*, resident_ids, on: date | None = None) -> dict[int, WageValueDetermination]:
    """`wage_value_current` for many residents in one query (for matching lists)."""
    on = on or timezone.localdate()
    found: dict[int, WageValueDetermination] = {}
    rows = WageValueDetermination.objects.filter(_valid_on(on), resident_id__in=list(resident_ids)).order_by(
        "resident_id", "-determined_on", "-id"
    )
    for row in rows:
        found.setdefault(row.resident_id, row)
    return found


@dataclass(frozen=True)
class RegisterState:
    """The resident's place in UWV's target-group register as last reported; a garantiebaan needs `registered`."""

    status: str | None
    ground: str = ""
    as_of: date | None = None

    @property
    def registered(self) -> bool:
        return self.status == RegisterStatus.REGISTERED

    @property
    def label(self) -> str:
        return str(RegisterStatus(self.status).label) if self.status else ""


def target_group_register_status(*, resident_id: int, on: date | None = None) -> RegisterState:
    """What UWV last reported about the resident in the target-group register, on or before `on` (today)."""
    return target_group_register_statuses(resident_ids=[resident_id], on=on).get(resident_id, RegisterState(None))


def target_group_register_statuses(*, resident_ids, on: date | None = None) -> dict[int, RegisterState]:
    on = on or timezone.localdate()
    found: dict[int, RegisterState] = {}
    rows = (
        TargetGroupRegistration.objects.filter(resident_id__in=list(resident_ids), as_of__lte=on)
        .order_by("resident_id", "-as_of", "-id")
        .values_list("resident_id", "status", "ground", "as_of")
    )
    for resident_id, status, ground, as_of in rows:
        found.setdefault(resident_id, RegisterState(status, ground, as_of))
    return found


def labour_distance_current(*, resident_id: int) -> DistanceAssessment | None:
    """The resident's current assessment (category, tier, ladder rung), or None if never assessed."""
    return (
        DistanceAssessment.objects.filter(resident_id=resident_id, is_current=True)
        .select_related("category", "tier", "ladder_rung")
        .first()
    )


# --- Lookups the services check against ------------------------------------------------------------------------


def register_status_on(resident: Resident, on: date) -> str | None:
    """The register status UWV last reported on or before `on`."""
    return (
        TargetGroupRegistration.objects.filter(resident=resident, as_of__lte=on)
        .order_by("-as_of", "-id")
        .values_list("status", flat=True)
        .first()
    )


def exemption_on(resident: Resident, instrument: Instrument, on: date) -> Exemption | None:
    """The exemption from the instrument's obligation that holds for the resident on `on`, if any."""
    return Exemption.objects.filter(valid_on(on), resident=resident, instrument=instrument).first()


def exemption_ground_name(code: str) -> str:
    """The name of an exemption ground as the rules (data) call it; the code itself if unknown."""
    names = {g["code"]: g["name"] for g in rule_document(RULES_INSTRUMENTS).get("exemption_grounds", [])}
    return names.get(code, code)


# --- Configuration views (no personal data) ------------------------------------------------------------------------


def category_list() -> QuerySet[DistanceCategory]:
    return DistanceCategory.objects.prefetch_related("tiers").order_by("order")


def tier_list() -> QuerySet[ParticipationTier]:
    return ParticipationTier.objects.order_by("order")


def ladder_list() -> QuerySet[LadderRung]:
    return LadderRung.objects.order_by("order")


def instrument_list() -> QuerySet[Instrument]:
    return (
        Instrument.objects.select_related("spending_line", "catalog_instrument")
        .prefetch_related("results")
        .order_by("order")
    )


@dataclass(frozen=True)
class Referral:
    """Who does what for a labour distance (seed 002, §5): the providers and the instruments that fit."""

    labour_distance: str
    label: str
    provider_kinds: list[str]
    instruments: list[Instrument]
    text: str


def referral_list() -> list[Referral]:
    """The referrals by distance, with the instruments as rows (two queries)."""
    document = rule_document(RULES_DISTANCE)
    instruments = {i.code: i for i in Instrument.objects.order_by("order")}
    return [
        Referral(
            labour_distance=r["labour_distance"],
            label=str(LabourDistance(r["labour_distance"]).label),
            provider_kinds=r["provider_kinds"],
            instruments=[instruments[c] for c in r["instruments"] if c in instruments],
            text=(r.get("text") or "").strip(),
        )
        for r in document.get("referrals", [])
    ]


def reference_get() -> dict:
    """Seed 002's reference figures (the Zaanstad analysis and the reassessment sample)."""
    return rule_document(RULES_DISTANCE).get("reference", {})


# --- One resident: the participation profile ----------------------------------------------------------------------


@dataclass
class Profile:
    resident: Resident
    access: HouseholdAccess
    assessments: list[DistanceAssessment]
    wage_values: list[WageValueDetermination]
    register: list[TargetGroupRegistration]
    exemptions: list[Exemption]
    assignments: list[Assignment]
    referrals: list[Referral]
    on: date

    @property
    def current(self) -> DistanceAssessment | None:
        return next((a for a in self.assessments if a.is_current), None)

    @property
    def wage_value(self) -> WageValueDetermination | None:
        return next((w for w in self.wage_values if w.determined_on <= self.on < w.valid_until), None)

    @property
    def register_state(self) -> TargetGroupRegistration | None:
        return next((r for r in self.register if r.as_of <= self.on), None)

    @property
    def open_assignments(self) -> list[Assignment]:
        return [a for a in self.assignments if a.status in workflow.OPEN]

    @property
    def closed_assignments(self) -> list[Assignment]:
        return [a for a in self.assignments if a.status not in workflow.OPEN]

    @property
    def referral(self) -> Referral | None:
        current = self.current
        if current is None:
            return None
        return next((r for r in self.referrals if r.labour_distance == current.category.labour_distance), None)

    @property
    def active_exemptions(self) -> list[Exemption]:
        return [e for e in self.exemptions if e.is_active_on(self.on)]


def participation_profile_get(*, access: HouseholdAccess, resident_id: int) -> Profile:
    """A resident's participation as the viewer may see it (Participatiewet domain); the read is logged."""
    resident = (
        Resident.objects.filter(pk=resident_id, memberships__household_id=access.household_id)
        .select_related("address__district__municipality")
        .distinct()
        .get()
    )
    assessments = list(
        DistanceAssessment.objects.filter(resident=resident)
        .select_related("category", "tier", "ladder_rung", "municipality", "assessed_by")
        .order_by("-assessed_on", "-id")
    )
    wage_values = list(WageValueDetermination.objects.filter(resident=resident).select_related("employer"))
    register = list(TargetGroupRegistration.objects.filter(resident=resident))
    exemptions = list(Exemption.objects.filter(resident=resident).select_related("instrument"))
    assignments = list(
        Assignment.objects.filter(resident=resident)
        .select_related("instrument", "provider", "employer", "result", "wage_value")
        .order_by("-planned_start", "-id")
    )
    processing_log_read(access=access, residents=[resident], domains={Domain.PARTICIPATION})
    return Profile(
        resident=resident,
        access=access,
        assessments=assessments,
        wage_values=wage_values,
        register=register,
        exemptions=exemptions,
        assignments=assignments,
        referrals=referral_list(),
        on=access.on,
    )


def assignment_get(*, access: HouseholdAccess, resident_id: int, assignment_id: int) -> Assignment:
    """One assignment of a resident of the accessed household; the read is logged."""
    assignment = (
        Assignment.objects.filter(
            pk=assignment_id, resident_id=resident_id, resident__memberships__household_id=access.household_id
        )
        .select_related(
            "instrument__spending_line", "provider", "employer", "result", "wage_value", "resident", "municipality"
        )
        .distinct()
        .get()
    )
    processing_log_read(access=access, residents=[assignment.resident], domains={Domain.PARTICIPATION})
    return assignment


# --- A caseload: the team's overview -------------------------------------------------------------------------------


@dataclass
class TeamOverview:
    on: date
    horizon: date
    categories: list[DistanceCategory]
    tiers: list[ParticipationTier]
    counts: dict[tuple[int, int], int]
    total: int
    due: list[DistanceAssessment]
    due_count: int
    ending: list[Assignment]
    unassessed: list[Resident]

    def count(self, category_id: int, tier_id: int) -> int:
        return self.counts.get((category_id, tier_id), 0)

    @property
    def rows(self) -> list[tuple[DistanceCategory, list[int], int]]:
        result = []
        for category in self.categories:
            cells = [self.count(category.pk, tier.pk) for tier in self.tiers]
            result.append((category, cells, sum(cells)))
        return result

    @property
    def tier_totals(self) -> list[int]:
        return [sum(self.count(c.pk, t.pk) for c in self.categories) for t in self.tiers]


def aow_reached_born_by(on: date) -> date:
    """The last birth date of someone who has reached the AOW age on `on`: those born after it are of working age.

    The AOW age is residents' one legal number (`residents.life_phase.aow_date`), not a fixed 67: it differs by
    birth year. `aow_date` rises with the birth date, so halving the birth dates between 59 and 71 years back finds
    the limit in a dozen steps, and a query can then filter on the birth date alone.
    """
    reached, not_yet = on - relativedelta(years=71), on - relativedelta(years=59)  # aow_date(reached) <= on < ...
    while (not_yet - reached).days > 1:
        middle = reached + timedelta(days=(not_yet - reached).days // 2)
        if aow_date(middle) <= on:
            reached = middle
        else:
            not_yet = middle
    return reached


def _caseload_residents(user, on: date):
    """The residents the user may see now (a subquery, not a list): never a housemate of someone who consented."""
    return members_visible(user=user, purpose=ACTIVITY, domain=Domain.PARTICIPATION, on=on).values("resident_id")


def team_overview_get(*, user, on: date | None = None, horizon_days: int = 30, limit: int = 50) -> TeamOverview:
    """The caseload by distance category and tier, reassessments due and assignments ending within the horizon.

    Seven queries whatever the caseload: the caseload is a subquery over the user's households, counted in the
    database; the lists are capped at `limit`. The residents named on the page are logged as one read each.
    """
    on = on or timezone.localdate()
    horizon = on + timedelta(days=horizon_days)
    caseload = _caseload_residents(user, on)
    current = DistanceAssessment.objects.filter(is_current=True, resident_id__in=caseload)
    counts = {
        (row["category_id"], row["tier_id"]): row["n"]
        for row in current.values("category_id", "tier_id").annotate(n=Count("id")).order_by()
    }
    due_query = current.filter(next_assessment_on__lte=horizon)
    due = list(due_query.select_related("resident", "category", "tier").order_by("next_assessment_on", "id")[:limit])
    due_count = due_query.count() if len(due) == limit else len(due)
    ending = list(
        Assignment.objects.filter(status__in=workflow.OPEN, resident_id__in=caseload, planned_end__lte=horizon)
        .select_related("resident", "instrument", "provider")
        .order_by("planned_end", "id")[:limit]
    )
    adult_from, adult_to = aow_reached_born_by(on), on - relativedelta(years=rules_data.value("adult_age"))
    unassessed = list(
        Resident.objects.filter(
            pk__in=caseload, birth_date__gt=adult_from, birth_date__lte=adult_to, date_of_death__isnull=True
        )
        .exclude(Exists(DistanceAssessment.objects.filter(resident_id=OuterRef("pk"))))
        .order_by("family_name", "id")[:limit]
    )
    shown = {r.pk: r for r in [a.resident for a in due] + [a.resident for a in ending] + unassessed}
    if shown:
        audit.processing_record(
            actor=user, activity=ACTIVITY, data_subjects=[audit.pseudonym(r.bsn) for r in shown.values()]
        )
    return TeamOverview(
        on=on,
        horizon=horizon,
        categories=list(DistanceCategory.objects.order_by("order")),
        tiers=list(ParticipationTier.objects.order_by("order")),
        counts=counts,
        total=sum(counts.values()),
        due=due,
        due_count=due_count,
        ending=ending,
        unassessed=unassessed,
    )


# --- Counts for the home pages: no person read ---------------------------------------------------------------------


def caseload_count(*, user, on: date | None = None) -> int:
    """How many residents the user works with in participation now (one query; the home page's figure)."""
    on = on or timezone.localdate()
    return Resident.objects.filter(pk__in=_caseload_residents(user, on)).count()


@dataclass(frozen=True)
class ProviderCounts:
    proposed: int
    to_start: int
    running: int
    ending_soon: int


def provider_assignment_counts(*, organisation_ids, on: date | None = None, horizon_days: int = 30) -> ProviderCounts:
    """The assignments given to the provider's organisations: proposed, granted but not started, running, and
    running that end within the horizon (to report on). One query, counts only."""
    on = on or timezone.localdate()
    counts = Assignment.objects.filter(provider_id__in=list(organisation_ids)).aggregate(
        proposed=Count("id", filter=Q(status=AssignmentStatus.PROPOSED)),
        to_start=Count("id", filter=Q(status=AssignmentStatus.GRANTED)),
        running=Count("id", filter=Q(status=AssignmentStatus.ACTIVE)),
        ending_soon=Count(
            "id", filter=Q(status=AssignmentStatus.ACTIVE, planned_end__lte=on + timedelta(days=horizon_days))
        ),
    )
    return ProviderCounts(**counts)


@dataclass(frozen=True)
class BudgetUse:
    year: int
    budget: Decimal
    spent: Decimal

    @property
    def share(self) -> Decimal | None:
        return _share(self.spent, self.budget)


def budget_use_get(*, on: date | None = None) -> BudgetUse:
    """This year's participation budget of all municipalities against what was spent so far (two queries): a
    spending line's own budget, or else the sum of its instruments' budgets, as the budget monitor adds them."""
    on = on or timezone.localdate()
    per_line: dict[int, Decimal] = {}
    from_instruments: dict[int, Decimal] = defaultdict(Decimal)
    for line_id, instrument_id, amount in Budget.objects.filter(year=on.year).values_list(
        "spending_line_id", "instrument_id", "amount"
    ):
        if instrument_id is None:
            per_line[line_id] = per_line.get(line_id, Decimal(0)) + amount
        else:
            from_instruments[line_id] += amount
    budget = sum((per_line.get(line, total) for line, total in from_instruments.items()), Decimal(0))
    budget += sum((amount for line, amount in per_line.items() if line not in from_instruments), Decimal(0))
    spent = Expenditure.objects.filter(booked_on__year=on.year, booked_on__lte=on).aggregate(total=Sum("amount"))
    return BudgetUse(year=on.year, budget=budget, spent=spent["total"] or Decimal(0))


# --- Aggregates for policy -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DistributionRow:
    category: DistanceCategory
    count: int
    share: Decimal | None
    reference_share: Decimal

    @property
    def difference(self) -> Decimal | None:
        return None if self.share is None else self.share - self.reference_share


@dataclass
class Distribution:
    municipality: Organisation | None
    rows: list[DistributionRow]
    total: int
    by_distance: list[tuple[str, int, Decimal | None, Decimal]]


def _in_municipality(queryset, municipality: Organisation | None):
    return queryset.filter(municipality=municipality) if municipality is not None else queryset


def distance_distribution(*, municipality: Organisation | None = None) -> Distribution:
    """The municipality's current distribution over Sol's categories beside Zaanstad's shares (seed 002). 2 queries."""
    categories = list(DistanceCategory.objects.order_by("order"))
    counts = dict(
        _in_municipality(DistanceAssessment.objects.filter(is_current=True), municipality)
        .values_list("category_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = sum(counts.values())
    rows = [
        DistributionRow(c, counts.get(c.pk, 0), _share(counts.get(c.pk, 0), total), c.reference_share)
        for c in categories
    ]
    by_distance = []
    for value, label in LabourDistance.choices:
        count = sum(r.count for r in rows if r.category.labour_distance == value)
        reference = sum((r.reference_share for r in rows if r.category.labour_distance == value), Decimal(0))
        by_distance.append((str(label), count, _share(count, total), reference))
    return Distribution(municipality=municipality, rows=rows, total=total, by_distance=by_distance)


@dataclass
class ReassessmentReport:
    since: date
    until: date
    counts: dict[str, int]
    reference_share_fell: Decimal | None

    @property
    def reassessed(self) -> int:
        return sum(n for change, n in self.counts.items() if change != DistanceChange.FIRST)

    @property
    def fell(self) -> int:
        return self.counts.get(DistanceChange.SMALLER, 0)

    @property
    def share_fell(self) -> Decimal | None:
        return _share(self.fell, self.reassessed)

    def rows(self) -> list[tuple[str, int, Decimal | None]]:
        return [
            (str(DistanceChange(c).label), self.counts.get(c, 0), _share(self.counts.get(c, 0), self.reassessed))
            for c in (DistanceChange.SMALLER, DistanceChange.SAME, DistanceChange.LARGER)
        ]


def reassessment_report(
    *, municipality: Organisation | None = None, since: date | None = None, until: date | None = None
) -> ReassessmentReport:
    """Of the reassessments in the period, the share whose distance fell since the previous one (seed 002: 3 in 4)."""
    until = until or timezone.localdate()
    since = since or until - relativedelta(years=1)
    counts = dict(
        _in_municipality(
            DistanceAssessment.objects.filter(assessed_on__gte=since, assessed_on__lte=until), municipality
        )
        .values_list("change")
        .annotate(n=Count("id"))
        .order_by()
    )
    reference = reference_get().get("reassessment_share_fell")
    return ReassessmentReport(
        since=since, until=until, counts=counts, reference_share_fell=Decimal(str(reference)) if reference else None
    )


@dataclass
class Planning:
    on: date
    with_distance: int
    overdue: int
    months: list[tuple[date, int]]


def reassessment_planning(
    *, municipality: Organisation | None = None, on: date | None = None, months: int = 12
) -> Planning:
    """For every resident with a distance: how many reassessments are overdue, and how many fall due per month.

    One aggregate query with a conditional count per month over a covering index (is_current, next_assessment_on),
    whatever the number of residents; no date function per row, so SQLite and PostgreSQL plan it alike.
    """
    on = on or timezone.localdate()
    first = month_start(on)
    bounds = [first + relativedelta(months=i) for i in range(months + 1)]
    current = _in_municipality(DistanceAssessment.objects.filter(is_current=True), municipality)
    counts = {
        f"m{i}": Count("id", filter=Q(next_assessment_on__gte=max(on, bounds[i]), next_assessment_on__lt=bounds[i + 1]))
        for i in range(months)
    }
    totals = current.aggregate(total=Count("id"), overdue=Count("id", filter=Q(next_assessment_on__lt=on)), **counts)
    rows = [(bounds[i], totals[f"m{i}"]) for i in range(months)]
    return Planning(on=on, with_distance=totals["total"], overdue=totals["overdue"], months=rows)


@dataclass
class Outcomes:
    year: int
    rows: list[tuple[Result, int]]
    ended: int
    placements: int
    left_social_assistance: int
    by_instrument: list[tuple[Instrument, int, int]]


def outcomes_get(*, municipality: Organisation | None = None, year: int | None = None) -> Outcomes:
    """Ended assignments of the year by result (the Werkbedrijf's results, seed 001) and outflow from assistance."""
    year = year or timezone.localdate().year
    ended = _in_municipality(
        Assignment.objects.filter(status=AssignmentStatus.ENDED, ended_on__year=year), municipality
    )
    per_result = dict(ended.values_list("result_id").annotate(n=Count("id")).order_by())
    results = list(Result.objects.order_by("order"))
    per_instrument = {
        row["instrument_id"]: (row["n"], row["outflow"])
        for row in ended.values("instrument_id")
        .annotate(n=Count("id"), outflow=Count("id", filter=Q(left_social_assistance=True)))
        .order_by()
    }
    instruments = list(Instrument.objects.order_by("order"))
    return Outcomes(
        year=year,
        rows=[(r, per_result.get(r.pk, 0)) for r in results],
        ended=sum(per_result.values()),
        placements=sum(per_result.get(r.pk, 0) for r in results if r.is_placement),
        left_social_assistance=sum(outflow for _, outflow in per_instrument.values()),
        by_instrument=[(i, *per_instrument[i.pk]) for i in instruments if i.pk in per_instrument],
    )


# --- The budget monitor ----------------------------------------------------------------------------------------------


@dataclass
class BudgetRow:
    """Budget, commitments, spend to date and the year's forecast of an instrument or a spending line."""

    label: str
    budget: Decimal | None
    committed: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    forecast: Decimal = Decimal(0)
    instrument: Instrument | None = None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.forecast > self.budget

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.forecast


@dataclass
class LineBlock:
    line: SpendingLine
    total: BudgetRow
    instruments: list[BudgetRow] = field(default_factory=list)


@dataclass
class BudgetMonitor:
    municipality: Organisation
    year: int
    on: date
    lines: list[LineBlock]
    total: BudgetRow

    @property
    def warnings(self) -> list[BudgetRow]:
        rows = [block.total for block in self.lines if block.total.over_budget]
        rows += [row for block in self.lines for row in block.instruments if row.over_budget]
        return rows


def budget_monitor_get(*, municipality: Organisation, year: int | None = None, on: date | None = None) -> BudgetMonitor:
    """Per instrument and per spending line of seed 001: budget, commitments, spend to date and the year's forecast.

    Forecast = spent so far this year + what is still committed for the rest of the year: the months after the
    current one in full, and the current month as far as it is not yet paid. A warning when the forecast exceeds
    the budget. Five queries whatever the number of assignments: the sums run in the database over the monthly
    commitment rows and the expenditures.
    """
    on = on or timezone.localdate()
    year = year or on.year
    current_month = month_start(on) if on.year == year else (date(year, 1, 1) if on.year < year else date(year, 12, 1))
    passed = on.year > year
    lines = list(SpendingLine.objects.order_by("order"))
    instruments = list(Instrument.objects.order_by("order"))
    budgets = list(Budget.objects.filter(municipality=municipality, year=year))
    line_budget = {b.spending_line_id: b.amount for b in budgets if b.instrument_id is None}
    instrument_budget = {b.instrument_id: b.amount for b in budgets if b.instrument_id is not None}

    zero = Decimal(0)
    commitments = {
        row["instrument_id"]: row
        for row in Commitment.objects.filter(municipality=municipality, month__year=year)
        .values("instrument_id")
        .annotate(
            total=Sum("amount"),
            later=Sum("amount", filter=Q(month__gt=current_month)),
            this_month=Sum("amount", filter=Q(month=current_month)),
        )
        .order_by()
    }
    spending = {
        row["instrument_id"]: row
        for row in Expenditure.objects.filter(municipality=municipality, booked_on__year=year, booked_on__lte=on)
        .values("instrument_id")
        .annotate(
            total=Sum("amount"),
            this_month=Sum("amount", filter=Q(booked_on__gte=current_month)),
        )
        .order_by()
    }

    def row_for(instrument: Instrument) -> BudgetRow:
        committed = commitments.get(instrument.pk, {})
        spent = spending.get(instrument.pk, {})
        spent_total = spent.get("total") or zero
        if passed:
            forecast = spent_total
        else:
            open_this_month = max(zero, (committed.get("this_month") or zero) - (spent.get("this_month") or zero))
            forecast = spent_total + (committed.get("later") or zero) + open_this_month
        return BudgetRow(
            label=instrument.name,
            budget=instrument_budget.get(instrument.pk),
            committed=committed.get("total") or zero,
            spent=spent_total,
            forecast=forecast,
            instrument=instrument,
        )

    def total_of(label: str, rows: list[BudgetRow], budget: Decimal | None) -> BudgetRow:
        budgets_given = [r.budget for r in rows if r.budget is not None]
        if budget is None and budgets_given:
            budget = sum(budgets_given, zero)
        return BudgetRow(
            label=label,
            budget=budget,
            committed=sum((r.committed for r in rows), zero),
            spent=sum((r.spent for r in rows), zero),
            forecast=sum((r.forecast for r in rows), zero),
        )

    per_line = defaultdict(list)
    for instrument in instruments:
        per_line[instrument.spending_line_id].append(row_for(instrument))
    blocks = [
        LineBlock(
            line=line,
            total=total_of(line.name, per_line[line.pk], line_budget.get(line.pk)),
            instruments=per_line[line.pk],
        )
        for line in lines
    ]
    totals = [b.total for b in blocks]
    overall = total_of("", totals, None)
    return BudgetMonitor(municipality=municipality, year=year, on=on, lines=blocks, total=overall)


def municipalities_with_participation() -> QuerySet[Organisation]:
    """Municipalities that have assessments, assignments or budgets: the choices of the policy pages."""
    return (
        Organisation.objects.filter(kind="municipality")
        .filter(
            Exists(DistanceAssessment.objects.filter(municipality_id=OuterRef("pk")))
            | Exists(Assignment.objects.filter(municipality_id=OuterRef("pk")))
            | Exists(Budget.objects.filter(municipality_id=OuterRef("pk")))
        )
        .order_by("name")
    )
