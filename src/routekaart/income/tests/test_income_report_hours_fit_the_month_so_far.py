"""The month under way has had only its days up to today: on Monday 2 March 2026 at most 2 x 24 = 48 hours can
have been worked in March. 47 and 48 pass, 49 is refused in Dutch on the page and by the API, nothing changed; a
finished month keeps the model's range."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from routekaart.income import services
from routekaart.income.models import IncomeReport
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint, problem_reasons

from .factories import SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]

TOO_MANY = (
    "Deze maand heeft tot en met vandaag 2 dagen, dus ten hoogste 48 uur. "
    "Vul de uren in die tot nu toe zijn gewerkt, of geef ze na afloop van de maand door."
)


def submit(benefit, month, hours):
    from datetime import date

    return services.income_report_submit(
        actor=benefit.coordinator,
        benefit=benefit,
        month=date.fromisoformat(month),
        net_earnings=Decimal("100.00"),
        hours=Decimal(hours),
    )


@pytest.mark.parametrize(("hours", "accepted"), [("47", True), ("48", True), ("49", False)])
def test_the_hours_of_the_month_under_way_fit_its_days_so_far(hours, accepted):
    benefit = SocialAssistanceFactory()
    if accepted:
        assert submit(benefit, "2026-03-01", hours).hours == Decimal(hours)
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        submit(benefit, "2026-03-01", hours)
    assert refused.value.message_dict["hours"] == [TOO_MANY]
    assert database_fingerprint() == before


def test_a_finished_month_may_hold_more_hours_than_the_month_under_way():
    assert submit(SocialAssistanceFactory(), "2026-02-01", "160").hours == Decimal("160")


@pytest.fixture
def benefit_and_client(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    benefit = SocialAssistanceFactory(organisation=user.affiliations.get().organisation, coordinator=user)
    api = APIClient()
    api.force_authenticate(user)
    return benefit, client, api


def test_too_many_hours_for_the_month_so_far_are_refused_on_the_page_and_by_the_api(benefit_and_client):
    benefit, client, api = benefit_and_client
    before = database_fingerprint()
    page = client.post(
        reverse("income:income_report", args=[benefit.household_id]),
        {"month": "2026-03", "net_earnings": "100.00", "hours": "49"},
    )
    assert page.status_code == 400
    assert TOO_MANY in page.content.decode()
    response = api.post(
        f"/api/v1/income/households/{benefit.household_id}/income-reports/",
        {"month": "2026-03-01", "net_earnings": "100.00", "hours": "49"},
        format="json",
    )
    assert response.status_code == 400
    assert TOO_MANY in problem_reasons(response)
    assert database_fingerprint() == before
    assert not IncomeReport.objects.exists()
