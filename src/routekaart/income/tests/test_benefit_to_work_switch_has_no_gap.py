"""Simpel switchen: the benefit bridges to the first salary and stops then; the settlement in instalments."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routekaart.income.calculation import CalculationError, benefit_to_work_switch_plan

PLAN = {"settle_bridging_earnings": True, "instalment_max": Decimal("75.00"), "first_payslip_check_days": 5}


def test_a_hand_computed_switch():
    # Work from 16 March (31 days), first salary 25 April. Bridge: 16 March..24 April = 16/31 + 24/30 of a month.
    plan = benefit_to_work_switch_plan(
        monthly_benefit=Decimal("1407.65"),
        work_start=date(2026, 3, 16),
        first_salary_on=date(2026, 4, 25),
        net_monthly_salary=Decimal("1900.00"),
        **PLAN,
    )
    assert plan.end_date == date(2026, 4, 25)
    assert plan.bridging_benefit == Decimal("1852.65")  # 1407.65 x (16/31 + 24/30) = 726.529 + 1126.120
    assert plan.bridging_earnings == Decimal("2500.65")  # 1900 x (16/31 + 24/30)
    assert plan.settlement == Decimal("1852.65")
    assert plan.instalments == 25 and plan.instalment_amount == Decimal("74.11")
    assert [m.on for m in plan.moments] == [date(2026, 3, 16), date(2026, 4, 25), date(2026, 4, 30), date(2026, 5, 1)]


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    wait=st.integers(min_value=0, max_value=62),
    benefit=st.decimals(min_value=Decimal("0"), max_value=Decimal("2500"), places=2),
    salary=st.decimals(min_value=Decimal("1"), max_value=Decimal("5000"), places=2),
)
def test_the_benefit_runs_until_the_first_salary_and_the_settlement_never_exceeds_the_bridge(
    start, wait, benefit, salary
):
    from datetime import timedelta

    plan = benefit_to_work_switch_plan(
        monthly_benefit=benefit,
        work_start=start,
        first_salary_on=start + timedelta(days=wait),
        net_monthly_salary=salary,
        **PLAN,
    )
    assert plan.end_date >= start + timedelta(days=wait)  # no day between the last benefit and the first salary
    assert Decimal("0") <= plan.settlement <= plan.bridging_benefit
    assert plan.instalment_amount <= PLAN["instalment_max"]
    assert abs(plan.instalment_amount * plan.instalments - plan.settlement) < Decimal("0.01") * max(plan.instalments, 1)


def test_waived_when_the_practice_says_so():
    plan = benefit_to_work_switch_plan(
        monthly_benefit=Decimal("1407.65"),
        work_start=date(2026, 3, 16),
        first_salary_on=date(2026, 4, 25),
        net_monthly_salary=Decimal("1900.00"),
        settle_bridging_earnings=False,
        instalment_max=Decimal("75"),
        first_payslip_check_days=5,
    )
    assert plan.settlement == 0 and plan.instalments == 0


def test_a_salary_before_work_is_refused():
    with pytest.raises(CalculationError):
        benefit_to_work_switch_plan(
            monthly_benefit=Decimal("1"),
            work_start=date(2026, 3, 16),
            first_salary_on=date(2026, 3, 1),
            net_monthly_salary=Decimal("1"),
            **PLAN,
        )
