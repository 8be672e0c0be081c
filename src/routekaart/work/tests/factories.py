import datetime

import factory

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory
from routekaart.residents.tests.factories import ResidentFactory

from ..models import (
    Arrangement,
    Branch,
    CandidateProfile,
    Competence,
    ContactPerson,
    Employer,
    EmployerKind,
    Placement,
    Sector,
    SocialReturnContract,
    Vacancy,
)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.Sequence(lambda n: f"Sector {n}")
    bit = factory.Sequence(lambda n: 40 + n % 20)


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"competentie-{n}")
    name = factory.Sequence(lambda n: f"Competentie {n}")
    group = "vak"
    bit = factory.Sequence(lambda n: 40 + n % 20)


def sector(code: str = "cleaning") -> Sector:
    """A sector of the loaded vocabulary (load it with the `work_configuration` fixture)."""
    return Sector.objects.get(code=code)


def competences(*codes: str) -> list[Competence]:
    found = {c.code: c for c in Competence.objects.filter(code__in=codes)}
    return [found[code] for code in codes]


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.EMPLOYER)
    kvk_number = factory.Sequence(lambda n: f"{10_000_000 + n:08d}")
    kind = EmployerKind.REGULAR
    sector = factory.LazyFunction(lambda: Sector.objects.order_by("bit").first() or SectorFactory())


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    employer = factory.SubFactory(EmployerFactory)
    name = "Hoofdvestiging"
    street = "Industrieweg"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "1505 AA"
    city = "Zaandam"
    is_head_office = True


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    job_title = "HR-adviseur"


class _OpeningFactory(factory.django.DjangoModelFactory):
    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Functie {n}")
    sector = factory.LazyAttribute(lambda o: o.employer.sector)
    hours_min = 16
    hours_max = 32
    postcode = "1505 AA"
    city = "Zaandam"
    min_wage_value = 100
    created_by = factory.SubFactory(UserFactory)


class VacancyFactory(_OpeningFactory):
    class Meta:
        model = Vacancy


class ArrangementFactory(_OpeningFactory):
    class Meta:
        model = Arrangement

    min_wage_value = 50
    instruments = factory.LazyFunction(lambda: ["wage_subsidy", "job_coach"])


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    resident = factory.SubFactory(ResidentFactory)
    hours_min = 16
    hours_max = 32
    pc4 = "1505"
    max_travel_km = 15


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    vacancy = factory.SubFactory(VacancyFactory)
    employer = factory.LazyAttribute(lambda o: o.vacancy.employer)
    profile = factory.SubFactory(CandidateProfileFactory)
    proposed_by = factory.SubFactory(UserFactory)
    proposed_on = datetime.date(2026, 1, 5)


class SocialReturnContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialReturnContract

    municipality = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.MUNICIPALITY)
    contractor = factory.SubFactory(EmployerFactory)
    reference = factory.Sequence(lambda n: f"SROI-2026-{n:03d}")
    title = "Onderhoud openbaar groen"
    contract_value = 1_000_000
    percentage = 5
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2027, 12, 31)
    created_by = factory.SubFactory(UserFactory)
