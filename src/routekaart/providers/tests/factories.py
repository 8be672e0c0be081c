import datetime
from decimal import Decimal

import factory

from ...catalog.tests.factories import BuildingBlockFactory
from ...organisations.models import OrganisationKind
from ...organisations.tests.factories import OrganisationFactory, RegionFactory
from ...residents.tests.factories import MunicipalityFactory, ResidentFactory
from ..models import (
    Assignment,
    AssignmentStatus,
    Complaint,
    Contract,
    ContractProduct,
    Product,
    ProviderProfile,
    PurchasingRoute,
    Tariff,
)


class ProviderFactory(OrganisationFactory):
    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: f"Aanbieder {n}")


def agb_for(n: int) -> str:
    return f"{98000000 + n:08d}"


class ProviderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderProfile

    organisation = factory.SubFactory(ProviderFactory)
    agb_code = factory.Sequence(agb_for)
    kvk_number = factory.Sequence(lambda n: f"{60000000 + n:08d}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ["law", "category_code", "code"]

    law = "W"
    category_code = "02"
    category_name = "Begeleiding"
    code = factory.Sequence(lambda n: f"{n % 100000:05d}")
    name = factory.Sequence(lambda n: f"Begeleiding individueel {n}")
    unit = "04"
    frequency = "2"
    building_block = factory.SubFactory(BuildingBlockFactory)
    version = "test"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"CT-{n:05d}")
    provider = factory.SubFactory(ProviderFactory)
    region = factory.SubFactory(RegionFactory)
    purchasing_route = PurchasingRoute.TENDER
    steering = "private"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2028, 12, 31)
    budget = Decimal("250000.00")

    @factory.post_generation
    def municipalities(contract, create, extracted, **kwargs):
        if create and extracted:
            contract.municipalities.set(extracted)


class ContractProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractProduct

    contract = factory.SubFactory(ContractFactory)
    product = factory.SubFactory(ProductFactory)


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff

    contract_product = factory.SubFactory(ContractProductFactory)
    amount = Decimal("62.50")
    unit = "04"
    valid_from = datetime.date(2026, 1, 1)
    valid_to = datetime.date(2028, 12, 31)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    number = factory.Sequence(lambda n: f"{n + 1:08d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    contract_product = factory.SubFactory(ContractProductFactory)
    provider = factory.SelfAttribute("contract_product.contract.provider")
    product = factory.SelfAttribute("contract_product.product")
    resident = factory.SubFactory(ResidentFactory)
    household_id = factory.Sequence(lambda n: n + 1)
    provision_id = factory.Sequence(lambda n: n + 1)
    decision_reference = factory.Sequence(lambda n: f"2026-{n:06d}-01")
    law = "W"
    volume = Decimal("4")
    unit = "04"
    frequency = "2"
    starts_on = datetime.date(2026, 11, 1)
    ends_on = datetime.date(2027, 10, 31)
    status = AssignmentStatus.SENT


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    reference = factory.Sequence(lambda n: f"KL-{n:05d}")
    provider = factory.SubFactory(ProviderFactory)
    complainant_name = "J. de Klager"
    received_on = datetime.date(2026, 11, 2)
    subject = "De begeleider kwam drie keer niet opdagen."
