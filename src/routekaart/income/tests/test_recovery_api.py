"""Recovery's API: the claims the user may see with balances, a claim with its balance over time, establishing a
claim and agreeing an arrangement; refusals are 400 with Dutch field messages and change nothing; another
household's claim is 404."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from routekaart.income.models import Claim
from routekaart.income.services import recovery
from routekaart.residents.tests.factories import ResidentFactory
from routekaart.testing import database_fingerprint, problem_fields

from .factories import SocialAssistanceFactory
from .factories_recovery import ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


@pytest.fixture
def api():
    """The household's coordinator, signed in to the API, with one claim of 1000 and a payment of 250."""
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1980, 1, 1)))
    claim = ClaimFactory(benefit=benefit)
    recovery.payment_record(
        actor=benefit.coordinator, claim=claim, amount=Decimal("250.00"), received_on=date(2026, 2, 1)
    )
    client = APIClient()
    client.force_authenticate(benefit.coordinator)
    return client, benefit, claim


def test_the_list_and_the_detail_give_the_balance_and_its_course(api):
    client, _benefit, claim = api
    listed = client.get("/api/v1/vorderingen/")
    assert listed.status_code == 200
    assert [(c["id"], c["balance"]) for c in listed.json()["results"]] == [(claim.pk, "750.00")]
    detail = client.get(f"/api/v1/vorderingen/{claim.pk}/").json()
    assert [(m["kind"], m["amount"], m["balance"]) for m in detail["movements"]] == [
        ("established", "1000.00", "1000.00"),
        ("payment", "-250.00", "750.00"),
    ]


def test_another_households_claim_is_404(api):
    client, _benefit, _claim = api
    other = ClaimFactory(benefit=SocialAssistanceFactory())
    assert client.get(f"/api/v1/vorderingen/{other.pk}/").status_code == 404
    assert client.post(f"/api/v1/vorderingen/{other.pk}/afspraak/", {}, format="json").status_code == 404


def test_establishing_is_refused_with_dutch_field_messages_and_nothing_changes(api):
    client, benefit, _claim = api
    before = database_fingerprint()
    response = client.post(
        "/api/v1/vorderingen/",
        {
            "household_id": benefit.household_id,
            "debtor_id": benefit.client_id,
            "benefit_id": benefit.pk,
            "reason": "income_report",
            "explanation": "Te laat gemeld.",
            "period_from": "2025-12-01",
            "period_to": "2025-11-30",
            "principal": "100.00",
            "established_on": "2026-03-02",
        },
        format="json",
    )
    assert response.status_code == 400
    assert problem_fields(response)["period_to"] == ["De periode eindigt vóór zij begint."]
    assert database_fingerprint() == before


def test_an_arrangement_is_agreed_over_the_api(api):
    client, _benefit, claim = api
    response = client.post(
        f"/api/v1/vorderingen/{claim.pk}/afspraak/",
        {"kind": "settlement", "monthly_amount": "70.38", "starts_on": "2026-04-01", "agreed_on": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["arrangements"][0]["protected_income"] == "1337.27"
    assert Claim.objects.get(pk=claim.pk).arrangements.count() == 1
