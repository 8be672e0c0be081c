"""Properties of the settlement rule: a month's deduction never exceeds the balance, the arrangement's amount or
what the beslagvrije voet leaves, and month after month the balance never goes below zero."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from routekaart.income import recovery_rules

cents = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("5000.00"), places=2)
positive = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000.00"), places=2)


@given(monthly=positive, balance=cents, income=cents, norm=positive)
def test_a_deduction_never_exceeds_balance_arrangement_or_room(monthly, balance, income, norm):
    protected = recovery_rules.protected_income(norm)
    amount = recovery_rules.deduction(monthly=monthly, balance=balance, income=income, protected=protected)
    assert Decimal("0") <= amount <= monthly
    assert amount <= balance
    assert income - amount >= protected or amount == 0


@given(norm=positive)
def test_the_protected_income_is_at_least_95_percent_of_the_norm_and_within_a_cent(norm):
    protected = recovery_rules.protected_income(norm)
    assert protected >= norm * Decimal("0.95")
    assert protected - norm * Decimal("0.95") < Decimal("0.01")


@given(
    principal=positive,
    monthly=positive,
    norm=positive,
    months=st.lists(cents, min_size=1, max_size=36),
)
def test_month_after_month_the_balance_never_goes_below_zero(principal, monthly, norm, months):
    protected = recovery_rules.protected_income(norm)
    balance = principal
    for due in months:
        balance -= recovery_rules.deduction(monthly=monthly, balance=balance, income=due, protected=protected)
        assert balance >= 0
