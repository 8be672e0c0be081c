"""The simulation's arithmetic on a caseload given as columns (no database): cost, reach, vanished non-take-up,
winners and losers by hand; the income limit at the edge; suppression of groups under 10; and, with Hypothesis,
that reach never falls as the limit rises and that the allowance costs allowance x reach + supplement x children."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.income.selectors_facts_simulation import HOUSEHOLD_TYPES, RegulationFact, SimulationFacts
from routekaart.insights.simulation import Parameters, result_tables, results_of, simulate
from routekaart.insights.tables import SUPPRESSED

ENERGY, IIT, SPECIAL = "energy_allowance", "individual_income_supplement", "special_assistance"
NORM = {"single": 100_000, "single_parent": 100_000, "couple": 150_000, "couple_with_children": 150_000}  # cents


def facts(rows, uses=(), missed=()) -> SimulationFacts:
    """rows: (household id, type, children, income in euro)."""
    return SimulationFacts(
        on=date(2026, 6, 30),
        household_ids=np.asarray([r[0] for r in rows], dtype=np.int64),
        household_type=np.asarray([r[1] for r in rows], dtype="<U20"),
        children=np.asarray([r[2] for r in rows], dtype=np.int64),
        income_cents=np.asarray([round(r[3] * 100) for r in rows], dtype=np.int64),
        norm_cents=np.asarray([NORM[r[1]] for r in rows], dtype=np.int64),
        regulations=[RegulationFact(ENERGY, "Energietoeslag"), RegulationFact(IIT, "Inkomenstoeslag")],
        uses=list(uses),
        non_take_up=list(missed),
        norms_from=date(2026, 1, 1),
        norms_source="Testnormen",
        check_on=date(2026, 6, 1),
    )


def parameters(threshold=120, allowance="1000", child="100", regulations=(ENERGY, IIT)) -> Parameters:
    return Parameters(
        municipality_id=1,
        regulations=tuple(regulations),
        threshold_percent=threshold,
        allowance=Decimal(allowance),
        child_supplement=Decimal(child),
        as_of=date(2026, 6, 30),
    )


# The fixed caseload (norms: single and single parent EUR 1,000, a couple EUR 1,500 a month; amounts a year from
# insights/data/simulation.yaml: energy allowance 1,300 for all; individual income supplement single 522, single
# parent 669, couple 746). Replace energy allowance and income supplement by EUR 1,000 + EUR 100 per child, up to
# 120 %:
#   1 single,                 900 =  90 % -> in;  uses energy 1,300          -> 1,000 < 1,300: loser; missed IIT
#   2 single parent, 2 kids, 1100 = 110 % -> in;  uses IIT 669               -> 1,200 > 669: winner
#   3 couple,                1800 = 120 % -> in (exactly at the limit); none -> 1,000 > 0: winner; missed energy
#   4 couple, 1 child,       2000 = 133 % -> out; uses energy 1,300 (+ special assistance, not replaced)
#                                                                            -> 0 < 1,300: loser; missed IIT
#   5 single,                1500 = 150 % -> out; none                        -> 0 = 0: unchanged
#   6 single,                1000 = 100 % -> in;  uses energy 1,300 + IIT 522 -> 1,000 < 1,822: loser
CASELOAD = [
    (1, "single", 0, 900),
    (2, "single_parent", 2, 1100),
    (3, "couple", 0, 1800),
    (4, "couple_with_children", 1, 2000),
    (5, "single", 0, 1500),
    (6, "single", 0, 1000),
]
USES = [(1, ENERGY), (2, IIT), (4, ENERGY), (4, SPECIAL), (6, ENERGY), (6, IIT)]
MISSED = [(1, IIT), (3, ENERGY), (4, IIT)]


def test_cost_reach_non_take_up_and_winners_by_hand():
    outcome = simulate(facts(CASELOAD, USES, MISSED), parameters())

    assert outcome.households == 6
    assert outcome.reached == 4  # households 1, 2, 3, 6
    assert outcome.children_reached == 2  # household 2
    assert outcome.users_now == 4  # 1, 2, 4, 6 use energy allowance or income supplement
    assert outcome.cost_now_cents == 509_100  # 1,300 + 669 + 1,300 + (1,300 + 522) = 5,091
    assert outcome.cost_allowance_cents == 420_000  # 4 x 1,000 + 2 children x 100 = 4,200
    assert outcome.non_take_up_before == 3  # 1, 3, 4
    assert outcome.non_take_up_gone == 2  # 1 and 3 are reached; 4 is above the limit
    by_type = {t.household_type: t for t in outcome.by_type}
    single = by_type["single"]
    assert (single.households, single.reached, single.winners, single.losers, single.unchanged) == (3, 2, 0, 2, 1)
    assert (by_type["single_parent"].winners, by_type["single_parent"].losers) == (1, 0)
    assert (by_type["couple"].reached, by_type["couple"].winners) == (1, 1)
    with_children = by_type["couple_with_children"]
    assert (with_children.reached, with_children.losers) == (0, 1)
    regulations = {r.code: r for r in outcome.by_regulation}
    assert (regulations[ENERGY].users, regulations[ENERGY].cost_cents) == (3, 390_000)  # 3 x 1,300
    assert (regulations[IIT].users, regulations[IIT].cost_cents) == (2, 119_100)  # 669 + 522


def test_a_household_exactly_at_the_limit_is_in_and_a_cent_above_is_out():
    # A single with EUR 1,200.00 is at 120 % of EUR 1,000; EUR 1,200.01 is just above it.
    at_limit = facts([(1, "single", 0, 1200)])
    assert simulate(at_limit, parameters(threshold=119)).reached == 0
    assert simulate(at_limit, parameters(threshold=120)).reached == 1
    assert simulate(at_limit, parameters(threshold=121)).reached == 1
    a_cent_above = facts([(1, "single", 0, 1200.01)])
    assert simulate(a_cent_above, parameters(threshold=120)).reached == 0
    assert simulate(a_cent_above, parameters(threshold=121)).reached == 1


def _singles(n: int) -> SimulationFacts:
    return facts([(i, "single", 0, 900) for i in range(1, n + 1)], uses=[(i, ENERGY) for i in range(1, n + 1)])


def test_a_group_under_ten_households_shows_no_number_nor_amount():
    # 9 singles at 90 %, each using the energy allowance: every number about them is about 9 households.
    results = results_of(simulate(_singles(9), parameters()), _singles(9))
    assert results["households"] is None and results["reached"] is None and results["users_now"] is None
    assert results["cost_now"] is None and results["cost_allowance"] is None and results["cost_difference"] is None
    single = next(row for row in results["by_type"] if row["type"] == "single")
    assert all(single[key] is None for key in ("households", "reached", "winners", "losers", "unchanged"))
    assert results["by_regulation"][0]["users"] is None and results["by_regulation"][0]["cost_now"] is None
    summary = result_tables(results)[0]
    assert summary.rows[1][1] is SUPPRESSED and summary.rows[1][2] is SUPPRESSED


def test_ten_and_eleven_households_show_their_numbers():
    for n in (10, 11):
        results = results_of(simulate(_singles(n), parameters()), _singles(n))
        assert results["reached"] == n
        assert results["cost_allowance"] == f"{n * 1000}.00"  # n x EUR 1,000, no children
        assert results["cost_now"] == f"{n * 1300}.00"  # n x EUR 1,300 energy allowance
        assert results["cost_difference"] == f"{n * -300}.00"
        single = next(row for row in results["by_type"] if row["type"] == "single")
        assert (single["households"], single["losers"], single["winners"]) == (n, n, 0)


def test_a_number_that_would_give_a_small_group_away_shows_none_either():
    # 11 singles and 9 couples: showing the 11 beside the total of 20 would show the 9.
    caseload = facts([(i, "single", 0, 900) for i in range(11)] + [(100 + i, "couple", 0, 1000) for i in range(9)])
    rows = {r["type"]: r for r in results_of(simulate(caseload, parameters()), caseload)["by_type"]}
    assert results_of(simulate(caseload, parameters()), caseload)["households"] == 20
    assert rows["single"]["households"] is None and rows["single"]["losers"] is None
    assert rows["couple"]["households"] is None
    # 11 singles, 10 single parents, 9 couples: the smallest other group (the ten) goes too; the eleven stay.
    caseload = facts(
        [(i, "single", 0, 900) for i in range(11)]
        + [(100 + i, "single_parent", 1, 2500) for i in range(10)]
        + [(200 + i, "couple", 0, 2500) for i in range(9)]
    )
    rows = {r["type"]: r for r in results_of(simulate(caseload, parameters()), caseload)["by_type"]}
    assert (rows["single"]["households"], rows["single_parent"]["households"], rows["couple"]["households"]) == (
        11,
        None,
        None,
    )


def test_within_a_type_winners_losers_and_unchanged_do_not_give_a_small_one_away():
    # 15 singles: 3 below the limit without a regulation (winners), 12 using the energy allowance (losers).
    rows = [(i, "single", 0, 900) for i in range(15)]
    caseload = facts(rows, uses=[(i, ENERGY) for i in range(3, 15)])
    single = next(r for r in results_of(simulate(caseload, parameters()), caseload)["by_type"] if r["type"] == "single")
    assert single["households"] == 15 and single["unchanged"] == 0
    assert single["winners"] is None and single["losers"] is None  # 15 - 0 - 12 would show the 3


def test_one_regulations_small_cost_hides_another_so_the_total_does_not_give_it_away():
    rows = [(i, "single", 0, 900) for i in range(25)]
    caseload = facts(rows, uses=[(i, ENERGY) for i in range(20)] + [(i, IIT) for i in range(20, 25)])
    results = results_of(simulate(caseload, parameters()), caseload)
    assert results["cost_now"] == "28610.00"  # 20 x 1,300 + 5 x 522
    assert all(r["users"] is None and r["cost_now"] is None for r in results["by_regulation"])


def test_an_empty_group_shows_zero_not_too_few():
    results = results_of(simulate(_singles(10), parameters()), _singles(10))
    couple = next(row for row in results["by_type"] if row["type"] == "couple")
    assert couple["households"] == 0 and couple["winners"] == 0


caseloads = st.lists(
    st.tuples(
        st.sampled_from(HOUSEHOLD_TYPES),
        st.integers(min_value=0, max_value=4),
        st.integers(min_value=0, max_value=400_000),  # income in cents
        st.booleans(),  # uses the energy allowance
    ),
    max_size=40,
)


def _facts_of(households) -> SimulationFacts:
    rows = [
        (i + 1, kind, 0 if kind in ("single", "couple") else kids, cents / 100)
        for i, (kind, kids, cents, _) in enumerate(households)
    ]
    uses = [(i + 1, ENERGY) for i, household in enumerate(households) if household[3]]
    return facts(rows, uses)


@settings(max_examples=60, deadline=None)
@given(caseloads, st.integers(min_value=50, max_value=199))
def test_reach_never_falls_as_the_limit_rises(households, threshold):
    caseload = _facts_of(households)
    lower = simulate(caseload, parameters(threshold=threshold)).reached
    higher = simulate(caseload, parameters(threshold=threshold + 1)).reached
    assert lower <= higher


@settings(max_examples=60, deadline=None)
@given(
    caseloads,
    st.integers(min_value=50, max_value=200),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("5000"), places=2),
)
def test_the_allowance_costs_allowance_times_reach_plus_supplement_times_children(
    households, threshold, allowance, child
):
    caseload = _facts_of(households)
    outcome = simulate(caseload, parameters(threshold=threshold, allowance=str(allowance), child=str(child)))
    expected = allowance * outcome.reached + child * outcome.children_reached
    assert Decimal(outcome.cost_allowance_cents) / 100 == expected
    assert sum(t.winners + t.losers + t.unchanged for t in outcome.by_type) == outcome.households


@settings(max_examples=80, deadline=None)
@given(caseloads, st.integers(min_value=50, max_value=200))
def test_no_shown_number_is_a_small_group_nor_gives_one_away(households, threshold):
    caseload = _facts_of(households)
    results = results_of(simulate(caseload, parameters(threshold=threshold)), caseload)
    rows = results["by_type"]
    cells = [row[key] for row in rows for key in ("households", "reached", "winners", "losers", "unchanged")]
    assert not [value for value in cells if value is not None and 0 < value < 10]
    # A shown total with exactly one hidden part gives that part away, unless it can only be 0 (no group at all).
    for key in ("households", "reached"):
        if results[key] is not None and sum(row[key] is None for row in rows) == 1:
            assert results[key] - sum(row[key] for row in rows if row[key] is not None) == 0
    for row in rows:
        parts = [row[key] for key in ("winners", "losers", "unchanged")]
        if row["households"] is not None and parts.count(None) == 1:
            assert row["households"] - sum(p for p in parts if p is not None) == 0
