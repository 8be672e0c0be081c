"""Recovery: a claim is established with its movement, paid off within the beslagvrije voet, and its balance is the
principal minus what came in; refusals say why in Dutch and change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.audit.models import Event
from routekaart.income import services
from routekaart.income.models import (
    ArrangementKind,
    Claim,
    ClaimArrangement,
    ClaimMovement,
    ClaimStatus,
    MovementKind,
    PaymentLine,
    PaymentRun,
)
from routekaart.income.services import recovery
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.residents.tests.factories import ResidentFactory

from .factories import SocialAssistanceFactory
from .factories_recovery import ClaimArrangementFactory, ClaimFactory, client_admin_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]

NORM = Decimal("1407.65")  # single, 1 January 2026
PROTECTED = Decimal("1337.27")  # 95 % of the norm, rounded up: 1337.2675
ROOM = NORM - PROTECTED  # 70.38


def _benefit():
    return SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1980, 1, 1)))


def _establish(benefit, actor, **overrides):
    values = {
        "actor": actor,
        "household_id": benefit.household_id,
        "debtor_id": benefit.client_id,
        "benefit_id": benefit.pk,
        "kind": "recovery",
        "reason": "income_report",
        "explanation": "Inkomsten van oktober tot en met december niet gemeld.",
        "period_from": date(2025, 10, 1),
        "period_to": date(2025, 12, 31),
        "principal": Decimal("1200.00"),
        "established_on": date(2026, 2, 20),
    }
    values.update(overrides)
    return recovery.claim_establish(**values)


def _snapshot():
    return (
        Claim.objects.count(),
        ClaimMovement.objects.count(),
        ClaimArrangement.objects.count(),
        Event.objects.count(),
    )


def test_establishing_a_claim_records_its_movement_event_and_balance():
    benefit = _benefit()
    admin = client_admin_at(benefit.organisation)
    claim = _establish(benefit, admin)
    assert claim.reference == f"VO-2026-{claim.pk:06d}"
    assert claim.status == ClaimStatus.OPEN
    movement = ClaimMovement.objects.get(claim=claim)
    assert (movement.kind, movement.amount, movement.on) == (
        MovementKind.ESTABLISHED,
        Decimal("1200.00"),
        date(2026, 2, 20),
    )
    assert recovery.claim_balance(claim) == Decimal("1200.00")
    event = Event.objects.get(action="claim.established")
    assert "explanation" not in event.after and "Inkomsten" not in str(event.after)
    assert event.after["principal"] == "1200.00"


def test_the_coordinator_of_the_household_may_establish_a_claim():
    benefit = _benefit()
    claim = _establish(benefit, benefit.coordinator)
    assert claim.organisation_id == benefit.organisation_id


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"principal": Decimal("0")}, "principal", "Vul een bedrag in dat groter is dan 0."),
        ({"period_to": date(2025, 9, 30)}, "period_to", "De periode eindigt vóór zij begint."),
        ({"established_on": date(2026, 3, 3)}, "established_on", "Vul een datum in die niet na vandaag ligt"),
        ({"explanation": "  "}, "explanation", "Leg uit waarom er te veel is betaald"),
        ({"reason": "whim"}, "reason", "Kies de reden van de vordering."),
    ],
)
def test_a_bad_claim_is_refused_beside_its_field_and_nothing_changes(overrides, field, message):
    benefit = _benefit()
    admin = client_admin_at(benefit.organisation)
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        _establish(benefit, admin, **overrides)
    assert message in refused.value.message_dict[field][0]
    assert _snapshot() == before


def test_a_debtor_outside_the_household_is_refused():
    benefit = _benefit()
    admin = client_admin_at(benefit.organisation)
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        _establish(benefit, admin, debtor_id=ResidentFactory().pk)
    assert refused.value.message_dict["debtor"] == ["De debiteur hoorde in de periode niet bij dit huishouden."]
    assert _snapshot() == before


def test_a_job_coach_or_an_uninvolved_admin_may_not_establish_a_claim():
    benefit = _benefit()
    coach = UserFactory()
    AffiliationFactory(user=coach, organisation=benefit.organisation, role=Role.JOB_COACH)
    stranger = client_admin_at(SocialAssistanceFactory().organisation)
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        _establish(benefit, coach)
    assert refused.value.message_dict["household"] == [
        "Alleen klantbeheer of de regisseur van het huishouden legt vorderingen vast."
    ]
    with pytest.raises(ValidationError) as refused:
        _establish(benefit, stranger)
    assert refused.value.message_dict["household"] == ["U bent niet betrokken bij dit huishouden."]
    assert _snapshot() == before


# --- The beslagvrije voet ------------------------------------------------------------------------------------


def test_the_protected_income_is_95_percent_of_the_norm_rounded_up():
    claim = ClaimFactory(benefit=_benefit())
    protected, room, problem = recovery.arrangement_limit(claim=claim, starts_on=date(2026, 3, 1))
    assert (protected, room, problem) == (PROTECTED, ROOM, "")


@pytest.mark.parametrize(
    ("amount", "allowed"),
    [(ROOM - Decimal("0.01"), True), (ROOM, True), (ROOM + Decimal("0.01"), False)],
)
def test_a_settlement_may_take_at_most_what_the_protected_income_leaves(amount, allowed):
    claim = ClaimFactory(benefit=_benefit())
    admin = claim.created_by
    if allowed:
        arrangement = recovery.arrangement_agree(
            actor=admin,
            claim=claim,
            kind="settlement",
            monthly_amount=amount,
            starts_on=date(2026, 3, 15),
            agreed_on=date(2026, 3, 2),
        )
        assert arrangement.protected_income == PROTECTED
        assert arrangement.starts_on == date(2026, 3, 1)
        assert Event.objects.filter(action="claim_arrangement.agreed").count() == 1
        return
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        recovery.arrangement_agree(
            actor=admin,
            claim=claim,
            kind="settlement",
            monthly_amount=amount,
            starts_on=date(2026, 3, 1),
            agreed_on=date(2026, 3, 2),
        )
    assert refused.value.message_dict["monthly_amount"] == [
        "Dit laat de inwoner minder dan de beslagvrije voet van € 1.337,27; ten hoogste € 70,38 per maand."
    ]
    assert _snapshot() == before


def test_a_second_running_arrangement_is_refused():
    arrangement = ClaimArrangementFactory(claim=ClaimFactory(benefit=_benefit()))
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        recovery.arrangement_agree(
            actor=arrangement.recorded_by,
            claim=arrangement.claim,
            kind="payment_plan",
            monthly_amount=Decimal("20"),
            starts_on=date(2026, 4, 1),
            agreed_on=date(2026, 3, 2),
        )
    assert refused.value.message_dict["claim"] == ["Deze vordering heeft al een lopende afspraak. Beëindig die eerst."]
    assert _snapshot() == before
    recovery.arrangement_end(actor=arrangement.recorded_by, arrangement=arrangement, ends_on=date(2026, 4, 1))
    plan = recovery.arrangement_agree(
        actor=arrangement.recorded_by,
        claim=arrangement.claim,
        kind="payment_plan",
        monthly_amount=Decimal("20"),
        starts_on=date(2026, 4, 1),
        agreed_on=date(2026, 3, 2),
    )
    assert plan.kind == ArrangementKind.PAYMENT_PLAN


# --- Balance, payments, write-off, correction -----------------------------------------------------------------


def test_the_balance_is_the_principal_minus_what_came_in_and_a_claim_paid_off_is_paid():
    claim = ClaimFactory(benefit=_benefit(), principal=Decimal("300.00"))
    admin = claim.created_by
    recovery.payment_record(actor=admin, claim=claim, amount=Decimal("100.00"), received_on=date(2026, 2, 1))
    recovery.claim_correct(
        actor=admin, claim=claim, amount=Decimal("-50.00"), corrected_on=date(2026, 2, 2), note="Herberekend."
    )
    assert recovery.claim_balance(claim) == Decimal("150.00")
    recovery.payment_record(actor=admin, claim=claim, amount=Decimal("150.00"), received_on=date(2026, 3, 1))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert recovery.claim_balance(claim) == Decimal("0.00")


@pytest.mark.parametrize(("amount", "allowed"), [("299.99", True), ("300.00", True), ("300.01", False)])
def test_a_payment_may_not_exceed_the_balance(amount, allowed):
    claim = ClaimFactory(benefit=_benefit(), principal=Decimal("300.00"))
    if allowed:
        recovery.payment_record(
            actor=claim.created_by, claim=claim, amount=Decimal(amount), received_on=date(2026, 3, 1)
        )
        assert recovery.claim_balance(claim) == Decimal("300.00") - Decimal(amount)
        return
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        recovery.payment_record(
            actor=claim.created_by, claim=claim, amount=Decimal(amount), received_on=date(2026, 3, 1)
        )
    assert refused.value.message_dict["amount"] == ["Het bedrag is hoger dan het saldo van € 300,00."]
    assert _snapshot() == before


def test_a_correction_may_not_bring_the_balance_below_zero():
    claim = ClaimFactory(benefit=_benefit(), principal=Decimal("300.00"))
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        recovery.claim_correct(
            actor=claim.created_by, claim=claim, amount=Decimal("-300.01"), corrected_on=date(2026, 3, 1), note="x"
        )
    assert refused.value.message_dict["amount"] == ["Het saldo kan niet onder 0 komen; het is nu € 300,00."]
    assert _snapshot() == before


def test_writing_off_puts_the_balance_out_of_collection_with_its_reason():
    arrangement = ClaimArrangementFactory(claim=ClaimFactory(benefit=_benefit(), principal=Decimal("800.00")))
    claim = arrangement.claim
    recovery.payment_record(actor=claim.created_by, claim=claim, amount=Decimal("100.00"), received_on=date(2026, 2, 1))
    recovery.claim_write_off(actor=claim.created_by, claim=claim, reason="Schuldsanering (Wsnp) toegelaten.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.WRITTEN_OFF
    write_off = ClaimMovement.objects.get(claim=claim, kind=MovementKind.WRITE_OFF)
    assert write_off.amount == Decimal("-700.00") and write_off.note.startswith("Schuldsanering")
    assert recovery.claim_balance(claim) == 0
    arrangement.refresh_from_db()
    assert arrangement.ends_on == date(2026, 3, 2)
    event = Event.objects.get(action="claim.written_off")
    assert "Wsnp" not in str(event.after)


def test_a_write_off_without_reason_or_of_a_closed_claim_is_refused():
    claim = ClaimFactory(benefit=_benefit())
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        recovery.claim_write_off(actor=claim.created_by, claim=claim, reason="")
    assert refused.value.message_dict["reason"] == ["Schrijf waarom de vordering buiten invordering wordt gesteld."]
    assert _snapshot() == before
    recovery.claim_write_off(actor=claim.created_by, claim=claim, reason="Oninbaar.")
    with pytest.raises(ValidationError) as refused:
        recovery.payment_record(actor=claim.created_by, claim=claim, amount=Decimal("1"), received_on=date(2026, 3, 1))
    assert "Buiten invordering gesteld" in refused.value.message_dict["amount"][0]


# --- Income report ---------------------------------------------------------------------------------------------


def test_a_claim_after_a_late_income_report_proposes_the_overpaid_amount():
    benefit = _benefit()
    admin = client_admin_at(benefit.organisation)
    services.income_report_submit(
        actor=benefit.coordinator, benefit=benefit, month=date(2026, 1, 1), net_earnings=Decimal("600.00")
    )
    proposal = recovery.overpayment_from_income_reports(
        benefit=benefit, month_from=date(2026, 1, 1), month_to=date(2026, 2, 1)
    )
    # January: paid the norm, due 1407.65 - (600 - 150 disregard) = 957.65; February: nothing reported.
    assert [m.overpaid for m in proposal.months] == [Decimal("450.00"), Decimal("0.00")]
    claim = recovery.claim_from_income_report(
        actor=admin,
        benefit=benefit,
        month_from=date(2026, 1, 1),
        month_to=date(2026, 1, 1),
        explanation="Inkomsten januari te laat gemeld.",
        established_on=date(2026, 3, 2),
    )
    assert claim.principal == Decimal("450.00")
    assert (claim.reason, claim.period_from, claim.period_to) == ("income_report", date(2026, 1, 1), date(2026, 1, 31))


# --- The payment run -------------------------------------------------------------------------------------------


def _run(organisation, user):
    return PaymentRun.objects.create(
        organisation=organisation,
        month=date(2026, 3, 1),
        execution_on=date(2026, 3, 25),
        prepared_by=user,
        prepared_at=timezone.now(),
        message_id=f"RUN-{organisation.pk}",
    )


def _line(run, benefit, claim, deduction, n):
    return PaymentLine.objects.create(
        run=run,
        benefit=benefit,
        household=benefit.household,
        payee=benefit.client,
        month=run.month,
        due=NORM,
        holiday_reserved=Decimal("0"),
        deduction=deduction,
        claim=claim,
        amount=NORM - deduction,
        iban="NL91ABNA0417164300",
        account_holder="X",
        end_to_end_id=f"E2E-{n}",
    )


def test_settlements_due_takes_the_least_of_arrangement_balance_and_room_oldest_claim_first():
    benefit = _benefit()
    older = ClaimFactory(benefit=benefit, principal=Decimal("30.00"), established_on=date(2026, 1, 1))
    newer = ClaimFactory(benefit=benefit, principal=Decimal("900.00"), established_on=date(2026, 2, 1))
    ClaimArrangementFactory(claim=older, monthly_amount=Decimal("60.00"))
    ClaimArrangementFactory(claim=newer, monthly_amount=Decimal("60.00"))
    due = recovery.settlements_due(benefit_ids=[benefit.pk], month=date(2026, 3, 1), amounts_due={benefit.pk: NORM})
    assert due == {benefit.pk: (older.pk, Decimal("30.00"))}
    less = recovery.settlements_due(
        benefit_ids=[benefit.pk], month=date(2026, 3, 1), amounts_due={benefit.pk: PROTECTED + Decimal("10.00")}
    )
    assert less == {benefit.pk: (older.pk, Decimal("10.00"))}
    none = recovery.settlements_due(
        benefit_ids=[benefit.pk], month=date(2026, 3, 1), amounts_due={benefit.pk: PROTECTED}
    )
    assert none == {}
    assert (
        recovery.settlements_due(benefit_ids=[benefit.pk], month=date(2026, 1, 1), amounts_due={benefit.pk: NORM}) == {}
    )


def test_settlements_due_is_one_query_for_any_number_of_benefits(django_assert_num_queries):
    arrangements = [ClaimArrangementFactory(claim=ClaimFactory(benefit=_benefit())) for _ in range(4)]
    ids = [a.claim.benefit_id for a in arrangements]
    with django_assert_num_queries(1):
        due = recovery.settlements_due(benefit_ids=ids, month=date(2026, 3, 1), amounts_due=dict.fromkeys(ids, NORM))
    assert len(due) == 4 and all(amount == Decimal("50.00") for _, amount in due.values())


def test_settlements_are_booked_once_and_a_claim_settled_in_full_is_paid():
    first = ClaimArrangementFactory(claim=ClaimFactory(benefit=_benefit(), principal=Decimal("50.00"))).claim
    second = ClaimArrangementFactory(claim=ClaimFactory(benefit=_benefit(), principal=Decimal("500.00"))).claim
    approver = first.created_by
    run = _run(first.organisation, approver)
    lines = [
        _line(run, first.benefit, first, Decimal("50.00"), 1),
        _line(run, second.benefit, second, Decimal("50.00"), 2),
    ]
    recovery.settlements_book(actor=approver, lines=lines)
    recovery.settlements_book(actor=approver, lines=lines)
    assert ClaimMovement.objects.filter(kind=MovementKind.DEDUCTION).count() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ClaimStatus.PAID, ClaimStatus.OPEN)
    assert recovery.claim_balance(second) == Decimal("450.00")
    assert Event.objects.filter(action="claim.settlements_booked").count() == 1


def test_booking_many_settlements_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    claims = [ClaimArrangementFactory(claim=ClaimFactory(benefit=_benefit())).claim for _ in range(5)]
    run = _run(claims[0].organisation, claims[0].created_by)
    lines = [_line(run, c.benefit, c, Decimal("50.00"), n) for n, c in enumerate(claims)]
    actor = UserFactory()
    with django_assert_max_num_queries(14):
        recovery.settlements_book(actor=actor, lines=lines)
    assert ClaimMovement.objects.filter(kind=MovementKind.DEDUCTION).count() == 5
