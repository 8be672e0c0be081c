"""The market around a household for the provision tests: a provider contracted for begeleiding (Wmo) in the
municipality and wijk where the household's mother lives."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from routekaart.providers.tests.factories import (
    ContractFactory,
    ContractProductFactory,
    ProductFactory,
    ProviderProfileFactory,
    TariffFactory,
)

from . import journey


@dataclass
class Market:
    municipality: object
    wijk: str
    provider: object
    contract_product: object


def contract(block, municipality, *, wijken=(), starts_on=None, ends_on=None, law="W", name=None, wait_weeks=3):
    """A provider with an AGB code, contracted for the building block in the municipality (and wijken)."""
    profile = ProviderProfileFactory(**({"organisation__name": name} if name else {}))
    product = ProductFactory(building_block=block, law=law)
    contract = ContractFactory(
        provider=profile.organisation,
        municipalities=[municipality],
        starts_on=starts_on or datetime.date(2020, 1, 1),
        ends_on=ends_on or datetime.date(2099, 12, 31),
    )
    contract_product = ContractProductFactory(
        contract=contract, product=product, wijken=list(wijken), reported_wait_weeks=wait_weeks
    )
    TariffFactory(
        contract_product=contract_product,
        amount=Decimal("62.50"),
        unit=product.unit,
        valid_from=contract.starts_on,
        valid_to=contract.ends_on,
    )
    return contract_product


def market_for(household, name="Zorg De Linde") -> Market:
    """A provider contracted for begeleiding in the mother's municipality, in every wijk."""
    district = household.mother.address.district
    found = contract(journey.block("care_and_support.guidance"), district.municipality, name=name)
    return Market(
        municipality=district.municipality,
        wijk=district.code,
        provider=found.contract.provider,
        contract_product=found,
    )
