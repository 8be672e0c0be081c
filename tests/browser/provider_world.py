"""The provider journey's world, built on factories and the configuration loaders in the test's own database.

Noor and Sem Hendriks live in a wijk of Weidebeek; the coordinator's wijkteam is involved and their case has an
active plan (Wmo). Thuisbegeleiding De Linde has an AGB code and a contract with Weidebeek for Begeleiding individueel
(02A01, the products list's product for the building block care_and_support.guidance), with a tariff and a reported
waiting time; its user works in the role aanbieder. Not `setup_demo`: the whole town is too slow for a browser test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from routekaart.access.configuration import access_configuration_load
from routekaart.access.tests import journey
from routekaart.audit.configuration import processing_activities_load
from routekaart.catalog.services import catalog_load
from routekaart.organisations.models import User
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.providers.configuration import products_load
from routekaart.providers.models import Product
from routekaart.providers.tests.factories import (
    ContractFactory,
    ContractProductFactory,
    ProviderFactory,
    ProviderProfileFactory,
    TariffFactory,
)
from routekaart.residents.tests.factories import (
    AddressFactory,
    DistrictFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    MunicipalityFactory,
    ResidentFactory,
)

PROVIDER = "Thuisbegeleiding De Linde"
WAIT_WEEKS = 3
# The option the decision form shows for the provider: its name and its reported waiting time.
PROVIDER_OPTION = f"{PROVIDER} · wachttijd {WAIT_WEEKS} weken (gemeld)"
PRODUCT = "Begeleiding individueel"


@dataclass(frozen=True)
class ProviderWorld:
    coordinator: User
    provider_user: User
    provider: object
    household: object
    mother: object
    case: object
    goals: tuple[str, ...]


def provider_world_make() -> ProviderWorld:
    """The loaders, the market and a household with an active plan; the coordinator and the provider's user."""
    processing_activities_load()
    catalog_load()
    products_load()
    access_configuration_load()

    weidebeek = MunicipalityFactory(name="Weidebeek", cbs_code="GM9931")
    district = DistrictFactory(municipality=weidebeek, name="Lindenhof")
    address = AddressFactory(district=district, street="Lindelaan", house_number=12, postcode="1505 AB")

    provider = ProviderFactory(name=PROVIDER)
    ProviderProfileFactory(organisation=provider)
    contract = ContractFactory(
        provider=provider,
        municipalities=[weidebeek],
        starts_on=date(2020, 1, 1),
        ends_on=date(2099, 12, 31),
    )
    product = Product.objects.get(law="W", category_code="02", code="02A01")
    contract_product = ContractProductFactory(contract=contract, product=product, reported_wait_weeks=WAIT_WEEKS)
    TariffFactory(
        contract_product=contract_product,
        amount=Decimal("62.50"),
        unit=product.unit,
        valid_from=contract.starts_on,
        valid_to=contract.ends_on,
    )
    provider_user = UserFactory(username="aanbieder-test", first_name="Lotte", last_name="Linde", is_demo=True)
    AffiliationFactory(user=provider_user, organisation=provider, role=Role.PROVIDER)

    coordinator = UserFactory(
        username="regisseur-toegang", first_name="Rana", last_name="Regisseur", role=Role.COORDINATOR, is_demo=True
    )
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=date(1985, 3, 1), address=address)
    son = ResidentFactory(given_names="Sem", family_name="Hendriks", birth_date=date(2013, 9, 1), address=address)
    MembershipFactory(household=household, resident=mother, role="head", valid_from=date(2018, 1, 1))
    MembershipFactory(household=household, resident=son, role="child", valid_from=date(2018, 1, 1))
    household.mother, household.son = mother, son
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=None,
        valid_from=date(2020, 1, 1),
    )
    case = journey.to_active_plan(coordinator, household)
    goals = tuple(case.plans.get().goals.order_by("pk").values_list("description", flat=True))
    return ProviderWorld(
        coordinator=coordinator,
        provider_user=provider_user,
        provider=provider,
        household=household,
        mother=mother,
        case=case,
        goals=goals,
    )
