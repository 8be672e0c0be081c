"""The earnings disregard (25% of earnings for six months, capped) and the monthly surplus settlement."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from routekaart.income.calculation import (
    CalculationError,
    Housemate,
    NormSet,
    benefit_calculate,
    earnings_disregard,
    money,
    surplus_month,
)

NORMS = NormSet(
    effective_from=date(2026, 1, 1),
    couple=Decimal("2010.93"),
    single=Decimal("1407.65"),
    single_parent=Decimal("1407.65"),
    disregard_cap=Decimal("288.43"),
)
amounts = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("4000.00"), places=2)


@given(earnings=amounts, month=st.integers(min_value=1, max_value=6), age=st.integers(min_value=27, max_value=66))
def test_the_disregard_is_a_quarter_of_earnings_never_above_the_cap(earnings, month, age):
    amount, _ = earnings_disregard(earnings=earnings, month_number=month, client_age=age, norms=NORMS)
    assert amount == min(money(earnings * Decimal("0.25")), NORMS.disregard_cap)
    assert Decimal("0") <= amount <= NORMS.disregard_cap


@given(earnings=amounts, month=st.integers(min_value=7, max_value=120))
def test_no_disregard_after_six_months(earnings, month):
    amount, _ = earnings_disregard(earnings=earnings, month_number=month, client_age=40, norms=NORMS)
    assert amount == 0


@given(earnings=amounts, age=st.integers(min_value=21, max_value=26))
def test_no_disregard_under_27(earnings, age):
    assert earnings_disregard(earnings=earnings, month_number=1, client_age=age, norms=NORMS)[0] == 0


@pytest.mark.parametrize(
    ("earnings", "month", "disregard", "benefit"),
    [
        ("400.00", 1, "100.00", "1107.65"),  # 1407.65 - (400 - 100)
        ("2000.00", 2, "288.43", "0.00"),  # 25% is 500, capped; 2000 - 288.43 > norm
        ("1000.00", 6, "250.00", "657.65"),
        ("1000.00", 7, "0.00", "407.65"),  # the six months are over
    ],
)
def test_hand_computed_benefits(earnings, month, disregard, benefit):
    result = benefit_calculate(
        on=date(2026, 2, 1),
        norms=NORMS,
        kind="single",
        client_birth_date=date(1980, 1, 1),
        housemates=[Housemate("Client", 46, is_beneficiary=True)],
        earnings=Decimal(earnings),
        disregard_month=month,
    )
    assert result.disregard == Decimal(disregard)
    assert result.benefit == Decimal(benefit)
    assert [line.label for line in result.lines][-1] == "Uitkering deze maand"


@given(
    norm=st.decimals(min_value=Decimal("500"), max_value=Decimal("2500"), places=2),
    earnings=amounts,
    advance=amounts,
    month=st.integers(min_value=1, max_value=9),
)
def test_the_surplus_settlement_keeps_income_at_norm_plus_disregard(norm, earnings, advance, month):
    disregard, _ = earnings_disregard(earnings=earnings, month_number=month, client_age=40, norms=NORMS)
    result = surplus_month(norm=norm, earnings=earnings, disregard=disregard, advance=advance)
    assert result.settlement == result.due - advance
    assert result.due >= 0
    if earnings - disregard <= norm:
        assert result.income == norm + disregard  # stable, whatever the hours worked
    else:
        assert result.due == 0 and result.income == earnings


def test_a_hand_computed_surplus_month():
    # Norm 1407.65; January earnings 600 gave an advance for February of 1407.65 - (600 - 150) = 957.65.
    # February earnings turn out 800: due 1407.65 - (800 - 200) = 807.65, so 150.00 is deducted next month.
    result = surplus_month(
        norm=Decimal("1407.65"), earnings=Decimal("800.00"), disregard=Decimal("200.00"), advance=Decimal("957.65")
    )
    assert result.due == Decimal("807.65")
    assert result.settlement == Decimal("-150.00")
    assert result.income == Decimal("1607.65")


@given(earnings=amounts, disregard=amounts)
def test_a_disregard_above_the_earnings_is_refused(earnings, disregard):
    assume(disregard > earnings)
    with pytest.raises(CalculationError):
        surplus_month(norm=Decimal("1000"), earnings=earnings, disregard=disregard, advance=Decimal("0"))
