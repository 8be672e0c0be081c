"""The cost-benefit ratio: (months saved x monthly benefit + earnings x earnings share) x (1 + immaterial mark-up)
/ cost; computed by hand, and its properties: never negative, inversely proportional to cost, no ratio for no cost."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from routekaart.insights import cost_benefit
from routekaart.insights.cost_benefit import Assumptions, Quantities, outcome, ratio

ASSUMPTIONS = Assumptions(
    horizon_months=24,
    monthly_benefit=Decimal("1400.00"),
    monthly_benefit_source="test",
    earnings_share=Decimal("1.0"),
    immaterial_markup=Decimal("0.10"),
    reference_social=Decimal("1.1"),
    reference_financial=Decimal("1.0"),
)


def quantities(cost: str, saved: str = "0", earnings: str = "0", participants: int = 12) -> Quantities:
    return Quantities(
        participants=participants,
        cost=Decimal(cost),
        left_benefit=0,
        benefit_months_saved=Decimal(saved),
        work_months=Decimal("0"),
        earnings=Decimal(earnings),
    )


def test_the_ratio_by_hand():
    result = outcome(quantities("20000", saved="10", earnings="13400"), ASSUMPTIONS)
    # savings: 10 months x EUR 1400 = 14000; productivity: 13400 x 1.0 = 13400
    assert (result.savings, result.productivity) == (Decimal("14000.00"), Decimal("13400.00"))
    # financial: 14000 + 13400 = 27400; / 20000 = 1.37
    assert result.financial_benefits == Decimal("27400.00")
    assert result.financial_ratio == Decimal("1.37")
    # social: 27400 x 1.10 = 30140; / 20000 = 1.507, to the cent 1.51
    assert result.social_benefits == Decimal("30140.00")
    assert result.social_ratio == Decimal("1.51")


def test_a_cost_of_nil_gives_no_ratio_rather_than_a_division_by_zero():
    result = outcome(quantities("0", saved="3", earnings="500"), ASSUMPTIONS)
    assert result.social_ratio is None and result.financial_ratio is None
    assert result.financial_benefits == Decimal("4700.00")  # 3 x 1400 + 500


def test_the_seed_reference_is_read_from_the_data_file():
    # seed 002 §3.3: 1.1 social, 1.0 financial; the mark-up reproduces 1.1 from 1.0
    assert cost_benefit.number("reference_social_ratio") == Decimal("1.1")
    assert cost_benefit.number("reference_financial_ratio") == Decimal("1.0")
    assert Decimal("1.0") * (1 + cost_benefit.number("immaterial_markup")) == Decimal("1.10")
    assert all(cost_benefit.NUMBERS.source(name) for name in cost_benefit.NUMBERS.names())


amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("10000000"), places=2)
costs = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000000"), places=2)


@given(saved=st.decimals(min_value=0, max_value=100000, places=1), earnings=amounts, cost=amounts)
def test_the_ratio_is_never_negative(saved, earnings, cost):
    result = outcome(quantities(str(cost), saved=str(saved), earnings=str(earnings)), ASSUMPTIONS)
    for value in (result.social_ratio, result.financial_ratio):
        assert value is None or value >= 0
    assert result.social_benefits >= result.financial_benefits >= 0


@given(benefits=amounts, cost=costs, factor=st.integers(min_value=2, max_value=1000))
def test_the_ratio_scales_inversely_with_cost(benefits, cost, factor):
    once, more = ratio(benefits, cost), ratio(benefits, cost * factor)
    # the same benefits for `factor` times the cost: a ratio `factor` times smaller (to the cent either way)
    assert abs(more - once / factor) <= Decimal("0.01")
    assert more <= once
    # benefits and cost both `factor` times larger: the same ratio
    assert ratio(benefits * factor, cost * factor) == once


@given(benefits=amounts)
def test_no_cost_never_divides(benefits):
    assert ratio(benefits, Decimal("0")) is None
    assert ratio(benefits, Decimal("-5")) is None
