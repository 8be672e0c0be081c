"""The monthly payment run: lines from the benefit calculation, skips, the holiday allowance held back and paid in
May, settlement against a claim, four eyes, cancel."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from routekaart.audit.models import Event
from routekaart.income import payment_calculation as calc
from routekaart.income import selectors
from routekaart.income.models import PaymentLine, PaymentRun, PaymentRunStatus
from routekaart.income.services import payments
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from .factories import DienstFactory, IncomeReportFactory
from .factories_payments import PaidBenefitFactory, client_admin_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]
MARCH = datetime.date(2026, 3, 1)
EXECUTION = datetime.date(2026, 3, 25)


@pytest.fixture
def dienst():
    return DienstFactory()


@pytest.fixture
def preparer(dienst):
    return client_admin_at(dienst)


@pytest.fixture
def approver(dienst):
    return client_admin_at(dienst)


def _prepare(user, dienst, month=MARCH, **kwargs):
    return payments.payment_run_prepare(actor=user, organisation=dienst, month=month, execution_on=EXECUTION, **kwargs)


def test_each_running_benefit_gets_one_line_with_the_calculated_benefit(dienst, preparer):
    single = PaidBenefitFactory(organisation=dienst)
    with_earnings = PaidBenefitFactory(organisation=dienst)
    IncomeReportFactory(benefit=with_earnings, month=MARCH, net_earnings=Decimal("400.00"))
    ended = PaidBenefitFactory(organisation=dienst, started_on=datetime.date(2022, 1, 1), ended_on=MARCH)
    PaidBenefitFactory()  # another Dienst's

    run = _prepare(preparer, dienst)

    lines = {line.benefit_id: line for line in run.lines.all()}
    assert set(lines) == {single.pk, with_earnings.pk}
    assert ended.pk not in lines
    for benefit in (single, with_earnings):
        expected = selectors.benefit_calculation_get(benefit=benefit, month=MARCH).benefit
        assert lines[benefit.pk].due == expected
    assert lines[with_earnings.pk].due < lines[single.pk].due
    assert run.line_count == 2 and run.total == sum(line.amount for line in lines.values())
    assert run.status == PaymentRunStatus.PREPARED


def test_a_benefit_that_starts_within_the_month_is_paid_for_its_days(dienst, preparer):
    benefit = PaidBenefitFactory(organisation=dienst, started_on=datetime.date(2026, 3, 17))  # 15 of 31 days
    full = selectors.benefit_calculation_get(benefit=benefit, month=datetime.date(2026, 4, 1)).benefit

    line = _prepare(preparer, dienst).lines.get()

    assert line.due == calc.money(full * 15 / Decimal(31))


def test_the_holiday_allowance_is_held_back_each_month_and_the_rest_paid(dienst, preparer):
    PaidBenefitFactory(organisation=dienst)

    line = _prepare(preparer, dienst).lines.get()

    assert line.holiday_reserved == calc.money(line.due * Decimal("0.05"))
    assert line.amount == line.due - line.holiday_reserved - line.deduction


def test_benefits_without_a_valid_iban_are_skipped_with_a_reason_and_no_personal_data(dienst, preparer):
    missing = PaidBenefitFactory(organisation=dienst, iban="")
    wrong = PaidBenefitFactory(organisation=dienst, iban="NL02ABNA0123456780")  # one digit off
    no_holder = PaidBenefitFactory(organisation=dienst, account_holder="")
    paid = PaidBenefitFactory(organisation=dienst)

    run = _prepare(preparer, dienst)

    assert list(run.lines.values_list("benefit_id", flat=True)) == [paid.pk]
    assert run.skipped == sorted(
        [
            {"benefit": missing.pk, "reason": "no_iban"},
            {"benefit": wrong.pk, "reason": "invalid_iban"},
            {"benefit": no_holder.pk, "reason": "no_account_holder"},
        ],
        key=lambda s: s["benefit"],
    )


def test_a_client_without_a_calculable_benefit_is_skipped(dienst, preparer):
    young = ResidentFactory(birth_date=datetime.date(2008, 1, 1))  # 18: the youth norms of art. 20
    benefit = PaidBenefitFactory(organisation=dienst, client=young)

    run = _prepare(preparer, dienst)

    assert run.skipped == [{"benefit": benefit.pk, "reason": "not_calculable"}]


def test_the_settlement_recovery_gives_is_deducted(dienst, preparer, monkeypatch):
    from routekaart.income.models import Claim

    benefit = PaidBenefitFactory(organisation=dienst)
    claim = Claim.objects.create(
        reference="V-TEST-1",
        household=benefit.household,
        debtor=benefit.client,
        benefit=benefit,
        reason="income_report",
        explanation="test",
        period_from=datetime.date(2025, 1, 1),
        period_to=datetime.date(2025, 2, 28),
        principal=Decimal("500.00"),
        established_on=datetime.date(2026, 1, 10),
        organisation=dienst,
        created_by=preparer,
    )
    asked = {}

    def settlements_due(*, benefit_ids, month, amounts_due):
        asked.update(benefit_ids=list(benefit_ids), month=month, amounts_due=amounts_due)
        return {benefit.pk: (claim.pk, Decimal("50.00"))}

    monkeypatch.setattr(payments, "_recovery", lambda name: settlements_due if name == "settlements_due" else None)

    line = _prepare(preparer, dienst).lines.get()

    assert asked["benefit_ids"] == [benefit.pk] and asked["month"] == MARCH
    assert asked["amounts_due"][benefit.pk] == line.due - line.holiday_reserved
    assert (line.claim_id, line.deduction) == (claim.pk, Decimal("50.00"))
    assert line.amount == line.due - line.holiday_reserved - Decimal("50.00")


def test_a_second_run_for_the_same_month_is_refused_and_adds_nothing(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    first = _prepare(preparer, dienst)
    payments.payment_run_approve(actor=approver, run=first)

    with pytest.raises(ValidationError) as refused:
        _prepare(preparer, dienst)

    assert refused.value.message_dict["month"] == ["Voor deze maand is al een betaalrun klaargezet of gefiatteerd."]
    assert PaymentRun.objects.count() == 1 and PaymentLine.objects.count() == 1


def test_the_one_who_prepared_may_not_approve(dienst, preparer):
    PaidBenefitFactory(organisation=dienst)
    run = _prepare(preparer, dienst)
    events = Event.objects.count()

    with pytest.raises(ValidationError) as refused:
        payments.payment_run_approve(actor=preparer, run=run)

    assert refused.value.message_dict["status"] == [
        "Fiattering door een tweede medewerker: niet door wie de run klaarzette."
    ]
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.PREPARED and run.approved_by_id is None and run.file_sha256 == ""
    assert Event.objects.count() == events


def test_only_klantbeheer_of_the_dienst_prepares(dienst):
    PaidBenefitFactory(organisation=dienst)
    outsider = client_admin_at(DienstFactory())

    with pytest.raises(ValidationError) as refused:
        _prepare(outsider, dienst)

    assert refused.value.message_dict["organisation"] == ["Alleen klantbeheer van deze Dienst zet een betaalrun klaar."]
    assert not PaymentRun.objects.exists()


def test_approval_keeps_the_files_hash_and_the_file_can_be_rebuilt(dienst, preparer, approver):
    PaidBenefitFactory.create_batch(3, organisation=dienst)
    run = payments.payment_run_approve(actor=approver, run=_prepare(preparer, dienst))

    assert run.status == PaymentRunStatus.APPROVED and run.approved_by == approver
    content = payments.payment_run_file(run)
    assert payments.sepa.sha256(content) == run.file_sha256
    assert payments.sepa.file_totals(content) == (3, run.total)
    assert Event.objects.filter(action="payment_run.approved").count() == 1


def test_a_changed_line_makes_the_file_refused(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    run = payments.payment_run_approve(actor=approver, run=_prepare(preparer, dienst))
    PaymentLine.objects.filter(run=run).update(iban="NL02ABNA0123456789")

    with pytest.raises(ValidationError) as refused:
        payments.payment_run_file(run)

    assert refused.value.message_dict["status"] == ["Het betaalbestand wijkt af van het gefiatteerde bestand."]


def test_cancel_deletes_the_lines_and_frees_the_month(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    run = payments.payment_run_cancel(actor=preparer, run=_prepare(preparer, dienst))

    assert run.status == PaymentRunStatus.CANCELLED and run.cancelled_at is not None
    assert not PaymentLine.objects.exists()
    again = _prepare(preparer, dienst)
    assert again.line_count == 1


def test_an_approved_run_cannot_be_cancelled(dienst, preparer, approver):
    PaidBenefitFactory(organisation=dienst)
    run = payments.payment_run_approve(actor=approver, run=_prepare(preparer, dienst))

    with pytest.raises(ValidationError) as refused:
        payments.payment_run_cancel(actor=preparer, run=run)

    assert refused.value.message_dict["status"] == [
        "Alleen een betaalrun die nog niet is gefiatteerd kan worden geannuleerd."
    ]
    assert PaymentLine.objects.filter(run=run).count() == 1


@pytest.mark.parametrize(("month", "allowed"), [(4, False), (5, True), (6, False)])
def test_the_holiday_allowance_run_is_in_may_only(dienst, preparer, month, allowed):
    day = datetime.date(2026, month, 1)
    if allowed:
        run = payments.payment_run_prepare(
            actor=preparer, organisation=dienst, month=day, kind="holiday_allowance", execution_on=EXECUTION
        )
        assert run.kind == "holiday_allowance"
        return
    with pytest.raises(ValidationError) as refused:
        payments.payment_run_prepare(
            actor=preparer, organisation=dienst, month=day, kind="holiday_allowance", execution_on=EXECUTION
        )
    assert refused.value.message_dict["month"] == ["De vakantietoeslag wordt jaarlijks betaald in maand 5."]
    assert not PaymentRun.objects.exists()


def test_the_holiday_allowance_pays_what_was_reserved_since_the_last_one_also_for_an_ended_benefit(
    dienst, preparer, approver
):
    running = PaidBenefitFactory(organisation=dienst)
    ended = PaidBenefitFactory(
        organisation=dienst, started_on=datetime.date(2022, 1, 1), ended_on=datetime.date(2026, 4, 1)
    )
    reserved = {running.pk: Decimal("0"), ended.pk: Decimal("0")}
    for month in (MARCH, datetime.date(2026, 4, 1)):
        run = _prepare(preparer, dienst, month=month)
        for line in run.lines.all():
            reserved[line.benefit_id] += line.holiday_reserved
        payments.payment_run_approve(actor=approver, run=run)
    unapproved = _prepare(preparer, dienst, month=datetime.date(2026, 5, 1))  # not approved: not counted

    may = payments.payment_run_prepare(
        actor=preparer,
        organisation=dienst,
        month=datetime.date(2026, 5, 1),
        kind="holiday_allowance",
        execution_on=EXECUTION,
    )

    paid = {line.benefit_id: line for line in may.lines.all()}
    assert {pk: line.due for pk, line in paid.items()} == reserved
    assert all(line.amount == line.due and line.holiday_reserved == 0 for line in paid.values())
    assert unapproved.line_count == 1
    payments.payment_run_approve(actor=approver, run=may)
    # A year later only what was reserved after this May counts.
    june = _prepare(preparer, dienst, month=datetime.date(2026, 6, 1))
    payments.payment_run_approve(actor=approver, run=june)
    next_may = payments.payment_run_prepare(
        actor=preparer,
        organisation=dienst,
        month=datetime.date(2027, 5, 1),
        kind="holiday_allowance",
        execution_on=EXECUTION,
    )
    assert {line.benefit_id: line.due for line in next_may.lines.all()} == {
        running.pk: june.lines.get().holiday_reserved
    }


def test_the_events_hold_counts_and_totals_but_no_names_or_accounts(dienst, preparer, approver):
    benefit = PaidBenefitFactory(organisation=dienst)
    run = payments.payment_run_approve(actor=approver, run=_prepare(preparer, dienst))

    for event in Event.objects.filter(action__startswith="payment_run."):
        text = str(event.after)
        assert benefit.iban not in text and benefit.account_holder not in text and benefit.client.bsn not in text
        assert event.after["lines"] == 1 and event.after["total"] == str(run.total)


def test_a_member_who_joined_makes_the_calculation_follow_the_page(dienst, preparer):
    benefit = PaidBenefitFactory(organisation=dienst)
    MembershipFactory(household=benefit.household, role="other", valid_from=datetime.date(2025, 1, 1))

    line = _prepare(preparer, dienst).lines.get()

    assert line.due == selectors.benefit_calculation_get(benefit=benefit, month=MARCH).benefit


def test_the_demo_gives_accounts_approves_last_month_and_prepares_this_month_once():
    from routekaart.income.demo_payments import demo_payments_ensure

    dienst = DienstFactory(code="dienst-weidebeek")
    client_admin_at(dienst, username="handhaving")
    client_admin_at(dienst, username="administratie")
    PaidBenefitFactory.create_batch(3, organisation=dienst, iban="", account_holder="")

    first = demo_payments_ensure()
    second = demo_payments_ensure()

    runs = {run.month: run for run in PaymentRun.objects.all()}
    assert runs[datetime.date(2026, 2, 1)].status == PaymentRunStatus.APPROVED
    assert runs[MARCH].status == PaymentRunStatus.PREPARED and runs[MARCH].prepared_by.username == "handhaving"
    assert payments.payment_run_file(runs[datetime.date(2026, 2, 1)])  # the hash still proves the file
    assert first["payment_runs"] == 2 and second["payment_runs"] == 0 and second["accounts"] == 0


def test_the_run_computes_what_the_page_computes_for_couples_parents_cost_sharers_and_earnings(dienst, preparer):
    from .factories import CostSharerExclusionFactory

    since = datetime.date(2015, 1, 1)
    couple = PaidBenefitFactory(organisation=dienst)
    MembershipFactory(household=couple.household, role="partner", valid_from=since)
    parent = PaidBenefitFactory(organisation=dienst)
    MembershipFactory(
        household=parent.household,
        role="child",
        valid_from=since,
        resident=ResidentFactory(birth_date=datetime.date(2015, 5, 1)),
    )
    sharing = PaidBenefitFactory(organisation=dienst)
    MembershipFactory(household=sharing.household, role="other", valid_from=since)  # an adult of 40: a cost sharer
    student = ResidentFactory(birth_date=datetime.date(1995, 1, 1))
    MembershipFactory(household=sharing.household, resident=student, role="other", valid_from=since)
    CostSharerExclusionFactory(household=sharing.household, resident=student)
    young_housemate = PaidBenefitFactory(organisation=dienst)
    MembershipFactory(
        household=young_housemate.household,
        role="other",
        valid_from=since,
        resident=ResidentFactory(birth_date=datetime.date(2001, 1, 1)),  # 25: not a cost sharer (27)
    )
    earning = PaidBenefitFactory(organisation=dienst, earnings_disregard_from=datetime.date(2026, 1, 1))
    IncomeReportFactory(benefit=earning, month=MARCH, net_earnings=Decimal("812.40"), other_income=Decimal("35.00"))

    lines = {line.benefit_id: line.due for line in _prepare(preparer, dienst).lines.all()}

    for benefit in (couple, parent, sharing, young_housemate, earning):
        assert lines[benefit.pk] == selectors.benefit_calculation_get(benefit=benefit, month=MARCH).benefit, benefit
