"""A small caseload for the policy simulation: round norms, the regulations it replaces, households of each type
with their situation, regulation use and non-take-up. Tests may build any app's rows; insights itself may not."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from routekaart.income.models import EntitlementCheckRun, NonTakeUp, NormVersion, Regulation
from routekaart.income.tests.factories import HouseholdSituationFactory, RegulationUseFactory
from routekaart.residents.models import MembershipRole
from routekaart.residents.tests.factories import (
    AddressFactory,
    DistrictFactory,
    HouseholdFactory,
    MembershipFactory,
    ResidentFactory,
)

AS_OF = datetime.date(2026, 6, 30)
ADULT = datetime.date(1985, 6, 15)
CHILD = datetime.date(2015, 1, 1)  # 11 on AS_OF


class NormVersionFactory(factory.django.DjangoModelFactory):
    """Round norms so the arithmetic in the tests is easy: single and single parent 1,000, couple 1,500 a month."""

    class Meta:
        model = NormVersion
        django_get_or_create = ["effective_from"]

    effective_from = datetime.date(2026, 1, 1)
    source = "Testnormen"
    couple = Decimal("1500.00")
    single = Decimal("1000.00")
    single_parent = Decimal("1000.00")
    cost_sharer_base = Decimal("0.5000")
    cost_sharer_per_person = Decimal("0.2000")
    cost_sharer_min_age = 27
    disregard_rate = Decimal("0.2500")
    disregard_months = 6
    disregard_cap = Decimal("250.00")
    disregard_min_age = 27
    file_version = "test"
    content_hash = "test"


class RegulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regulation
        django_get_or_create = ["code"]

    code = "energy_allowance"
    name = factory.LazyAttribute(lambda o: o.code.replace("_", " ").capitalize())
    description = "Een regeling."
    legal_basis = "Participatiewet art. 35"
    conditions = factory.LazyFunction(dict)
    order = factory.Sequence(lambda n: n + 1)
    effective_from = datetime.date(2024, 1, 1)
    file_version = "test"
    content_hash = "test"


class EntitlementCheckRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntitlementCheckRun

    as_of = datetime.date(2026, 6, 1)
    started_at = factory.LazyFunction(timezone.now)


def regulations() -> dict[str, Regulation]:
    """The three regulations the tests use (their amounts are in insights/data/simulation.yaml)."""
    return {
        code: RegulationFactory(code=code)
        for code in ("energy_allowance", "individual_income_supplement", "special_assistance")
    }


def household(
    *,
    district,
    income: str,
    partner: bool = False,
    children: int = 0,
    year: int = 2026,
    uses: tuple[Regulation, ...] = (),
    missed: tuple[tuple[EntitlementCheckRun, Regulation], ...] = (),
):
    """A household whose head lives in `district`, with a situation of `year` and its regulation use and
    non-take-up."""
    home = AddressFactory(district=district)
    result = HouseholdFactory()
    MembershipFactory(household=result, resident=ResidentFactory(address=home, birth_date=ADULT))
    if partner:
        MembershipFactory(
            household=result,
            resident=ResidentFactory(address=home, birth_date=ADULT),
            role=MembershipRole.PARTNER,
        )
    for _ in range(children):
        MembershipFactory(
            household=result, resident=ResidentFactory(address=home, birth_date=CHILD), role=MembershipRole.CHILD
        )
    HouseholdSituationFactory(household=result, year=year, monthly_income=Decimal(income))
    for regulation in uses:
        RegulationUseFactory(household=result, regulation=regulation, valid_from=datetime.date(2026, 1, 1))
    for run, regulation in missed:
        NonTakeUp.objects.create(run=run, household=result, regulation=regulation)
    return result


def district_in_new_municipality():
    return DistrictFactory()
