"""Beheer markt's pages: the market manager manages contracts, tariffs and provider profiles; coordinators and
policy read contracts; coordinators see the contracted offers; each page runs the same queries for a small and a
large market."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.providers.models import Contract, Tariff
from routekaart.providers.tests.factories import (
    ContractFactory,
    ContractProductFactory,
    ProductFactory,
    ProviderFactory,
    ProviderProfileFactory,
    TariffFactory,
)
from routekaart.residents.tests.factories import MunicipalityFactory
from routekaart.testing import database_fingerprint

pytestmark = [pytest.mark.django_db]
D = datetime.date


def _contract(n: int = 0, municipality=None):
    municipality = municipality or MunicipalityFactory()
    contract = ContractFactory(starts_on=D(2026, 1, 1), ends_on=D(2030, 12, 31), municipalities=[municipality])
    ProviderProfileFactory(organisation=contract.provider)
    item = ContractProductFactory(contract=contract, product=ProductFactory(), wijken=[f"WK{n:06d}"])
    TariffFactory(contract_product=item, valid_from=D(2026, 1, 1), valid_to=D(2030, 12, 31))
    return contract


def _pages(contract) -> list[str]:
    return [
        reverse("market:contract_list"),
        reverse("market:contract_detail", args=[contract.pk]),
        reverse("market:provider_list"),
        reverse("market:offers"),
        reverse("market:contract_create"),
        reverse("market:contract_product_add", args=[contract.pk]),
        reverse("market:tariff_add", args=[contract.pk]),
        reverse("market:provider_register"),
        reverse("market:location_add", args=[contract.provider_id]),
    ]


def test_the_market_manager_opens_every_page(staff_client):
    client, _ = staff_client(Role.MARKET_MANAGER)
    contract = _contract()
    for url in _pages(contract):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("market:contract_detail", args=[contract.pk])).text
    assert contract.reference in page and "data-tariff" in page


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.POLICY])
def test_coordinators_and_policy_read_contracts_but_do_not_change_them(staff_client, role):
    client, _ = staff_client(role)
    contract = _contract()
    for url in _pages(contract)[:3]:
        assert client.get(url).status_code == 200, url
    assert "Nieuw contract" not in client.get(reverse("market:contract_list")).text
    for url in _pages(contract)[4:]:
        assert client.get(url).status_code == 403, url


def test_a_coordinator_sees_the_offers_policy_does_not(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    assert client.get(reverse("market:offers")).status_code == 200
    client, _ = staff_client(Role.POLICY)
    assert client.get(reverse("market:offers")).status_code == 403


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.PRIVACY_OFFICER, Role.RESIDENT])
def test_other_roles_are_refused_the_market(staff_client, role):
    client, _ = staff_client(role)
    assert client.get(reverse("market:contract_list")).status_code == 403


def test_the_market_manager_creates_a_contract(staff_client):
    client, _ = staff_client(Role.MARKET_MANAGER)
    provider, municipality = ProviderFactory(), MunicipalityFactory()
    response = client.post(
        reverse("market:contract_create"),
        {
            "reference": "CT-2026-009",
            "provider": provider.pk,
            "region": municipality.region_id,
            "municipalities": [municipality.pk],
            "purchasing_route": "open_house",
            "steering": "private",
            "starts_on": "2026-01-01",
            "ends_on": "2027-12-31",
            "budget": "125000,00",
        },
    )
    contract = Contract.objects.get(reference="CT-2026-009")
    assert response.status_code == 302 and response["Location"] == reverse("market:contract_detail", args=[contract.pk])
    assert contract.budget == Decimal("125000.00")


def test_an_overlapping_tariff_is_refused_on_the_form_and_nothing_changes(staff_client):
    client, _ = staff_client(Role.MARKET_MANAGER)
    contract = _contract()
    item = contract.products.get()
    before = database_fingerprint()
    response = client.post(
        reverse("market:tariff_add", args=[contract.pk]),
        {"contract_product": item.pk, "amount": "70,00", "valid_from": "2026-06-01", "valid_to": "2026-12-31"},
    )
    assert response.status_code == 400
    assert "Deze periode overlapt met het tarief van 01-01-2026 tot en met 31-12-2030" in response.text
    assert 'id="error-summary"' in response.text
    assert database_fingerprint() == before
    assert Tariff.objects.filter(contract_product=item).count() == 1


def test_a_wrong_agb_code_is_refused_on_the_form_and_nothing_changes(staff_client):
    client, _ = staff_client(Role.MARKET_MANAGER)
    provider = ProviderFactory()
    before = database_fingerprint()
    response = client.post(
        reverse("market:provider_register"),
        {"organisation": provider.pk, "agb_code": "00123456", "kvk_number": "60001234"},
    )
    assert response.status_code == 400
    assert "Een AGB-code begint met de zorgsoort en kan niet met 00 beginnen." in response.text
    assert database_fingerprint() == before


def test_the_offers_page_filters_by_municipality_and_wijk(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    here, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    mine, other = _contract(1, here), _contract(2, elsewhere)
    page = client.get(reverse("market:offers"), {"municipality": here.pk, "on": "2026-03-01"}).text
    assert mine.reference in page and other.reference not in page
    page = client.get(reverse("market:offers"), {"municipality": here.pk, "wijk": "WK000002", "on": "2026-03-01"}).text
    assert mine.reference not in page


def _queries(client, url: str, **query) -> int:
    client.get(url, query)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def test_every_market_page_runs_the_same_queries_for_1_or_12_contracts(staff_client):
    client, _ = staff_client(Role.MARKET_MANAGER)
    municipality = MunicipalityFactory()
    first = _contract(0, municipality)
    small = {url: _queries(client, url, on="2026-03-01") for url in _pages(first)[:4]}
    for n in range(1, 12):
        contract = _contract(n, municipality)
        ContractProductFactory(contract=contract, product=ProductFactory())
    large = {url: _queries(client, url, on="2026-03-01") for url in _pages(first)[:4]}
    assert small == large
