"""LKS-MDP is reduced step by step to nil (seed 003); LKS-ZDP keeps the amount. Commitments follow the schedule."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from routekaart.participation.calculations import growth_factor, wage_subsidy_schedule

from .rules_from_file import shipped_rules

RULES = shipped_rules()
starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
lengths = st.integers(min_value=1, max_value=4 * 366)
wage_values = st.decimals(min_value=Decimal("0"), max_value=Decimal("95"), places=1)
hours = st.decimals(min_value=Decimal("8"), max_value=Decimal("40"), places=0)


def _schedules(start, days, wage_value, hours_per_week):
    end = start + timedelta(days=days - 1)
    kwargs = {
        "rules": RULES,
        "start": start,
        "end": end,
        "hours_per_week": hours_per_week,
        "wage_value_percent": wage_value,
    }
    return wage_subsidy_schedule(growth_potential=True, **kwargs), wage_subsidy_schedule(
        growth_potential=False, **kwargs
    )


def test_the_shipped_steps_reach_nil_after_two_years():
    """Every 6 months 25 % of the starting amount: 100, 75, 50, 25, then nothing from month 24."""
    factors = [
        growth_factor(rules=RULES, months_since_start=m, growth_potential=True) for m in (0, 5, 6, 12, 18, 23, 24, 40)
    ]
    assert factors == [Decimal(1), Decimal(1), Decimal("0.75"), Decimal("0.50"), Decimal("0.25"), Decimal("0.25"), 0, 0]


@given(months=st.integers(min_value=0, max_value=120))
def test_without_growth_potential_the_subsidy_is_not_reduced(months):
    assert growth_factor(rules=RULES, months_since_start=months, growth_potential=False) == 1


@given(a=st.integers(min_value=0, max_value=120), b=st.integers(min_value=0, max_value=120))
def test_with_growth_potential_the_share_only_goes_down(a, b):
    a, b = min(a, b), max(a, b)
    assert growth_factor(rules=RULES, months_since_start=b, growth_potential=True) <= growth_factor(
        rules=RULES, months_since_start=a, growth_potential=True
    )


@given(start=starts, days=lengths, wage_value=wage_values, hours_per_week=hours)
def test_mdp_never_costs_more_than_zdp_and_they_agree_in_the_first_step(start, days, wage_value, hours_per_week):
    mdp, zdp = _schedules(start, days, wage_value, hours_per_week)
    assert mdp.keys() == zdp.keys()
    for index, month in enumerate(sorted(zdp)):
        if index < RULES.step_months:
            assert mdp[month] == zdp[month]
        else:
            assert mdp[month] <= zdp[month]
    assert sum(mdp.values()) <= sum(zdp.values())


@given(start=starts, wage_value=wage_values, hours_per_week=hours)
def test_after_the_last_step_mdp_is_nil_and_zdp_goes_on(start, wage_value, hours_per_week):
    mdp, zdp = _schedules(start, 3 * 366, wage_value, hours_per_week)
    last_months = sorted(mdp)[24:]
    assert last_months and all(mdp[m] == 0 for m in last_months)
    assert all(zdp[m] > 0 for m in last_months)
