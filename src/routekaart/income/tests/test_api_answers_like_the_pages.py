"""The API: the explained calculation, the regulations check and earnings, through the same access check."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.tests.factories import ResidentFactory
from routekaart.testing import problem_fields

from .factories import HouseholdSituationFactory, SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


@pytest.fixture
def api():
    user = UserFactory(role=Role.COORDINATOR)
    client = APIClient()
    client.force_authenticate(user)
    benefit = SocialAssistanceFactory(
        organisation=user.affiliations.get().organisation,
        coordinator=user,
        client=ResidentFactory(birth_date=date(1980, 1, 1)),
    )
    HouseholdSituationFactory(household=benefit.household, year=2025, chronic_illness=True)
    return client, benefit


def test_the_calculation_has_every_line_and_its_source(api):
    client, benefit = api
    response = client.get(f"/api/v1/income/households/{benefit.household_id}/calculation/")
    assert response.status_code == 200
    body = response.json()
    assert body["benefit"] == "1407.65" and body["norms_provisional"] is True
    assert [line["label"] for line in body["lines"]] == ["Normbedrag alleenstaande", "Uitkering deze maand"]


def test_the_entitlements_explain_why(api):
    client, benefit = api
    body = client.get(f"/api/v1/income/households/{benefit.household_id}/entitlements/").json()
    cer = next(e for e in body if e["regulation"] == "cer_allowance")
    assert cer["not_taken_up"] and cer["explanations"][0]["met"]


def test_an_income_report_with_bad_input_answers_400_in_dutch(api):
    client, benefit = api
    url = f"/api/v1/income/households/{benefit.household_id}/income-reports/"
    refused = client.post(url, {"month": "2026-05-01", "net_earnings": "100.00"}, format="json")
    assert refused.status_code == 400
    assert problem_fields(refused)["month"] == ["Inkomsten geeft u door over een maand die begonnen is."]
    accepted = client.post(url, {"month": "2026-02-01", "net_earnings": "100.00"}, format="json")
    assert accepted.status_code == 201


def test_an_uninvolved_caller_is_refused(api):
    _, benefit = api
    stranger = APIClient()
    stranger.force_authenticate(UserFactory(role=Role.COORDINATOR))
    assert stranger.get(f"/api/v1/income/households/{benefit.household_id}/calculation/").status_code == 403
