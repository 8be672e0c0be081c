"""The bestaanszekerheid screens: access through the household check, thin views over the services, Dutch 400s."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.income.batch import entitlement_check_run
from routekaart.income.models import AnnualReview, CoordinatorHandover, RegulationUse, SocialAssistance
from routekaart.organisations.roles import Role
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

from .factories import (
    AnnualReviewFactory,
    HouseholdSituationFactory,
    IncomeReportFactory,
    SocialAssistanceFactory,
    coordinator_at,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


@pytest.fixture
def coordinator(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    return client, user


def my_client(user, **kwargs):
    organisation = user.affiliations.get().organisation
    return SocialAssistanceFactory(organisation=organisation, coordinator=user, **kwargs)


def test_the_worklist_lists_my_clients_and_logs_the_read(coordinator):
    client, user = coordinator
    benefit = my_client(user)
    AnnualReviewFactory(benefit=benefit, planned_on=date(2026, 3, 9))
    response = client.get(reverse("income:worklist"))
    assert response.status_code == 200
    assert benefit.client.full_name in response.content.decode()
    assert ProcessingLogEntry.objects.filter(actor=user, activity_id="social-assistance").exists()


def test_policy_staff_see_the_caseload_but_not_the_worklist(staff_client):
    client, _ = staff_client(Role.POLICY)
    assert client.get(reverse("income:worklist")).status_code == 403
    response = client.get(reverse("income:caseload"))
    assert response.status_code == 200
    assert 'data-without="0"' in response.content.decode()


def test_an_uninvolved_coordinator_is_refused_and_the_refusal_is_logged(coordinator):
    client, user = coordinator
    other = SocialAssistanceFactory()
    response = client.get(reverse("income:client_detail", args=[other.household_id]))
    assert response.status_code == 403
    assert ProcessingLogEntry.objects.filter(actor=user, result=Result.DENIED, activity_id="social-assistance").exists()


def test_the_client_page_shows_the_explained_calculation_and_the_non_take_up(coordinator):
    client, user = coordinator
    benefit = my_client(user, client=ResidentFactory(birth_date=date(1980, 1, 1)))
    HouseholdSituationFactory(household=benefit.household, year=2025, chronic_illness=True)
    response = client.get(reverse("income:client_detail", args=[benefit.household_id]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Normbedrag alleenstaande" in page and "€ 1.407,65" in page
    assert 'data-regulation="cer_allowance"' in page
    assert "Aanvraag starten: Tegemoetkoming chronisch zieken en gehandicapten (CER)" in page


def test_the_client_page_runs_a_fixed_number_of_queries(coordinator):
    client, user = coordinator

    def queries_for(housemates: int, months: int) -> int:
        benefit = my_client(user)
        HouseholdSituationFactory(household=benefit.household, year=2025)
        for _ in range(housemates):
            MembershipFactory(household=benefit.household, role="other", valid_from=date(2020, 1, 1))
        for month in range(1, months + 1):
            IncomeReportFactory(benefit=benefit, month=date(2025, month, 1))
        for year in range(2020, 2020 + months // 3):
            AnnualReviewFactory(benefit=benefit, year=year, planned_on=date(year, 5, 1))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("income:client_detail", args=[benefit.household_id])).status_code == 200
        return len(captured)

    assert queries_for(1, 1) == queries_for(6, 12)


def test_recording_the_yearly_conversation_then_applying_for_a_regulation(coordinator):
    client, user = coordinator
    benefit = my_client(user, work_obligation="exempt")
    review = AnnualReviewFactory(benefit=benefit, planned_on=date(2026, 3, 2))
    url = reverse("income:annual_review_record", args=[benefit.household_id])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "held_on": "2026-03-02",
        "contact": "in_person",
        "life_changes": ["abroad"],
        "note": "",
        "monthly_income": "1407.65",
        "assets": "200",
        "low_income_since": "2018-01-01",
        "chronic_illness": "on",
        "makes_ends_meet": "difficult",
        "daily_meal": "yes",
        "debts": "none",
    }
    refused = client.post(url, {**data, "debts": "none", "debt_referral": "on"})
    assert refused.status_code == 400
    assert "Zonder schulden is er geen verwijzing naar schuldhulpverlening." in refused.content.decode()
    assert AnnualReview.objects.get(pk=review.pk).status == "planned"
    done = client.post(url, data)
    assert done.status_code == 302
    assert AnnualReview.objects.get(pk=review.pk).status == "held"
    page = client.get(reverse("income:client_detail", args=[benefit.household_id])).content.decode()
    assert 'data-regulation="cer_allowance"' in page
    applied = client.post(reverse("income:regulation_apply", args=[benefit.household_id, "cer_allowance"]))
    assert applied.status_code == 302
    assert RegulationUse.objects.get(household=benefit.household).regulation.code == "cer_allowance"


def test_granting_a_benefit_on_the_page_requires_the_coordinator(coordinator):
    client, user = coordinator
    organisation = user.affiliations.get().organisation
    household = HouseholdFactory()
    resident = ResidentFactory()
    MembershipFactory(household=household, resident=resident, valid_from=date(2020, 1, 1))
    from routekaart.residents.tests.factories import InvolvementFactory

    InvolvementFactory(household=household, organisation=organisation, user=user, kind="team_member", domain="G")
    url = reverse("income:benefit_grant", args=[household.pk])
    assert client.get(url).status_code == 200
    data = {
        "client": resident.pk,
        "organisation": organisation.pk,
        "coordinator": "",
        "started_on": "2026-03-01",
        "work_obligation": "exempt",
    }
    assert client.post(url, data).status_code == 400
    assert not SocialAssistance.objects.exists()
    assert client.post(url, {**data, "coordinator": user.pk}).status_code == 302
    assert SocialAssistance.objects.get(household=household).coordinator == user


def test_reassigning_on_the_page(coordinator):
    client, user = coordinator
    benefit = my_client(user)
    successor = coordinator_at(benefit.organisation)
    url = reverse("income:coordinator_reassign", args=[benefit.household_id])
    assert client.get(url).status_code == 200
    data = {
        "to_user": successor.pk,
        "handed_over_on": "2026-03-02",
        "meeting_on": "2026-02-27",
        "note": "Kennismaking gehad; voorkeur voor afspraken op dinsdag.",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "instemming" in refused.content.decode()
    assert client.post(url, {**data, "client_consented": "on"}).status_code == 302
    assert CoordinatorHandover.objects.get().to_user == successor


def test_income_report_surplus_month_and_work_switch_pages(coordinator):
    client, user = coordinator
    benefit = my_client(user, surplus_settlement=True)
    url = reverse("income:income_report", args=[benefit.household_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"month": "2026-02", "net_earnings": "800.00"})
    assert response.status_code == 302
    month = client.get(reverse("income:surplus_month", args=[benefit.household_id, 2026, 2]))
    assert month.status_code == 200 and "Verrekening met de volgende betaling" in month.content.decode()
    switch_url = reverse("income:work_switch", args=[benefit.household_id])
    assert client.get(switch_url).status_code == 200
    bad = client.post(
        switch_url, {"work_start": "2026-03-16", "first_salary_on": "2026-03-01", "net_monthly_salary": "1"}
    )
    assert bad.status_code == 400
    good = client.post(
        switch_url, {"work_start": "2026-03-16", "first_salary_on": "2026-04-25", "net_monthly_salary": "1900"}
    )
    assert good.status_code == 302
    page = client.get(switch_url).content.decode()
    assert "stopt op 25 april 2026" in page
    assert Decimal(SocialAssistance.objects.get(pk=benefit.pk).work_switch.settlement) > 0


def test_report_and_norm_pages(staff_client):
    SocialAssistanceFactory()
    entitlement_check_run(on=date(2026, 3, 2))
    client, _ = staff_client(Role.FUNCTIONAL_ADMIN)
    assert client.get(reverse("income:non_take_up_report")).status_code == 200
    norms = client.get(reverse("income:norm_list"))
    assert norms.status_code == 200 and "€ 2.010,93" in norms.content.decode()
