"""Beleid reads the contract review too (seed 003: analyse en informatie brings the chain's management information
together for steering): aggregates only, from its own menu, without the complaint pages it may not use."""

import pytest
from django.urls import reverse

from ...organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_policy_opens_the_contract_review_from_its_menu_and_is_not_offered_the_complaints(staff_client):
    client, _user = staff_client(Role.POLICY)

    home = client.get(reverse("home"))
    page = client.get(reverse("market:review"))

    assert reverse("market:review") in home.content.decode()
    assert page.status_code == 200
    assert "Contractevaluatie" in page.content.decode()
    assert f'href="{reverse("market:complaint_list")}"' not in page.content.decode()
    assert client.get(reverse("market:complaint_list")).status_code == 403
