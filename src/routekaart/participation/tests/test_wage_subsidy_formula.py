"""LKS = minimum wage for the hours (with holiday pay) - wage value, at most 70 % of it, plus the allowance.

Participatiewet art. 10d; the numbers come from data/wage_subsidy.yaml.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routekaart.participation.calculations import RulesError, cents, wage_subsidy_monthly

from .rules_from_file import shipped_rules

RULES = shipped_rules()
hours = st.decimals(min_value=Decimal("1"), max_value=Decimal("40"), places=1)
wage_values = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)
months = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


def test_the_worked_example_of_march_2026():
    """32 hours a week at 60 % wage value in March 2026: € 14,71 an hour, 8 % holiday pay, 23,5 % allowance."""
    subsidy = wage_subsidy_monthly(
        rules=RULES, on=date(2026, 3, 1), hours_per_week=Decimal("32"), wage_value_percent=Decimal("60")
    )
    assert subsidy.minimum_wage == Decimal("2202.97")  # 14.71 x 32 x 52/12 x 1.08
    assert subsidy.wage_value == Decimal("1321.78")  # 60 % of it
    assert subsidy.compensation == Decimal("881.19")  # the other 40 %
    assert subsidy.allowance_percent == Decimal("23.5")
    assert subsidy.allowance == Decimal("207.08")
    assert subsidy.amount == Decimal("1088.27")
    assert not subsidy.capped


def test_a_low_wage_value_is_compensated_up_to_seventy_percent_of_the_minimum_wage():
    subsidy = wage_subsidy_monthly(
        rules=RULES, on=date(2026, 3, 1), hours_per_week=Decimal("32"), wage_value_percent=Decimal("20")
    )
    assert subsidy.capped
    assert subsidy.compensation == Decimal("1542.08")  # 70 % of 2202.9696
    assert subsidy.amount == Decimal("1904.47")  # x 1.235


def test_each_month_uses_the_minimum_wage_and_allowance_of_that_month():
    before = wage_subsidy_monthly(
        rules=RULES, on=date(2025, 6, 1), hours_per_week=Decimal(36), wage_value_percent=Decimal(50)
    )
    after = wage_subsidy_monthly(
        rules=RULES, on=date(2025, 7, 1), hours_per_week=Decimal(36), wage_value_percent=Decimal(50)
    )
    assert RULES.hourly_wage_on(date(2025, 6, 30)) == Decimal("14.06")
    assert RULES.hourly_wage_on(date(2025, 7, 1)) == Decimal("14.40")
    assert after.amount > before.amount
    assert RULES.allowance_for(2016) == Decimal("23")
    assert RULES.allowance_for(2026) == Decimal("23.5")


def test_a_month_before_the_minimum_wage_table_is_refused():
    with pytest.raises(RulesError):
        wage_subsidy_monthly(
            rules=RULES, on=date(2023, 12, 1), hours_per_week=Decimal(36), wage_value_percent=Decimal(50)
        )


@given(on=months, hours=hours, wage_value=wage_values)
def test_the_subsidy_is_never_negative_nor_above_the_capped_compensation(on, hours, wage_value):
    subsidy = wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours, wage_value_percent=wage_value)
    allowance = 1 + RULES.allowance_for(on.year) / 100
    assert Decimal(0) <= subsidy.amount <= cents(subsidy.cap * allowance) + Decimal("0.01")
    assert subsidy.compensation <= subsidy.cap


@given(on=months, hours=hours)
def test_full_wage_value_means_no_subsidy(on, hours):
    assert wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours, wage_value_percent=Decimal(100)).amount == 0


@given(on=months, hours=hours, low=wage_values, high=wage_values)
def test_a_higher_wage_value_never_gives_more_subsidy(on, hours, low, high):
    low, high = min(low, high), max(low, high)
    a = wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours, wage_value_percent=low).amount
    b = wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours, wage_value_percent=high).amount
    assert b <= a


@given(on=months, hours=hours, wage_value=st.decimals(min_value=Decimal("30"), max_value=Decimal("100"), places=2))
def test_above_the_cap_the_subsidy_is_minimum_wage_minus_wage_value_plus_allowance(on, hours, wage_value):
    hourly = RULES.hourly_wage_on(on)
    minimum_wage = hourly * hours * Decimal(52) / Decimal(12) * Decimal("1.08")
    expected = cents(minimum_wage * (100 - wage_value) / 100 * (1 + RULES.allowance_for(on.year) / 100))
    assert (
        wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours, wage_value_percent=wage_value).amount == expected
    )


@given(on=months, hours=st.decimals(min_value=Decimal("1"), max_value=Decimal("20"), places=1), wage_value=wage_values)
def test_the_subsidy_follows_the_hours(on, hours, wage_value):
    single = wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours, wage_value_percent=wage_value).amount
    double = wage_subsidy_monthly(rules=RULES, on=on, hours_per_week=hours * 2, wage_value_percent=wage_value).amount
    assert abs(double - 2 * single) <= Decimal("0.02")
