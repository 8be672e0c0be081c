"""Factories for the cost-benefit tests: the cells themselves, and the owners' facts the refresh reads (an
instrument with an assignment and its payments, a benefit spell, a contract, a trajectory, a declaration)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from routekaart.income.tests.factories import SocialAssistanceFactory
from routekaart.insights.models import CostBenefitCell, InterventionKind
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.participation.models import (
    Assignment,
    AssignmentStatus,
    Commitment,
    Expenditure,
    Instrument,
    SpendingLine,
)
from routekaart.providers.models import Declaration, DeclarationLine
from routekaart.providers.tests.factories import AssignmentFactory as ProviderAssignmentFactory
from routekaart.residents.tests.factories import MunicipalityFactory, ResidentFactory
from routekaart.routes.models import Party, Route, RouteMap, Trajectory
from routekaart.work.tests.factories import CandidateProfileFactory, PlacementFactory

__all__ = [
    "CostBenefitCellFactory",
    "MunicipalityFactory",
    "ResidentFactory",
    "SocialAssistanceFactory",
    "assignment",
    "contract",
    "declaration",
    "instrument",
    "route",
    "trajectory",
]


class CostBenefitCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostBenefitCell

    intervention_kind = InterventionKind.INSTRUMENT
    intervention_key = "job_coach"
    intervention_label = "Jobcoach"
    year = 2025
    municipality = factory.SubFactory(MunicipalityFactory)
    participants = 10
    cost = Decimal("10000.00")
    left_benefit = 0
    benefit_months_saved = Decimal("0")
    work_months = Decimal("0")
    earnings = Decimal("0")


def instrument(code: str = "job_coach", name: str = "Jobcoach") -> Instrument:
    line, _ = SpendingLine.objects.get_or_create(code="reintegration", defaults={"order": 1, "name": "Re-integratie"})
    found, _ = Instrument.objects.get_or_create(
        code=code, defaults={"order": 1, "name": name, "spending_line": line, "cost_basis": "monthly_price"}
    )
    return found


def assignment(
    *,
    resident,
    municipality,
    started_on: datetime.date,
    code: str = "job_coach",
    paid: dict[datetime.date, Decimal] | None = None,
    committed: dict[datetime.date, Decimal] | None = None,
) -> Assignment:
    """A started assignment of instrument `code`, with expenditures booked on the given days and commitments for the
    given months."""
    chosen = instrument(code)
    made = Assignment.objects.create(
        resident=resident,
        municipality=municipality,
        instrument=chosen,
        provider=OrganisationFactory(kind=OrganisationKind.PROVIDER),
        status=AssignmentStatus.ACTIVE,
        planned_start=started_on,
        planned_end=started_on + datetime.timedelta(days=180),
        started_on=started_on,
    )
    for booked_on, amount in (paid or {}).items():
        Expenditure.objects.create(
            assignment=made,
            booked_on=booked_on,
            amount=amount,
            instrument=chosen,
            spending_line=chosen.spending_line,
            municipality=municipality,
        )
    for month, amount in (committed or {}).items():
        Commitment.objects.create(
            assignment=made,
            month=month,
            amount=amount,
            instrument=chosen,
            spending_line=chosen.spending_line,
            municipality=municipality,
        )
    return made


def contract(*, resident, start: datetime.date, end: datetime.date | None, hours: int, wage: str):
    """A placement with a contract: `hours` a week at `wage` an hour, from `start` to `end` inclusive."""
    return PlacementFactory(
        profile=CandidateProfileFactory(resident=resident),
        state="contracted",
        contract_start=start,
        contract_end=end,
        contract_hours=hours,
        hourly_wage=Decimal(wage),
    )


def route(code: str = "basis", name: str = "Basisroute") -> Route:
    route_map, _ = RouteMap.objects.get_or_create(
        code="kosten-baten",
        version=1,
        defaults={
            "effective_from": datetime.date(2020, 1, 1),
            "checksum": "0" * 64,
            "name": "Testkaart",
            "region": "test",
            "source": "000",
        },
    )
    party, _ = Party.objects.get_or_create(route_map=route_map, code="dienst", defaults={"order": 1, "name": "Dienst"})
    found, _ = Route.objects.get_or_create(
        route_map=route_map,
        code=code,
        defaults={"order": 1, "kind": "walking", "walking_kind": "basic", "name": name, "regie": party},
    )
    return found


def trajectory(*, resident, started_on: datetime.date, ended_on: datetime.date | None = None, on=None) -> Trajectory:
    on = on or route()
    return Trajectory.objects.create(
        resident=resident,
        household_id=1,
        route=on,
        regie_party=on.regie,
        started_on=started_on,
        ended_on=ended_on,
        status="completed" if ended_on else "active",
    )


def declaration(*, resident, municipality, starts_on: datetime.date, amount: str, approved: bool = True):
    """One declaration line of a provider for the resident's care from `starts_on`, approved or rejected."""
    provided = ProviderAssignmentFactory(resident=resident, municipality=municipality)
    made = Declaration.objects.create(
        number=f"D{provided.pk:07d}",
        provider=provided.provider,
        municipality=municipality,
        period_start=starts_on,
        period_end=starts_on + datetime.timedelta(days=27),
        claimed=Decimal(amount),
        approved=Decimal(amount) if approved else Decimal(0),
        status="approved" if approved else "rejected",
    )
    DeclarationLine.objects.create(
        declaration=made,
        reference=f"R{provided.pk}",
        assignment=provided,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=27),
        volume=Decimal("4"),
        unit="04",
        tariff=Decimal(amount) / 4,
        amount=Decimal(amount),
        approved=approved,
    )
    return made
