import datetime
from dataclasses import dataclass

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from routekaart.organisations.models import Organisation, OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.routes.configuration import route_maps_load
from routekaart.routes.models import Route, ShelteredWorkQuota


@pytest.fixture
def route_maps(db):
    """The shipped route maps and quota, loaded as `load_configuration` loads them."""
    return route_maps_load()


def exit_route(code: str) -> Route:
    return Route.objects.get(route_map__code="de_dienst", route_map__is_current=True, code=code)


@dataclass
class Network:
    municipality: Organisation
    school: Organisation
    dienst: Organisation
    area_team: Organisation
    sheltered_work_company: Organisation
    school_user: object
    dienst_user: object
    area_team_user: object
    company_user: object

    def organisations(self, *codes) -> dict[str, Organisation]:
        every = {
            "school": self.school,
            "dienst": self.dienst,
            "area_team": self.area_team,
            "sheltered_work_company": self.sheltered_work_company,
        }
        return {code: every[code] for code in (codes or every)}


def _user(role: str, organisation: Organisation):
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def network(route_maps) -> Network:
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, code="gemeente-weidebeek", name="Weidebeek")
    school = OrganisationFactory(
        kind=OrganisationKind.SCHOOL,
        school_kind="vso",
        code="vso-de-horizon",
        name="VSO De Horizon",
        municipality=municipality,
    )
    dienst = OrganisationFactory(kind=OrganisationKind.SERVICE_ORGANISATION, code="dienst", name="De Dienst")
    area_team = OrganisationFactory(
        kind=OrganisationKind.TEAM, team_kind="neighbourhood", code="gebiedsteam", name="Gebiedsteam Noord"
    )
    company = OrganisationFactory(kind=OrganisationKind.PROVIDER, code="beschut-bedrijf", name="Beschut Werkbedrijf")
    # this year's quota, whatever year the tests run in (the shipped file holds the demo years only)
    ShelteredWorkQuota.objects.update_or_create(
        municipality_code=municipality.code, year=timezone.localdate().year, defaults={"places": 4}
    )
    return Network(
        municipality=municipality,
        school=school,
        dienst=dienst,
        area_team=area_team,
        sheltered_work_company=company,
        school_user=_user(Role.SCHOOL, school),
        dienst_user=_user(Role.COORDINATOR, dienst),
        area_team_user=_user(Role.COORDINATOR, area_team),
        company_user=_user(Role.PROVIDER, company),
    )


@pytest.fixture
def pupil_factory(network):
    """A pupil of the school, `age` years old today, living in a wijk of the municipality, the school involved."""
    from routekaart.residents.models import InvolvementKind
    from routekaart.residents.tests.factories import (
        AddressFactory,
        DistrictFactory,
        InvolvementFactory,
        MembershipFactory,
        ResidentFactory,
    )

    district = DistrictFactory(municipality=network.municipality)

    def make(age: float = 17):
        years = int(age)
        birth = timezone.localdate() - relativedelta(years=years, months=round((age - years) * 12), days=1)
        resident = ResidentFactory(birth_date=birth, address=AddressFactory(district=district))
        membership = MembershipFactory(resident=resident, valid_from=birth)
        InvolvementFactory(
            household=membership.household,
            organisation=network.school,
            kind=InvolvementKind.SCHOOL_PUPIL,
            valid_from=datetime.date(2020, 1, 1),
        )
        return resident

    return make


@pytest.fixture
def pupil(pupil_factory):
    return pupil_factory(17)
