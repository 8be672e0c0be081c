"""Factories of the "what works for whom" tests: outcome cells, and the few owner facts the refresh reads (an
instrument put in, a distance assessment, a case, a benefit, a granted provision), made with the least each needs."""

from __future__ import annotations

import datetime
import itertools

import factory

from routekaart.access.models import Case, CaseStatus, Decision, ProvisionOutcome, TailoredProvision
from routekaart.catalog.models import BuildingBlock, Cluster, Zone
from routekaart.income.models import SocialAssistance
from routekaart.insights.models import InterventionKind, OutcomeCell
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory
from routekaart.participation.models import (
    Assignment,
    AssignmentStatus,
    DistanceAssessment,
    DistanceCategory,
    DistanceChange,
    Instrument,
    LadderRung,
    ParticipationTier,
    Result,
    SpendingLine,
)
from routekaart.residents.tests.factories import (
    AddressFactory,
    DistrictFactory,
    HouseholdFactory,
    MembershipFactory,
    MunicipalityFactory,
    ResidentFactory,
)

_numbers = itertools.count(1)


class OutcomeCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeCell

    intervention_kind = InterventionKind.INSTRUMENT
    intervention_key = "job_coach"
    intervention_label = "Jobcoach"
    cohort_year = 2025
    municipality = None
    district = None
    age_band = "27-34"
    distance_category = "bridgeable_small"
    education = "low"
    benefit_duration = "1-2"
    residents = 10
    observed = 10
    work_found = 0
    distance_reduced = 0
    closed_without_return = 0


def _configured(model, code: str, **fields):
    obj, _ = model.objects.get_or_create(code=code, defaults={"order": next(_numbers), "name": code, **fields})
    return obj


def instrument(code: str = "job_coach", name: str = "Jobcoach") -> Instrument:
    line = _configured(SpendingLine, "reintegration")
    defaults = {"order": next(_numbers), "name": name, "spending_line": line, "cost_basis": "none"}
    return Instrument.objects.get_or_create(code=code, defaults=defaults)[0]


def result(code: str = "regular_work", *, placement: bool = True) -> Result:
    return _configured(Result, code, is_placement=placement)


def category(code: str, order: int) -> DistanceCategory:
    return DistanceCategory.objects.get_or_create(
        code=code,
        defaults={
            "order": order,
            "name": code.replace("_", " ").capitalize(),
            "labour_distance": "bridgeable",
            "reference_share": 10,
            "reassessment_months": 6,
        },
    )[0]


def person(*, birth_date=datetime.date(1995, 6, 15), education="vmbo", district=None, household=None):
    """A resident living in a household since 2015, at an address in `district` (a new wijk when None)."""
    address = AddressFactory(district=district or DistrictFactory())
    resident = ResidentFactory(birth_date=birth_date, education_level=education, address=address)
    household = household or HouseholdFactory()
    MembershipFactory(household=household, resident=resident, valid_from=datetime.date(2015, 1, 1))
    return resident, household


def assignment(resident, *, municipality, started_on, ended_on=None, code="job_coach", result_code=None, left=False):
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER)
    ended = ended_on is not None
    return Assignment.objects.create(
        resident=resident,
        municipality=municipality,
        instrument=instrument(code, "Jobcoach" if code == "job_coach" else code),
        provider=provider,
        status=AssignmentStatus.ENDED if ended else AssignmentStatus.ACTIVE,
        planned_start=started_on,
        planned_end=started_on + datetime.timedelta(days=365),
        started_on=started_on,
        ended_on=ended_on,
        result=result(result_code) if result_code else None,
        left_social_assistance=left if ended else None,
    )


def assessment(resident, *, municipality, assessed_on, code="bridgeable_small", change=DistanceChange.FIRST):
    tier = _configured(ParticipationTier, "reduced_wage_value", labour_distance="bridgeable")
    rung = _configured(LadderRung, "rung-3")
    return DistanceAssessment.objects.create(
        resident=resident,
        municipality=municipality,
        assessed_on=assessed_on,
        category=category(code, 4 if code == "bridgeable_small" else 3),
        tier=tier,
        ladder_rung=rung,
        next_assessment_on=assessed_on + datetime.timedelta(days=180),
        change=change,
        is_current=False,
    )


def case(household, *, opened_on, closed_on=None) -> Case:
    return Case.objects.create(
        household=household,
        opened_on=opened_on,
        closed_on=closed_on,
        status=CaseStatus.CLOSED if closed_on else CaseStatus.PLANNED,
    )


def benefit(household, client, *, started_on, ended_on=None) -> SocialAssistance:
    return SocialAssistance.objects.create(
        household=household,
        client=client,
        organisation=OrganisationFactory(kind=OrganisationKind.SERVICE_ORGANISATION),
        started_on=started_on,
        ended_on=ended_on,
    )


def building_block(code: str = "individual_guidance", cluster: str = "support") -> BuildingBlock:
    zone, _ = Zone.objects.get_or_create(code="tailored", defaults={"order": 4, "name": "Maatwerk", "colour": "red"})
    cluster_obj, _ = Cluster.objects.get_or_create(code=cluster, defaults={"zone": zone, "order": 1, "name": cluster})
    return BuildingBlock.objects.get_or_create(cluster=cluster_obj, code=code, defaults={"order": 1})[0]


def provision(resident, household, *, starts_on, law="W", name="Begeleiding individueel", decided_by=None):
    opened = case(household, opened_on=starts_on - datetime.timedelta(days=30))
    decision = Decision.objects.create(
        case=opened,
        household=household,
        reference=f"B-{next(_numbers)}",
        addressee=resident,
        law=law,
        decided_on=starts_on - datetime.timedelta(days=1),
        urgent=True,
        decided_by=decided_by or UserFactory(),
        objection_weeks=6,
        objection_basis="Awb 6:7",
    )
    return TailoredProvision.objects.create(
        decision=decision,
        building_block=building_block(),
        name=name,
        cluster_code="support",
        outcome=ProvisionOutcome.GRANTED,
        law=law,
        legal_basis="Wmo 2015 art. 2.3.5",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=365),
        volume=2,
        unit="hours_per_week",
        reasoning="Motivering.",
    )


__all__ = [
    "DistrictFactory",
    "MunicipalityFactory",
    "OutcomeCellFactory",
    "assessment",
    "assignment",
    "benefit",
    "building_block",
    "case",
    "person",
    "provision",
]
