"""The contracted offers a coordinator chooses from: by building block, municipality, wijk and the contract's term,
with the tariff of the day and the waiting times; a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from routekaart.catalog.tests.factories import BuildingBlockFactory
from routekaart.providers.selectors import contracted_offers, market_home_counts, offer_list
from routekaart.providers.tests.factories import (
    AssignmentFactory,
    ComplaintFactory,
    ContractFactory,
    ContractProductFactory,
    ProductFactory,
    TariffFactory,
)
from routekaart.residents.tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.django_db]
D = datetime.date


@pytest.fixture
def market():
    """One contract (2026-01-01 .. 2026-12-31) for begeleiding in Weidebeek, wijk WK01 only, priced per half year."""
    block = BuildingBlockFactory()
    weidebeek = MunicipalityFactory(name="Weidebeek")
    zandhoven = MunicipalityFactory(name="Zandhoven", region=weidebeek.region)
    contract = ContractFactory(
        reference="CT-1", starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31), municipalities=[weidebeek]
    )
    product = ProductFactory(code="02A01", name="Begeleiding individueel", building_block=block, unit="04")
    item = ContractProductFactory(contract=contract, product=product, wijken=["WK01"], reported_wait_weeks=3)
    TariffFactory(contract_product=item, amount=Decimal("60.00"), valid_from=D(2026, 1, 1), valid_to=D(2026, 6, 30))
    TariffFactory(contract_product=item, amount=Decimal("62.00"), valid_from=D(2026, 7, 1), valid_to=D(2026, 12, 31))
    return {"block": block, "weidebeek": weidebeek, "zandhoven": zandhoven, "contract": contract, "item": item}


def _offers(market, on=None, municipality="weidebeek", wijk="WK01", block=None):
    municipality_id = market[municipality].pk if municipality else None
    block_id = (block or market["block"]).pk
    on = on or D(2026, 3, 1)
    return contracted_offers(building_block_id=block_id, municipality_id=municipality_id, wijk=wijk, on=on)


def test_the_contracted_provider_is_offered_with_the_tariff_of_the_day(market):
    (offer,) = _offers(market)
    assert offer.provider_id == market["contract"].provider_id
    assert offer.contract_reference == "CT-1"
    assert offer.product_label == "02A01 Begeleiding individueel"
    assert (offer.tariff, offer.unit_label, offer.wait_weeks_reported) == (Decimal("60.00"), "uur", 3)
    assert offer.wait_days_measured is None
    (later,) = _offers(market, on=D(2026, 7, 1))
    assert later.tariff == Decimal("62.00")


@pytest.mark.parametrize(
    ("on", "offered"),
    [
        (D(2025, 12, 31), False),  # the day before the term
        (D(2026, 1, 1), True),  # its first day
        (D(2026, 12, 31), True),  # its last day
        (D(2027, 1, 1), False),  # the day after
    ],
)
def test_an_offer_holds_within_the_contract_term_only(market, on, offered):
    assert bool(_offers(market, on=on)) is offered


def test_another_building_block_or_municipality_gets_no_offer(market):
    assert _offers(market, block=BuildingBlockFactory()) == []
    assert _offers(market, municipality="zandhoven") == []
    assert len(_offers(market, municipality=None)) == 1  # no municipality asked: every contract


def test_a_product_for_named_wijken_is_offered_there_only(market):
    assert _offers(market, wijk="wk01")
    assert _offers(market, wijk="WK02") == []
    assert _offers(market, wijk="")  # no wijk known: every product


def test_a_product_without_wijken_is_offered_in_every_wijk(market):
    market["item"].wijken = []
    market["item"].save()
    assert _offers(market, wijk="WK02")


def test_a_product_without_a_tariff_that_day_is_offered_without_one(market):
    market["item"].tariffs.filter(valid_from=D(2026, 7, 1)).delete()
    (offer,) = _offers(market, on=D(2026, 8, 1))
    assert offer.tariff is None and offer.unit_label == "uur"


def test_the_measured_waiting_time_is_the_median_of_the_last_180_days(market):
    today = timezone.localdate()
    for waited in (4, 10, 30):
        assignment = AssignmentFactory(
            contract_product=market["item"], status="started", started_on=today - datetime.timedelta(days=5)
        )
        sent = timezone.now() - datetime.timedelta(days=5 + waited)
        type(assignment).objects.filter(pk=assignment.pk).update(sent_at=sent)
    old = AssignmentFactory(
        contract_product=market["item"], status="started", started_on=today - datetime.timedelta(days=200)
    )
    type(old).objects.filter(pk=old.pk).update(sent_at=timezone.now() - datetime.timedelta(days=400))
    AssignmentFactory(contract_product=market["item"])  # sent, not started: no waiting time yet
    (offer,) = contracted_offers(building_block_id=market["block"].pk, municipality_id=None, on=D(2026, 3, 1))
    assert offer.wait_days_measured == 10


def test_the_offers_run_the_same_queries_for_one_or_many_contracts(market, django_assert_num_queries):
    with django_assert_num_queries(3):
        assert len(_offers(market)) == 1
    for _ in range(8):
        contract = ContractFactory(
            starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31), municipalities=[market["weidebeek"]]
        )
        item = ContractProductFactory(contract=contract, product=market["item"].product)
        TariffFactory(contract_product=item, valid_from=D(2026, 1, 1), valid_to=D(2026, 12, 31))
        AssignmentFactory(contract_product=item, status="started", started_on=timezone.localdate())
    with django_assert_num_queries(3):
        assert len(_offers(market)) == 9


def test_the_offer_list_filters_by_product(market):
    other = ContractProductFactory(contract=market["contract"], product=ProductFactory(building_block=market["block"]))
    assert len(offer_list(on=D(2026, 3, 1), building_block_id=market["block"].pk)) == 2
    (offer,) = offer_list(on=D(2026, 3, 1), product_id=other.product_id)
    assert offer.product_id == other.product_id


def test_the_home_counts_running_contracts_assignments_this_month_and_open_complaints(market):
    today = timezone.localdate()
    ContractFactory(starts_on=today.replace(year=today.year - 3), ends_on=today.replace(year=today.year - 2))
    ContractFactory(starts_on=today, ends_on=today)
    AssignmentFactory(contract_product=market["item"])
    ComplaintFactory()
    ComplaintFactory(status="decided")
    counts = market_home_counts()
    running = 1 + (1 if market["contract"].starts_on <= today <= market["contract"].ends_on else 0)
    assert (counts.contracts_running, counts.assignments_this_month, counts.complaints_open) == (running, 1, 1)
