"""Participation for the demo municipality: distances, reassessments, assignments, spend and budgets (synthetic).

Registered in settings.ROUTEKAART_DEMO_GENERATORS after the residents generator: it takes the benefit clients the
residents generator made (the adults of every household whose coordinator holds it in the Participatiewet domain)
and gives each a distance to the labour market drawn from Zaanstad's shares (seed 002), a history in which about
three in four of the reassessed had a smaller distance (seed 002, §3.4), and assignments fitting the distance.

Why it bypasses `services.py`: as the residents generator does, it writes tens of thousands of synthetic rows with
`bulk_create` in a fixed number of statements per batch, keeping the services' invariants by construction (one
current assessment per resident, next date from the category, the same schedules from `calculations.py`). The data
is synthetic, so there is no data subject to log; the run is recorded as one event. A second run adds only what is
missing (residents without an assessment), so it is idempotent.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..audit import services as audit
from ..organisations.models import Organisation, OrganisationKind
from ..residents.models import Involvement, InvolvementKind, Membership, MembershipRole
from . import calculations, selectors
from .configuration import participation_providers_load, wage_subsidy_rules
from .models import (
    Assignment,
    AssignmentStatus,
    Budget,
    Commitment,
    CostBasis,
    DistanceAssessment,
    DistanceCategory,
    DistanceChange,
    Expenditure,
    Instrument,
    LadderRung,
    ParticipationProvider,
    Result,
    SpendingLine,
    WageValueDetermination,
)

MUNICIPALITY = "gemeente-weidebeek"
BATCH = 2_000
DEMO_PROVIDERS = [
    (
        "leerwerkbedrijf-weidebeek",
        "Leerwerkbedrijf Weidebeek",
        OrganisationKind.PROVIDER,
        ["learn_work_company", "sw_company"],
    ),
    ("uitzendbureau-weidebeek", "Uitzendbureau Werkt Direct", OrganisationKind.PROVIDER, ["temp_agency"]),
    ("sociale-onderneming-de-kas", "Sociale onderneming De Kas", OrganisationKind.PROVIDER, ["social_firm"]),
    ("bakkerij-korenschoof", "Bakkerij De Korenschoof", OrganisationKind.EMPLOYER, []),
    ("groenbedrijf-weidebeek", "Groenbedrijf Weidebeek", OrganisationKind.EMPLOYER, []),
]
# Which instrument a resident of each category gets, if any, with its provider kind and price per month.
PLAN = {
    "none_direct": [("agency_matching", "temp_agency", 250)],
    "none_matching": [("agency_matching", "temp_agency", 250), ("short_trajectory", "learn_work_company", 600)],
    "bridgeable_short": [
        ("learn_work_place", "learn_work_company", 950),
        ("short_trajectory", "learn_work_company", 600),
    ],
    "bridgeable_long": [
        ("learn_work_place", "learn_work_company", 950),
        ("work_experience_place", "learn_work_company", 500),
        ("wage_subsidy_with_growth", "learn_work_company", None),
        ("volunteering", "neighbourhood_team", 0),
    ],
    "not_bridgeable_wage_earning": [
        ("sheltered_work", "sw_company", 1400),
        ("wage_subsidy_without_growth", "social_firm", None),
    ],
    "not_bridgeable_social": [
        ("work_oriented_day_activities", "care_provider", 750),
        ("care_and_activation", "neighbourhood_team", 400),
        ("volunteering", "neighbourhood_team", 0),
    ],
}
RUNGS = {
    "none_direct": (5, 6),
    "none_matching": (4, 6),
    "bridgeable_short": (3, 5),
    "bridgeable_long": (2, 4),
    "not_bridgeable_wage_earning": (3, 5),
    "not_bridgeable_social": (1, 3),
}


def demo_providers_ensure() -> dict[str, Organisation]:
    """The demo's leerwerkbedrijf, temp agency, social firm and two employers, with their provider kinds."""
    from ..organisations.services import organisation_create

    existing = {o.code: o for o in Organisation.objects.filter(code__in=[c for c, *_ in DEMO_PROVIDERS])}
    municipality = Organisation.objects.filter(code=MUNICIPALITY).select_related("region").first()
    region = municipality.region if municipality else None
    for code, name, kind, kinds in DEMO_PROVIDERS:
        if code not in existing:
            existing[code] = organisation_create(kind=kind, code=code, name=name, region=region)
        if kinds:
            ParticipationProvider.objects.update_or_create(organisation=existing[code], defaults={"kinds": kinds})
    participation_providers_load()
    return existing


def _benefit_clients(municipality: Organisation):
    """Adults from 18 to the AOW age heading (or partnering in) a household its coordinator holds in the
    Participatiewet domain.

    Both partners of a benefit household have the duty to work towards work, so both get a distance; residents
    already assessed are left out (idempotence).
    """
    today = timezone.localdate()
    coordinated = Involvement.objects.filter(
        household_id=OuterRef("household_id"), kind=InvolvementKind.COORDINATOR, domain="P", valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return (
        Membership.objects.filter(role__in=[MembershipRole.HEAD, MembershipRole.PARTNER], valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .filter(
            resident__birth_date__lte=today - relativedelta(years=18),
            resident__birth_date__gt=selectors.aow_reached_born_by(today),
            resident__date_of_death__isnull=True,
        )
        .filter(Exists(coordinated))
        .exclude(Exists(DistanceAssessment.objects.filter(resident_id=OuterRef("resident_id"))))
        .order_by("resident_id")
        .values_list("resident_id", flat=True)
    )


def participation_generate(
    *,
    resident_ids=None,
    municipality: Organisation | None = None,
    on: date | None = None,
    seed: int = 2016,
    stdout=None,
) -> dict[str, int]:
    """Generate participation for the given residents (default: the demo town's benefit clients); idempotent."""
    on = on or timezone.localdate()
    municipality = municipality or Organisation.objects.get(code=MUNICIPALITY)
    providers = demo_providers_ensure()
    if resident_ids is None:
        resident_ids = list(_benefit_clients(municipality))
    else:
        assessed = set(
            DistanceAssessment.objects.filter(resident_id__in=resident_ids).values_list("resident_id", flat=True)
        )
        resident_ids = [r for r in resident_ids if r not in assessed]
    context = _Context(municipality=municipality, on=on, seed=seed, providers=providers)
    counts = {"residents": 0, "assessments": 0, "assignments": 0}
    for start in range(0, len(resident_ids), BATCH):
        batch = resident_ids[start : start + BATCH]
        with transaction.atomic():
            written = context.write(batch)
        for key, value in written.items():
            counts[key] += value
    with transaction.atomic():
        budgets = _budgets_ensure(municipality, on.year)
        audit.action_record(
            actor=None,
            action="participation_demo.generated",
            subject=("municipality", municipality.code),
            after={**counts, "budgets": budgets},
        )
    if stdout is not None:
        stdout.write(
            f"Participatie: {counts['residents']} inwoners beoordeeld ({counts['assessments']} beoordelingen), "
            f"{counts['assignments']} opdrachten."
        )
    return counts


def demo_participation_generate(*, stdout) -> None:
    """For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS), after the residents generator."""
    if not Organisation.objects.filter(code=MUNICIPALITY).exists() or not DistanceCategory.objects.exists():
        stdout.write("Participatie: eerst load_configuration en de demogemeente; overgeslagen.")
        return
    participation_generate(stdout=stdout)
    made = demo_provider_work_ensure()
    if made:
        stdout.write(f"Participatie: {made} nieuwe opdrachten voor De Linde (voorgesteld, toegekend, bijna af).")


DEMO_PROVIDER = "de-linde"
DEMO_PROVIDER_INSTRUMENT = "work_oriented_day_activities"
# (what the provider sees, planned start and end in days from today, decided, started in days from today)
DEMO_PROVIDER_WORK = [
    ("proposed", 14, 180, False, None),
    ("granted", 7, 190, True, None),
    ("ending_soon", -150, 20, True, -150),
]


def demo_provider_work_ensure(*, on: date | None = None) -> int:
    """The demo provider's new work, through the services: an assignment just proposed, one granted and still to
    start, and one running that ends within the month (its final report due). Why: the bulk history above has only
    running and ended assignments, so the `aanbieder` account had nothing new to act on.

    The `regisseur` proposes and decides (for residents with a current distance and no assignment yet, in the
    order of their number); the `aanbieder` starts. Idempotent: once De Linde has a proposed or granted
    assignment, nothing is added.
    """
    from ..organisations.models import User
    from .services import assignment_decide, assignment_propose, assignment_start

    on = on or timezone.localdate()
    provider = Organisation.objects.filter(code=DEMO_PROVIDER).first()
    instrument = Instrument.objects.filter(code=DEMO_PROVIDER_INSTRUMENT).first()
    coordinator = User.objects.filter(username="regisseur").first()
    starter = User.objects.filter(username="aanbieder").first()
    if None in (provider, instrument, coordinator, starter):
        return 0
    if Assignment.objects.filter(
        provider=provider, status__in=[AssignmentStatus.PROPOSED, AssignmentStatus.GRANTED]
    ).exists():
        return 0
    residents = list(
        DistanceAssessment.objects.filter(is_current=True, resident__date_of_death__isnull=True)
        .exclude(Exists(Assignment.objects.filter(resident_id=OuterRef("resident_id"))))
        .select_related("resident")
        .order_by("resident_id")[: len(DEMO_PROVIDER_WORK)]
    )
    made = 0
    for assessment, (_label, start, end, decided, started) in zip(residents, DEMO_PROVIDER_WORK, strict=False):
        with transaction.atomic():
            assignment = assignment_propose(
                actor=coordinator,
                resident=assessment.resident,
                instrument=instrument,
                provider=provider,
                planned_start=on + timedelta(days=start),
                planned_end=on + timedelta(days=end),
                monthly_cost=Decimal("750"),
                goal="Een vast dagritme en werken aan werknemersvaardigheden",
            )
            if decided and instrument.requires_decision:
                assignment = assignment_decide(
                    actor=coordinator,
                    assignment=assignment,
                    granted=True,
                    decided_on=min(on, on + timedelta(days=start - 7)),
                    reference=f"DEMO-DL-{assessment.resident_id}",
                )
            if started is not None:
                assignment_start(actor=starter, assignment=assignment, started_on=on + timedelta(days=started))
        made += 1
    return made


class _Context:
    def __init__(self, *, municipality, on, seed, providers) -> None:
        self.municipality = municipality
        self.on = on
        self.seed = seed
        self.categories = list(DistanceCategory.objects.order_by("order").prefetch_related("tiers"))
        self.weights = [float(c.reference_share) for c in self.categories]
        self.rungs = {r.order: r for r in LadderRung.objects.all()}
        self.instruments = {i.code: i for i in Instrument.objects.all()}
        self.results = {
            i.code: list(i.results.order_by("order")) for i in Instrument.objects.prefetch_related("results")
        }
        self.no_result = Result.objects.get(code="no_result")
        kinds = {}
        for provider in ParticipationProvider.objects.select_related("organisation").order_by("organisation__code"):
            for kind in provider.kinds:
                kinds.setdefault(kind, provider.organisation_id)
        self.provider_of_kind = kinds
        self.employers = [providers["bakkerij-korenschoof"].pk, providers["groenbedrijf-weidebeek"].pk]
        self.rules = wage_subsidy_rules()

    def write(self, resident_ids: list[int]) -> dict[str, int]:
        previous_rows, current_specs = [], []
        for resident_id in resident_ids:
            rng = random.Random(self.seed * 1_000_003 + resident_id)
            category = rng.choices(self.categories, weights=self.weights)[0]
            assessed_on = self.on - timedelta(days=rng.randint(0, 360))
            previous = None
            last = category.order == len(self.categories)  # nobody is further from work: it cannot have fallen
            if rng.random() < (0.1 if last else 0.7):  # reassessed at least once
                if not last and rng.random() < 0.8:  # so that about three in four fell, as in seed 002
                    before = self.categories[category.order]  # one category further from work
                else:
                    before = self.categories[max(0, category.order - 2)] if rng.random() < 0.3 else category
                previous = self._assessment(
                    rng, resident_id, before, assessed_on - relativedelta(months=before.reassessment_months)
                )
                previous.is_current = False
                previous_rows.append(previous)
            current_specs.append((rng, resident_id, category, assessed_on, previous))
        DistanceAssessment.objects.bulk_create(previous_rows, batch_size=BATCH)
        current_rows = []
        for rng, resident_id, category, assessed_on, previous in current_specs:
            row = self._assessment(rng, resident_id, category, assessed_on)
            if previous is not None:
                row.previous_id = previous.pk
                row.change = (
                    DistanceChange.SMALLER
                    if category.order < previous.category.order
                    else DistanceChange.LARGER
                    if category.order > previous.category.order
                    else DistanceChange.SAME
                )
            current_rows.append(row)
        DistanceAssessment.objects.bulk_create(current_rows, batch_size=BATCH)
        assignments = self._assignments(current_specs)
        return {
            "residents": len(resident_ids),
            "assessments": len(previous_rows) + len(current_rows),
            "assignments": assignments,
        }

    def _assessment(self, rng, resident_id, category, assessed_on) -> DistanceAssessment:
        tiers = list(category.tiers.all())
        low, high = RUNGS[category.code]
        return DistanceAssessment(
            resident_id=resident_id,
            municipality=self.municipality,
            assessed_on=assessed_on,
            category=category,
            tier=rng.choice(tiers),
            ladder_rung=self.rungs[rng.randint(low, high)],
            next_assessment_on=calculations.next_assessment(
                assessed_on=assessed_on, months=category.reassessment_months
            ),
            change=DistanceChange.FIRST,
            is_current=True,
        )

    def _assignments(self, specs) -> int:
        rows, wage_values = [], {}
        for rng, resident_id, category, _assessed_on, _previous in specs:
            if rng.random() > 0.45:
                continue
            code, kind, price = rng.choice(PLAN[category.code])
            instrument = self.instruments[code]
            provider = self.provider_of_kind.get(kind)
            if provider is None:
                continue
            start = self.on - timedelta(days=rng.randint(0, 300))
            months = rng.randint(2, 6) if instrument.max_months else rng.randint(3, 18)
            end = start + relativedelta(months=months) - timedelta(days=1)
            status = AssignmentStatus.ACTIVE if end >= self.on else AssignmentStatus.ENDED
            assignment = Assignment(
                resident_id=resident_id,
                municipality=self.municipality,
                instrument=instrument,
                provider_id=provider,
                employer_id=rng.choice(self.employers) if instrument.requires_employer else None,
                status=status,
                planned_start=start,
                planned_end=end,
                started_on=start,
                ended_on=end if status == AssignmentStatus.ENDED else None,
                monthly_cost=Decimal(price) if price else None,
                decision_on=start - timedelta(days=7) if instrument.requires_decision else None,
                decision_granted=True if instrument.requires_decision else None,
                decision_reference=f"DEMO-{resident_id}" if instrument.requires_decision else "",
                uwv_advice_on=start - timedelta(days=30) if instrument.requires_uwv_advice else None,
                uwv_advice_positive=True if instrument.requires_uwv_advice else None,
                additionality_reason="Aanvullend op regulier werk (demo)." if instrument.requires_additionality else "",
            )
            if status == AssignmentStatus.ENDED:
                results = self.results[code]
                assignment.result = rng.choice(results) if results else self.no_result
                assignment.left_social_assistance = bool(assignment.result.is_placement) and rng.random() < 0.6
            if instrument.cost_basis == CostBasis.WAGE_SUBSIDY:
                percentage = Decimal(rng.randint(35, 80))
                wage_values[resident_id] = WageValueDetermination(
                    resident_id=resident_id,
                    determined_on=start - timedelta(days=14),
                    method="dariuz",
                    percentage=percentage,
                    job_title="Medewerker productie",
                    valid_until=start - timedelta(days=14) + relativedelta(months=self.rules.wage_value_valid_months),
                )
                assignment.hours_per_week = Decimal(rng.choice([24, 32, 36]))
            rows.append(assignment)
        WageValueDetermination.objects.bulk_create(list(wage_values.values()), batch_size=BATCH)
        for assignment in rows:
            if assignment.resident_id in wage_values and assignment.instrument.cost_basis == CostBasis.WAGE_SUBSIDY:
                assignment.wage_value = wage_values[assignment.resident_id]
                assignment.monthly_cost = calculations.wage_subsidy_monthly(
                    rules=self.rules,
                    on=assignment.planned_start,
                    hours_per_week=assignment.hours_per_week,
                    wage_value_percent=assignment.wage_value.percentage,
                ).amount
        Assignment.objects.bulk_create(rows, batch_size=BATCH)
        commitments, expenditures = [], []
        for assignment in rows:
            schedule = self._schedule(assignment)
            for month, amount in schedule.items():
                if not amount:
                    continue
                commitments.append(
                    Commitment(
                        assignment=assignment,
                        month=month,
                        amount=amount,
                        instrument_id=assignment.instrument_id,
                        spending_line_id=assignment.instrument.spending_line_id,
                        municipality=self.municipality,
                    )
                )
                paid_on = month + relativedelta(months=1) - timedelta(days=1)
                if paid_on < self.on:
                    expenditures.append(
                        Expenditure(
                            assignment=assignment,
                            booked_on=paid_on,
                            amount=amount,
                            description="Factuur (demo)",
                            instrument_id=assignment.instrument_id,
                            spending_line_id=assignment.instrument.spending_line_id,
                            municipality=self.municipality,
                        )
                    )
        Commitment.objects.bulk_create(commitments, batch_size=BATCH)
        Expenditure.objects.bulk_create(expenditures, batch_size=BATCH)
        return len(rows)

    def _schedule(self, assignment: Assignment) -> dict[date, Decimal]:
        instrument = assignment.instrument
        if instrument.cost_basis == CostBasis.WAGE_SUBSIDY:
            return calculations.wage_subsidy_schedule(
                rules=self.rules,
                start=assignment.start,
                end=assignment.end,
                hours_per_week=assignment.hours_per_week,
                wage_value_percent=assignment.wage_value.percentage,
                growth_potential=bool(instrument.growth_potential),
            )
        if instrument.cost_basis == CostBasis.MONTHLY_PRICE and assignment.monthly_cost:
            return calculations.flat_schedule(
                start=assignment.start, end=assignment.end, monthly_amount=assignment.monthly_cost
            )
        return {}


def _budgets_ensure(municipality: Organisation, year: int) -> int:
    """Fictional budgets for the demo year: a little above what is committed, and one instrument below it.

    So the budget monitor of the demo shows both a healthy line and the warning of an instrument whose forecast
    exceeds its budget. Budgets already set are left alone.
    """
    if Budget.objects.filter(municipality=municipality, year=year).exists():
        return 0
    from django.db.models import Sum

    committed = dict(
        Commitment.objects.filter(municipality=municipality, month__year=year)
        .values_list("instrument_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    rows = []
    for instrument in Instrument.objects.order_by("order"):
        total = committed.get(instrument.pk)
        if not total:
            continue
        factor = Decimal("0.9") if instrument.code == "learn_work_place" else Decimal("1.15")
        rows.append(
            Budget(
                municipality=municipality,
                year=year,
                spending_line_id=instrument.spending_line_id,
                instrument=instrument,
                amount=(total * factor).quantize(Decimal("1000")),
            )
        )
    for line in SpendingLine.objects.filter(code="education_and_prevention"):
        rows.append(Budget(municipality=municipality, year=year, spending_line=line, amount=Decimal("50000")))
    Budget.objects.bulk_create(rows)
    return len(rows)
