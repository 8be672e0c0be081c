"""Hours worked in a month lie between 0 and 260 (60 hours a week, the Working Hours Act's maximum, over a month):
-3 and 1,000 are refused on the page and by the API with a Dutch message, and the refusal changes nothing."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from routekaart.income.models import IncomeReport
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint, problem_fields

from .factories import SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]

AT_MOST = "Vul een getal van ten hoogste 260 in."
AT_LEAST = "Vul een getal van ten minste 0 in."


@pytest.fixture
def benefit_and_client(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    benefit = SocialAssistanceFactory(organisation=user.affiliations.get().organisation, coordinator=user)
    api = APIClient()
    api.force_authenticate(user)
    return benefit, client, api


def api_post(api, benefit, hours):
    url = f"/api/v1/income/households/{benefit.household_id}/income-reports/"
    return api.post(url, {"month": "2026-02-01", "net_earnings": "100.00", "hours": hours}, format="json")


def page_post(client, benefit, hours):
    url = reverse("income:income_report", args=[benefit.household_id])
    return client.post(url, {"month": "2026-02", "net_earnings": "100.00", "hours": hours})


@pytest.mark.parametrize(("hours", "message"), [("-3", AT_LEAST), ("1000", AT_MOST)])
def test_impossible_hours_are_refused_by_the_api_in_dutch(benefit_and_client, hours, message):
    benefit, _, api = benefit_and_client
    before = database_fingerprint()
    response = api_post(api, benefit, hours)
    assert response.status_code == 400
    assert problem_fields(response)["hours"] == [message]
    assert database_fingerprint() == before


def test_a_thousand_hours_are_refused_on_the_page_in_dutch(benefit_and_client):
    benefit, client, _ = benefit_and_client
    before = database_fingerprint()
    response = page_post(client, benefit, "1000")
    assert response.status_code == 400
    # The form carries the model's maximum (limits_model), so the form's own wording speaks, naming the same limit.
    assert "Vul voor gewerkte uren 260 of minder in." in response.content.decode()
    assert database_fingerprint() == before


def test_minus_three_hours_are_refused_on_the_page(benefit_and_client):
    benefit, client, _ = benefit_and_client
    before = database_fingerprint()
    response = page_post(client, benefit, "-3")
    assert response.status_code == 400
    page = response.content.decode()
    # The form's own minimum speaks first; its wording is the form's (core.forms), the limit the same.
    assert re.search(r"ten minste 0 in|0 of meer in|groter (dan )?of gelijk (is )?aan 0", page)
    assert database_fingerprint() == before


@pytest.mark.parametrize("hours", ["0", "259.99", "260"])
def test_hours_from_nought_up_to_260_are_kept(benefit_and_client, hours):
    benefit, _, api = benefit_and_client
    assert api_post(api, benefit, hours).status_code == 201
    assert IncomeReport.objects.get().hours == Decimal(hours)


def test_one_hundredth_over_260_is_refused(benefit_and_client):
    benefit, _, api = benefit_and_client
    response = api_post(api, benefit, "260.01")
    assert problem_fields(response)["hours"] == [AT_MOST]
    assert not IncomeReport.objects.exists()
