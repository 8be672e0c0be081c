"""A small world for the message-flow tests: a municipality, a contracted provider with an AGB code, a resident."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from ...catalog.tests.factories import BuildingBlockFactory
from ...organisations.tests.factories import UserFactory
from ...residents.tests.factories import MunicipalityFactory, ResidentFactory
from ..services.assignments import ProvisionToAssign
from .factories import ContractFactory, ContractProductFactory, ProductFactory, ProviderProfileFactory, TariffFactory


@dataclass
class World:
    municipality: object
    provider: object
    profile: object
    block: object
    product: object
    contract: object
    contract_product: object
    tariff: object
    resident: object
    actor: object

    def provision(self, **changes) -> ProvisionToAssign:
        values = {
            "provision_id": 501,
            "decision_reference": "2026-000123-01",
            "municipality_id": self.municipality.pk,
            "provider_id": self.provider.pk,
            "building_block_id": self.block.pk,
            "law": "W",
            "resident_id": self.resident.pk,
            "household_id": 77,
            "volume": Decimal("4"),
            "provision_unit": "hours_per_week",
            "starts_on": datetime.date(2026, 11, 1),
            "ends_on": datetime.date(2027, 10, 31),
            "goals": ({"id": 1, "text": "Zelf de administratie bijhouden"},),
        }
        values.update(changes)
        return ProvisionToAssign(**values)


def world_make() -> World:
    municipality = MunicipalityFactory(cbs_code="GM9901")
    profile = ProviderProfileFactory()
    provider = profile.organisation
    block = BuildingBlockFactory()
    product = ProductFactory(building_block=block, category_code="02", code="02A01")
    contract = ContractFactory(provider=provider, municipalities=[municipality])
    contract_product = ContractProductFactory(contract=contract, product=product)
    tariff = TariffFactory(contract_product=contract_product, amount=Decimal("62.50"), unit="04")
    return World(
        municipality=municipality,
        provider=provider,
        profile=profile,
        block=block,
        product=product,
        contract=contract,
        contract_product=contract_product,
        tariff=tariff,
        resident=ResidentFactory(),
        actor=UserFactory(),
    )


@pytest.fixture(name="world")
def world_fixture(db, settings, tmp_path) -> World:
    settings.PROVIDERS_EXCHANGE_DIR = str(tmp_path / "exchange")
    return world_make()
