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


def sent_assignment(world: World, **changes):
    """An assignment as a decision makes it: through assignment_send, so its 301 went out."""
    from ..services.assignments import assignment_send

    return assignment_send(actor=world.actor, provision=world.provision(**changes))


def provider_header(world: World, kind: str, identification: str = "000000000101", agb: str | None = None):
    from ..messages import facts as f
    from ..services import messaging

    return f.Header(
        kind=kind,
        law="W",
        sender=agb or world.profile.agb_code,
        receiver=messaging.municipality_code(world.municipality),
        identification=identification,
        dated_on=datetime.date(2026, 12, 1),
    )


def start_xml(world: World, assignment, *, starts_on=None, identification="000000000101", **changes) -> bytes:
    """The 305 a provider's system sends for this assignment."""
    from ..messages import codec
    from ..messages import facts as f
    from ..services import messaging

    starts_on = starts_on or assignment.starts_on
    values = {
        "header": provider_header(world, "305", identification),
        "client": messaging.client_of(assignment.resident),
        "reference": messaging.record_key(assignment.number, starts_on),
        "assignment_number": assignment.number,
        "category": assignment.product.category_code,
        "code": assignment.product.code,
        "starts_on": starts_on,
    }
    values.update(changes)
    return codec.build(f.Start305(**values))


def stop_xml(world: World, assignment, *, ends_on, starts_on=None, identification="000000000102", **changes) -> bytes:
    """The 307 a provider's system sends for this assignment (reason 02: client is verhuisd, any two digits)."""
    from ..messages import codec
    from ..messages import facts as f
    from ..services import messaging

    starts_on = starts_on or assignment.started_on or assignment.starts_on
    values = {
        "header": provider_header(world, "307", identification),
        "client": messaging.client_of(assignment.resident),
        "reference": messaging.record_key(assignment.number, starts_on),
        "assignment_number": assignment.number,
        "category": assignment.product.category_code,
        "code": assignment.product.code,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "reason": "02",
    }
    values.update(changes)
    return codec.build(f.Stop307(**values))


MESSAGE_TABLES = frozenset({"providers_message"})


def fingerprint_but_messages() -> dict:
    """Every table except the processing log and the stored messages: a refused message may add only those."""
    from ...testing import FINGERPRINT_IGNORES, database_fingerprint

    return database_fingerprint(FINGERPRINT_IGNORES | MESSAGE_TABLES)
