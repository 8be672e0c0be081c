"""SROI: a contract owes a percentage of its value; placements, learn-work places and purchases from social firms
fulfil it, each valued by the rules in force; progress is shown per contract."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.work import selectors, services
from routekaart.work.models import FulfilmentKind

from .factories import EmployerFactory, PlacementFactory, SocialReturnContractFactory

pytestmark = [pytest.mark.django_db]
D = datetime.date
VALUATION = {
    "placement_per_fte_year": 35000,
    "learn_work_place_per_month": 1500,
    "social_firm_purchase_share": 1.0,
    "fte_hours": 36,
}


def test_the_obligation_is_the_percentage_of_the_contract_value_by_default_five(work_configuration, adviser):
    contract = services.sroi_contract_create(
        actor=adviser,
        municipality=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY),
        contractor=EmployerFactory(),
        reference="ZAA-2026-017",
        title="Schoonmaak gemeentelijke gebouwen",
        contract_value=Decimal("840000"),
        starts_on=D(2026, 1, 1),
        ends_on=D(2028, 12, 31),
    )
    assert contract.percentage == Decimal("5")
    assert contract.obligation == Decimal("42000.00")


def test_fulfilment_adds_up_per_contract(work_configuration, adviser):
    contract = SocialReturnContractFactory(contract_value=Decimal("1000000"), percentage=Decimal("5"))
    placement = PlacementFactory(
        vacancy__employer=contract.contractor, contract_start=D(2026, 2, 1), contract_hours=18, state="contracted"
    )
    services.sroi_fulfilment_record(
        actor=adviser,
        contract=contract,
        kind=FulfilmentKind.PLACEMENT,
        placement=placement,
        months=12,
        occurred_on=D(2026, 2, 1),
        description="Plaatsing schoonmaakmedewerker",
    )
    services.sroi_fulfilment_record(
        actor=adviser,
        contract=contract,
        kind=FulfilmentKind.LEARN_WORK_PLACE,
        months=6,
        occurred_on=D(2026, 3, 1),
        description="Leerwerkplek groenonderhoud",
    )
    services.sroi_fulfilment_record(
        actor=adviser,
        contract=contract,
        kind=FulfilmentKind.SOCIAL_FIRM_PURCHASE,
        invoice_amount=Decimal("4250.50"),
        occurred_on=D(2026, 4, 1),
        description="Catering door sociale onderneming",
    )
    file = selectors.sroi_contract_get(contract_id=contract.pk)
    # 35,000 x 18/36 x 12/12 = 17,500; 1,500 x 6 = 9,000; 4,250.50 x 1.0
    assert [f.amount for f in file.fulfilments] == [Decimal("17500.00"), Decimal("9000.00"), Decimal("4250.50")]
    assert file.progress.obligation == Decimal("50000.00")
    assert file.progress.fulfilled == Decimal("30750.50")
    assert file.progress.share == Decimal("61.5")
    assert file.progress.remaining == Decimal("19249.50")
    listed = selectors.sroi_contract_list()
    assert [(row.contract, row.fulfilled) for row in listed] == [(contract, Decimal("30750.50"))]


def test_a_placement_with_another_employer_or_twice_does_not_count(work_configuration, adviser):
    contract = SocialReturnContractFactory()
    elsewhere = PlacementFactory(contract_start=D(2026, 2, 1), contract_hours=36)
    with pytest.raises(ValidationError) as refused:
        services.sroi_fulfilment_record(
            actor=adviser,
            contract=contract,
            kind=FulfilmentKind.PLACEMENT,
            placement=elsewhere,
            months=12,
            occurred_on=D(2026, 2, 1),
            description="Plaatsing",
        )
    assert refused.value.message_dict["placement"] == ["Deze plaatsing is niet bij de opdrachtnemer van dit contract."]
    with pytest.raises(ValidationError) as refused:
        services.sroi_fulfilment_record(
            actor=adviser,
            contract=contract,
            kind=FulfilmentKind.OTHER,
            occurred_on=D(2030, 1, 1),
            description="",
        )
    assert set(refused.value.message_dict) == {"amount", "description", "occurred_on"}
    assert not contract.fulfilments.exists()


@given(
    hours=st.integers(1, 40),
    months=st.integers(1, 60),
    invoice=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2),
)
def test_the_valuation_follows_the_rules(hours, months, invoice):
    placement = services.fulfilment_value(kind="placement", valuation=VALUATION, months=months, hours=hours)
    expected = Decimal(35000) * min(Decimal(hours) / 36, Decimal(1)) * months / 12
    assert abs(placement - expected) <= Decimal("0.005")
    assert services.fulfilment_value(kind="learn_work_place", valuation=VALUATION, months=months) == 1500 * months
    assert (
        services.fulfilment_value(kind="social_firm_purchase", valuation=VALUATION, invoice_amount=invoice) == invoice
    )


def test_policy_sees_the_progress_but_cannot_record(work_configuration, staff_client):
    from routekaart.organisations.roles import Role

    contract = SocialReturnContractFactory()
    client, _ = staff_client(Role.POLICY)
    assert client.get(reverse("work:sroi_list")).status_code == 200
    detail = reverse("work:sroi_detail", args=[contract.pk])
    assert client.get(detail).status_code == 200
    assert client.post(detail, {"kind": "other", "amount": "10"}).status_code == 403
