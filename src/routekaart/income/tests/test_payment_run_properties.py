"""Properties of the payment run, for any mix of benefits, earnings and settlements: the lines add up to the run's
total and to the file's control sum, the file has one transaction per line, every line is due minus the holiday
reserve minus the deduction, and a rerun for the same month adds nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routekaart.income import payment_calculation as calc
from routekaart.income import sepa
from routekaart.income.models import Claim, PaymentLine, PaymentRun
from routekaart.income.services import payments

from .factories import DienstFactory, IncomeReportFactory
from .factories_payments import PaidBenefitFactory, client_admin_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]
MARCH = datetime.date(2026, 3, 1)
CENTS = st.integers(min_value=0, max_value=300_000).map(lambda c: Decimal(c) / 100)
BENEFIT = st.fixed_dictionaries(
    {
        "valid_iban": st.booleans() | st.just(True),
        "earnings": st.one_of(st.just(Decimal("0")), CENTS),
        "deduction_share": st.sampled_from([None, Decimal("0.01"), Decimal("0.10"), Decimal("0.5"), Decimal("1")]),
    }
)


@given(due=st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c) / 100))
def test_the_holiday_reserve_is_part_of_what_is_due_and_the_rest_is_paid(due):
    reserve = calc.holiday_reserve(due)
    assert Decimal("0") <= reserve < due
    assert reserve == reserve.quantize(Decimal("0.01"))
    assert abs(reserve - due * Decimal("0.05")) <= Decimal("0.005")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(BENEFIT, min_size=1, max_size=5))
def test_lines_add_up_to_the_run_and_the_file_and_a_rerun_adds_nothing(specs, monkeypatch):
    with transaction.atomic():
        dienst = DienstFactory()
        preparer, approver = client_admin_at(dienst), client_admin_at(dienst)
        benefits = []
        for spec in specs:
            benefit = PaidBenefitFactory(organisation=dienst, **({} if spec["valid_iban"] else {"iban": "NL00XXXX0"}))
            if spec["earnings"]:
                IncomeReportFactory(benefit=benefit, month=MARCH, net_earnings=spec["earnings"])
            benefits.append(benefit)
        first = benefits[0]
        claim = Claim.objects.create(
            reference=f"V-P-{first.pk}",
            household=first.household,
            debtor=first.client,
            benefit=first,
            reason="other",
            explanation="eigenschapstest",
            period_from=datetime.date(2025, 1, 1),
            period_to=datetime.date(2025, 1, 31),
            principal=Decimal("10000.00"),
            established_on=datetime.date(2026, 1, 5),
            organisation=dienst,
            created_by=preparer,
        )
        shares = {b.pk: s["deduction_share"] for b, s in zip(benefits, specs, strict=True)}

        def settlements_due(*, benefit_ids, month, amounts_due):
            return {
                pk: (claim.pk, calc.money(amounts_due[pk] * shares[pk]) - (Decimal("0.01") if shares[pk] == 1 else 0))
                for pk in benefit_ids
                if shares[pk] is not None and calc.money(amounts_due[pk] * shares[pk]) > Decimal("0.01")
            }

        monkeypatch.setattr(payments, "_recovery", lambda name: settlements_due if name == "settlements_due" else None)

        run = payments.payment_run_prepare(
            actor=preparer, organisation=dienst, month=MARCH, execution_on=datetime.date(2026, 3, 25)
        )

        lines = list(run.lines.all())
        assert {line.benefit_id for line in lines} | {s["benefit"] for s in run.skipped} == {b.pk for b in benefits}
        for line in lines:
            assert line.amount == line.due - line.holiday_reserved - line.deduction
            assert line.holiday_reserved == calc.holiday_reserve(line.due)
            assert line.amount > 0
        assert sum((line.amount for line in lines), Decimal("0")) == run.total
        assert run.line_count == len(lines)

        before = PaymentLine.objects.count()
        with pytest.raises(ValidationError):
            payments.payment_run_prepare(
                actor=preparer, organisation=dienst, month=MARCH, execution_on=datetime.date(2026, 3, 25)
            )
        assert PaymentLine.objects.count() == before

        if lines:
            run = payments.payment_run_approve(actor=approver, run=run)
            assert sepa.file_totals(payments.payment_run_file(run)) == (len(lines), run.total)
        assert PaymentRun.objects.filter(organisation=dienst).count() == 1
        transaction.set_rollback(True)


@given(
    due=st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c) / 100),
    reserved=st.integers(min_value=0, max_value=500_000).map(lambda c: Decimal(c) / 100),
    off_by=st.sampled_from([Decimal("-0.01"), Decimal("0"), Decimal("0.01")]),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_database_takes_a_line_that_adds_up_to_the_cent_and_refuses_one_a_cent_off(due, reserved, off_by):
    """The check constraint is exact to the cent on SQLite too, whose decimal arithmetic is binary floating point."""
    from django.db import IntegrityError

    reserved = min(reserved, due)
    benefit = PaidBenefitFactory()
    admin = client_admin_at(benefit.organisation)
    run = PaymentRun.objects.create(
        organisation=benefit.organisation,
        month=MARCH,
        execution_on=datetime.date(2026, 3, 25),
        prepared_by=admin,
        prepared_at=timezone.now(),
        message_id=f"TEST-{benefit.pk}",
    )
    line = PaymentLine(
        run=run,
        benefit=benefit,
        household_id=benefit.household_id,
        payee_id=benefit.client_id,
        month=MARCH,
        due=due,
        holiday_reserved=reserved,
        amount=due - reserved + off_by,
        iban="NL91ABNA0417164300",
        account_holder="Test",
        end_to_end_id=f"E2E-{benefit.pk}",
    )
    if off_by:
        with pytest.raises(IntegrityError, match="payment_line_amount_adds_up"), transaction.atomic():
            PaymentLine.objects.bulk_create([line])
        assert not PaymentLine.objects.filter(benefit=benefit).exists()
    else:
        PaymentLine.objects.bulk_create([line])
        assert PaymentLine.objects.get(benefit=benefit).amount == due - reserved
