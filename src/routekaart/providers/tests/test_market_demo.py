"""The demo's market: providers with profiles and contracts for the main products, so the demo's decision for
begeleiding by De Linde finds a contract; a second run changes nothing."""

import datetime

import pytest
from django.utils import timezone

from routekaart.catalog.services import catalog_configuration_load
from routekaart.organisations.demo import demo_accounts_ensure, demo_network_ensure
from routekaart.providers.demo import demo_market_ensure
from routekaart.providers.models import Contract, ProviderProfile
from routekaart.providers.selectors import contracted_offers, product_list
from routekaart.testing import database_fingerprint

pytestmark = [pytest.mark.django_db]


def test_the_demo_market_offers_de_linde_for_begeleiding_and_dagbesteding_and_runs_once():
    demo_network_ensure()
    demo_accounts_ensure()
    catalog_configuration_load()
    assert demo_market_ensure() == {"contracts": 4}
    assert ProviderProfile.objects.count() == 4
    guidance = product_list().get(law="W", code="02A01").building_block
    weidebeek = Contract.objects.get(reference="RW-2025-001").municipalities.get(code="gemeente-weidebeek")
    decided = timezone.localdate() - datetime.timedelta(days=55)  # the toegang demo's decision
    offers = contracted_offers(building_block_id=guidance.pk, municipality_id=weidebeek.pk, on=decided)
    linde = [o for o in offers if o.contract_reference == "RW-2025-001"]
    assert {o.product_label.split()[0] for o in linde} >= {"02A01", "07A01"}
    assert all(o.tariff is not None for o in offers)
    before = database_fingerprint()
    assert demo_market_ensure() == {"contracts": 0}
    assert database_fingerprint() == before
