"""Recovery's pages: klantbeheer establishes a claim (prefilled from late income reports), sees it with its balance
over time, takes one action per POST or is refused beside the field with nothing changed; only who may see the
household gets in, and each page runs a fixed number of queries however many claims or movements there are."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from routekaart.income import letters_recovery, selectors_recovery, services
from routekaart.income.models import Claim, ClaimMovement, ClaimStatus
from routekaart.income.services import recovery
from routekaart.residents.tests.factories import ResidentFactory
from routekaart.testing import database_fingerprint

from .factories import DienstFactory, SocialAssistanceFactory, coordinator_at
from .factories_recovery import ClaimFactory, client_admin_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


def _benefit():
    return SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1980, 1, 1)))


@pytest.fixture
def world(client, demo_login):
    """A benefit household, klantbeheer involved with it through an established claim, logged in."""
    benefit = _benefit()
    admin = client_admin_at(benefit.organisation, is_demo=True)
    claim = recovery.claim_establish(
        actor=admin,
        household_id=benefit.household_id,
        debtor_id=benefit.client_id,
        benefit_id=benefit.pk,
        kind="recovery",
        reason="household_change",
        explanation="Samenwonen niet gemeld.",
        period_from=date(2025, 6, 1),
        period_to=date(2025, 12, 31),
        principal=Decimal("2400.00"),
        established_on=date(2026, 2, 1),
    )
    client.force_login(admin)
    return benefit, admin, claim


def test_establishing_a_claim_from_late_income_reports_prefills_the_amount_and_goes_to_its_page(world, client):
    benefit, _admin, _claim = world
    services.income_report_submit(
        actor=benefit.coordinator, benefit=benefit, month=date(2026, 1, 1), net_earnings=Decimal("600.00")
    )
    url = reverse("recovery:claim_establish", args=[benefit.household_id])
    page = client.get(url, {"month_from": "2026-01", "month_to": "2026-01"})
    assert page.status_code == 200
    assert page.context["form"].initial["principal"] == Decimal("450.00")
    response = client.post(
        url,
        {
            "debtor_id": benefit.client_id,
            "kind": "recovery",
            "reason": "income_report",
            "explanation": "Inkomsten januari te laat gemeld.",
            "period_from": "2026-01-01",
            "period_to": "2026-01-31",
            "principal": "450.00",
            "established_on": "2026-03-02",
        },
    )
    claim = Claim.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("recovery:claim_detail", args=[claim.pk])
    assert claim.principal == Decimal("450.00")


def test_the_claim_page_shows_the_balance_over_time(world, client):
    _benefit, admin, claim = world
    recovery.payment_record(actor=admin, claim=claim, amount=Decimal("400.00"), received_on=date(2026, 2, 15))
    response = client.get(reverse("recovery:claim_detail", args=[claim.pk]))
    assert response.status_code == 200
    assert [row.balance for row in response.context["file"].rows] == [Decimal("2400.00"), Decimal("2000.00")]
    html = response.content.decode()
    assert "€ 2.000,00" in html and "beslagvrije voet € 1.337,27" in html


def test_a_settlement_above_the_protected_income_is_refused_on_the_page_and_nothing_changes(world, client):
    _benefit, _admin, claim = world
    before = database_fingerprint()
    response = client.post(
        reverse("recovery:claim_action", args=[claim.pk, "arrangement"]),
        {
            "arrangement-kind": "settlement",
            "arrangement-monthly_amount": "70.39",
            "arrangement-starts_on": "2026-04-01",
            "arrangement-agreed_on": "2026-03-02",
        },
    )
    assert response.status_code == 400
    form = next(a["form"] for a in response.context["actions"] if a["name"] == "arrangement")
    assert form.errors["monthly_amount"] == [
        "Dit laat de inwoner minder dan de beslagvrije voet van € 1.337,27; ten hoogste € 70,38 per maand."
    ]
    assert database_fingerprint() == before


def test_one_post_per_action_records_a_payment(world, client):
    _benefit, _admin, claim = world
    response = client.post(
        reverse("recovery:claim_action", args=[claim.pk, "payment"]),
        {"payment-amount": "100.00", "payment-received_on": "2026-03-01"},
    )
    assert response.status_code == 302
    assert ClaimMovement.objects.filter(claim=claim, kind="payment").get().amount == Decimal("-100.00")


def test_the_list_shows_balances_in_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    _benefit, _admin, claim = world
    url = reverse("recovery:claim_list")
    with django_assert_max_num_queries(14) as one:
        assert client.get(url).status_code == 200
    for principal in ("30.00", "20.00", "10.00"):
        ClaimFactory(benefit=claim.benefit, principal=Decimal(principal), established_on=date(2026, 2, 20))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert sorted(c.balance for c in response.context["page"].object_list) == [
        Decimal("10.00"),
        Decimal("20.00"),
        Decimal("30.00"),
        Decimal("2400.00"),
    ]


def test_the_claim_page_takes_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    _benefit, admin, claim = world
    url = reverse("recovery:claim_detail", args=[claim.pk])
    with django_assert_max_num_queries(24) as one:
        assert client.get(url).status_code == 200
    for day in range(1, 6):
        recovery.payment_record(actor=admin, claim=claim, amount=Decimal("10.00"), received_on=date(2026, 2, day))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_who_is_not_involved_gets_the_refusal_and_an_unknown_claim_404(world, client):
    _household_benefit, _admin, claim = world
    stranger = client_admin_at(_benefit().organisation, is_demo=True)
    client.force_login(stranger)
    assert client.get(reverse("recovery:claim_detail", args=[claim.pk])).status_code == 403
    assert client.get(reverse("recovery:claim_detail", args=[claim.pk + 999])).status_code == 404
    assert list(client.get(reverse("recovery:claim_list")).context["page"].object_list) == []


def test_a_resident_does_not_open_staff_pages(world, client):
    benefit, _admin, claim = world
    from routekaart.organisations.roles import Role
    from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory

    resident_user = UserFactory(is_demo=True)
    AffiliationFactory(user=resident_user, organisation=benefit.organisation, role=Role.RESIDENT)
    client.force_login(resident_user)
    assert client.get(reverse("recovery:claim_detail", args=[claim.pk])).status_code == 403


def test_the_recovery_decision_names_reason_period_amount_basis_and_the_six_week_objection_term(world):
    _benefit, _admin, claim = world
    file = selectors_recovery.claim_file(claim=Claim.objects.select_related("debtor", "organisation").get(pk=claim.pk))
    html = letters_recovery.letter_html(file=file, letter="besluit")
    assert "Gewijzigde woonsituatie of leefvorm" in html and "Samenwonen niet gemeld." in html
    assert "1 juni 2025" in html and "31 december 2025" in html and "€ 2.400,00" in html
    assert "artikel 58 van de Participatiewet" in html
    assert "binnen 6 weken" in html


def test_a_closed_claim_offers_no_actions(world, client):
    _benefit, admin, claim = world
    recovery.claim_write_off(actor=admin, claim=claim, reason="Oninbaar.")
    response = client.get(reverse("recovery:claim_detail", args=[claim.pk]))
    assert response.context["actions"] == []
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.WRITTEN_OFF


def test_the_household_page_shows_the_coordinator_the_open_claims_with_their_balance(client, demo_login):
    dienst = DienstFactory()
    coordinator = coordinator_at(dienst, is_demo=True)
    benefit = SocialAssistanceFactory(organisation=dienst, coordinator=coordinator)
    claim = ClaimFactory(benefit=benefit, principal=Decimal("300.00"))
    client.force_login(coordinator)
    response = client.get(reverse("residents:household_detail", args=[benefit.household_id]))
    html = response.content.decode()
    assert f'data-claim="{claim.pk}"' in html and "Saldo € 300,00 van € 300,00." in html
    assert reverse("recovery:claim_establish", args=[benefit.household_id]) in html


def test_the_letters_come_as_pdf(world, client):
    _benefit, _admin, claim = world
    response = client.get(reverse("recovery:claim_letter", args=[claim.pk, "besluit"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")
    assert client.get(reverse("recovery:claim_letter", args=[claim.pk, "onbekend"])).status_code == 404
