"""Klantbeheer's payment run pages: prepare, see the lines with masked accounts, approve by a colleague, cancel,
download the file; others are refused; the pages run the same number of queries for few lines and many."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry
from routekaart.income import services as income_services
from routekaart.income.models import PaymentLine, PaymentRun, PaymentRunStatus, SocialAssistance
from routekaart.income.services import payments
from routekaart.income.services.benefits import account_errors
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from .factories import DienstFactory
from .factories_payments import PaidBenefitFactory, client_admin_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026", "demo_login")]
MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def dienst():
    return DienstFactory()


@pytest.fixture
def preparer(dienst):
    return client_admin_at(dienst, is_demo=True)


@pytest.fixture
def approver(dienst):
    return client_admin_at(dienst, is_demo=True)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _run(preparer, dienst):
    return payments.payment_run_prepare(
        actor=preparer, organisation=dienst, month=MARCH, execution_on=datetime.date(2026, 3, 25)
    )


def test_preparing_through_the_page_goes_to_the_run(dienst, preparer):
    PaidBenefitFactory.create_batch(2, organisation=dienst)

    response = _client(preparer).post(
        reverse("payments:run_prepare"),
        {"organisation": dienst.pk, "month": "2026-03-01", "kind": "monthly", "execution_on": "2026-03-25"},
    )

    run = PaymentRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("payments:run_detail", args=[run.pk])
    assert run.line_count == 2


def test_a_refused_prepare_shows_the_message_on_its_field_and_changes_nothing(dienst, preparer):
    PaidBenefitFactory(organisation=dienst)
    _run(preparer, dienst)
    client = _client(preparer)
    before = database_fingerprint()

    response = client.post(
        reverse("payments:run_prepare"),
        {"organisation": dienst.pk, "month": "2026-03-01", "kind": "monthly", "execution_on": "2026-03-25"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["month"] == [
        "Voor deze maand is al een betaalrun klaargezet of gefiatteerd."
    ]
    assert database_fingerprint() == before


def test_the_run_page_shows_only_the_last_four_of_each_account_and_logs_the_read(dienst, preparer):
    benefit = PaidBenefitFactory(organisation=dienst)
    run = _run(preparer, dienst)
    logged = ProcessingLogEntry.objects.filter(activity__code="payment-administration").count()

    response = _client(preparer).get(reverse("payments:run_detail", args=[run.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert benefit.iban not in html and f"•••• {benefit.iban[-4:]}" in html
    assert ProcessingLogEntry.objects.filter(activity__code="payment-administration").count() == logged + 1


def test_the_preparer_sees_no_approve_button_and_a_colleague_approves(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    run = _run(preparer, dienst)
    assert (
        "Betaalrun fiatteren"
        not in _client(preparer).get(reverse("payments:run_detail", args=[run.pk])).content.decode()
    )

    refused = _client(preparer).post(reverse("payments:run_approve", args=[run.pk]))
    assert refused.status_code == 400
    assert "Fiattering door een tweede medewerker" in refused.content.decode()

    response = _client(approver).post(reverse("payments:run_approve", args=[run.pk]))
    run.refresh_from_db()
    assert response.status_code == 302 and run.status == PaymentRunStatus.APPROVED and run.approved_by == approver


def test_the_file_downloads_after_approval_and_is_logged(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    run = payments.payment_run_approve(actor=approver, run=_run(preparer, dienst))

    response = _client(preparer).get(reverse("payments:run_file", args=[run.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert b"pain.001.001.03" in response.content
    assert payments.sepa.sha256(response.content) == run.file_sha256


def test_no_file_before_approval(dienst, preparer):
    PaidBenefitFactory(organisation=dienst)
    run = _run(preparer, dienst)

    assert _client(preparer).get(reverse("payments:run_file", args=[run.pk])).status_code == 404


def test_cancel_through_the_page(dienst, preparer):
    PaidBenefitFactory(organisation=dienst)
    run = _run(preparer, dienst)

    response = _client(preparer).post(reverse("payments:run_cancel", args=[run.pk]))

    run.refresh_from_db()
    assert response.status_code == 302 and run.status == PaymentRunStatus.CANCELLED
    assert not PaymentLine.objects.exists()


def test_another_dienst_s_run_is_not_found_and_other_roles_are_refused(dienst, preparer, staff_client):
    PaidBenefitFactory(organisation=dienst)
    run = _run(preparer, dienst)
    outsider = client_admin_at(DienstFactory(), is_demo=True)
    assert _client(outsider).get(reverse("payments:run_detail", args=[run.pk])).status_code == 404
    coordinator, _user = staff_client(Role.COORDINATOR)
    assert coordinator.get(reverse("payments:run_list")).status_code == 403


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_run_page_and_the_list_run_the_same_queries_for_one_line_and_many(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    small_run = _run(preparer, dienst)
    client = _client(preparer)
    small = _count(client, reverse("payments:run_detail", args=[small_run.pk]))
    small_list = _count(client, reverse("payments:run_list"))
    payments.payment_run_cancel(actor=preparer, run=small_run)
    PaidBenefitFactory.create_batch(12, organisation=dienst)
    big_run = _run(preparer, dienst)

    assert _count(client, reverse("payments:run_detail", args=[big_run.pk])) == small
    assert _count(client, reverse("payments:run_list")) == small_list
    assert small <= 14


def test_the_api_lists_prepares_and_approves(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    api = _client(preparer)
    created = api.post(
        "/api/v1/income/payment-runs/prepare/",
        {"organisation": dienst.pk, "month": "2026-03-01", "execution_on": "2026-03-25"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    run_id = created.json()["id"]
    refused = api.post(f"/api/v1/income/payment-runs/{run_id}/approve/")
    assert refused.status_code == 400
    assert "tweede medewerker" in refused.content.decode()
    approved = _client(approver).post(f"/api/v1/income/payment-runs/{run_id}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    detail = api.get(f"/api/v1/income/payment-runs/{run_id}/").json()
    assert detail["lines"][0]["iban"].startswith("••••")
    assert api.get("/api/v1/income/payment-runs/").json()["count"] == 1


def test_the_api_refuses_a_month_already_paid_with_a_dutch_message(dienst, preparer):
    PaidBenefitFactory(organisation=dienst)
    _run(preparer, dienst)
    response = _client(preparer).post(
        "/api/v1/income/payment-runs/prepare/",
        {"organisation": dienst.pk, "month": "2026-03-01", "execution_on": "2026-03-25"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Voor deze maand is al een betaalrun" in response.content.decode()


@pytest.mark.parametrize(
    ("iban", "holder", "error"),
    [
        ("", "", set()),
        ("nl91 abna 0417 1643 00", "J. Jansen", set()),
        ("NL91ABNA0417164301", "J. Jansen", {"iban"}),
        ("NL91ABNA0417164300", "", {"account_holder"}),
    ],
)
def test_the_benefit_s_account_is_checked_with_schwifty(iban, holder, error):
    assert set(account_errors(iban=iban, account_holder=holder)) == error


def test_a_benefit_granted_with_an_account_keeps_it_compact():
    from routekaart.income.tests.factories import coordinator_at
    from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

    dienst = DienstFactory()
    coordinator = coordinator_at(dienst)
    household, client = HouseholdFactory(), ResidentFactory()
    MembershipFactory(household=household, resident=client, role="head", valid_from=datetime.date(2015, 1, 1))
    benefit = income_services.social_assistance_grant(
        actor=coordinator,
        household=household,
        client=client,
        organisation=dienst,
        coordinator=coordinator,
        started_on=MARCH,
        iban="nl91 abna 0417 1643 00",
        account_holder="J. Jansen",
    )
    assert SocialAssistance.objects.get(pk=benefit.pk).iban == "NL91ABNA0417164300"
    with pytest.raises(Exception) as refused:
        income_services.social_assistance_grant(
            actor=coordinator,
            household=HouseholdFactory(),
            client=client,
            organisation=dienst,
            coordinator=coordinator,
            started_on=MARCH,
            iban="NL91ABNA0417164301",
            account_holder="J. Jansen",
        )
    assert "Dit is geen geldig IBAN" in str(refused.value)
    assert Decimal(SocialAssistance.objects.count()) == 1


def test_the_home_count_shows_runs_waiting_for_someone_else_s_approval(dienst, preparer, approver):
    from routekaart.income.selectors_payments import payment_home_counts

    PaidBenefitFactory(organisation=dienst)
    _run(preparer, dienst)

    assert payment_home_counts(approver) == {"runs_awaiting_approval": 1}
    assert payment_home_counts(preparer) == {"runs_awaiting_approval": 0}
    assert payment_home_counts(client_admin_at(DienstFactory())) == {"runs_awaiting_approval": 0}
