"""The simulation on a caseload in the database, read through income's and residents' fact selectors: household
type and children from the composition, the latest situation up to the year, granted use valid in the year, the
non-take-up of the latest check on or before the date, the municipality of the head's address. The same fixed
caseload as test_simulation_calculation, so the same hand-computed figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from routekaart.income.models import UseStatus
from routekaart.income.selectors_facts_simulation import simulation_facts
from routekaart.income.tests.factories import HouseholdSituationFactory, RegulationUseFactory
from routekaart.insights.simulation import Parameters, run

from .factories_simulation import (
    AS_OF,
    EntitlementCheckRunFactory,
    NormVersionFactory,
    district_in_new_municipality,
    household,
    regulations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload():
    NormVersionFactory()
    regs = regulations()
    energy, iit, special = regs["energy_allowance"], regs["individual_income_supplement"], regs["special_assistance"]
    district = district_in_new_municipality()
    older = EntitlementCheckRunFactory(as_of=datetime.date(2026, 1, 5))
    latest = EntitlementCheckRunFactory(as_of=datetime.date(2026, 6, 1))
    later = EntitlementCheckRunFactory(as_of=datetime.date(2026, 7, 15))  # after the date: not read
    h = {
        1: household(district=district, income="900", uses=(energy,), missed=((latest, iit),)),
        2: household(district=district, income="1100", children=2, uses=(iit,)),
        3: household(district=district, income="1800", partner=True, missed=((latest, energy),)),
        4: household(
            district=district, income="2000", partner=True, children=1, uses=(energy, special), missed=((latest, iit),)
        ),
        5: household(district=district, income="1500", year=2025, missed=((older, energy), (later, energy))),
        6: household(district=district, income="1000", uses=(energy, iit)),
    }
    # Household 5: a situation of next year is not read (EUR 100 would put it under the limit); an ended use and a
    # use that ended last year are not use now.
    HouseholdSituationFactory(household=h[5], year=2027, monthly_income=Decimal("100"))
    RegulationUseFactory(household=h[5], regulation=energy, status=UseStatus.ENDED)
    RegulationUseFactory(
        household=h[5], regulation=iit, valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(2025, 12, 31)
    )
    # Elsewhere: another municipality's household is not in this caseload.
    household(district=district_in_new_municipality(), income="500", uses=(energy,))
    return district.municipality, h


def parameters(municipality) -> Parameters:
    return Parameters(
        municipality_id=municipality.pk,
        regulations=("energy_allowance", "individual_income_supplement"),
        threshold_percent=120,
        allowance=Decimal("1000"),
        child_supplement=Decimal("100"),
        as_of=AS_OF,
    )


def test_the_facts_give_each_household_its_type_children_income_and_norm(caseload):
    municipality, h = caseload
    facts = simulation_facts(municipality_id=municipality.pk, on=AS_OF)
    by_id = {hid: i for i, hid in enumerate(facts.household_ids.tolist())}
    assert set(by_id) == {h[k].pk for k in range(1, 7)}
    row = {k: by_id[h[k].pk] for k in range(1, 7)}
    assert [str(facts.household_type[row[k]]) for k in range(1, 7)] == [
        "single",
        "single_parent",
        "couple",
        "couple_with_children",
        "single",
        "single",
    ]
    assert [int(facts.children[row[k]]) for k in range(1, 7)] == [0, 2, 0, 1, 0, 0]
    assert int(facts.income_cents[row[5]]) == 150_000  # 2025's situation, not 2027's
    assert int(facts.norm_cents[row[3]]) == 150_000 and int(facts.norm_cents[row[2]]) == 100_000
    assert facts.check_on == datetime.date(2026, 6, 1)


def test_the_fixed_caseload_gives_the_hand_computed_figures(caseload):
    municipality, _ = caseload
    outcome, _facts = run(parameters(municipality))
    assert (outcome.households, outcome.reached, outcome.children_reached, outcome.users_now) == (6, 4, 2, 4)
    assert outcome.cost_now_cents == 509_100  # 1,300 + 669 + 1,300 + 1,822 (see test_simulation_calculation)
    assert outcome.cost_allowance_cents == 420_000  # 4 x 1,000 + 2 x 100
    assert (outcome.non_take_up_before, outcome.non_take_up_gone) == (3, 2)
    single = next(t for t in outcome.by_type if t.household_type == "single")
    assert (single.households, single.reached, single.winners, single.losers, single.unchanged) == (3, 2, 0, 2, 1)


def test_the_facts_run_a_fixed_number_of_queries(caseload, django_assert_max_num_queries):
    municipality, _ = caseload
    with django_assert_max_num_queries(8):
        simulation_facts(municipality_id=municipality.pk, on=AS_OF)


def test_without_norms_for_the_date_nobody_is_under_the_limit(caseload):
    municipality, _ = caseload
    early = Parameters(**{**parameters(municipality).__dict__, "as_of": datetime.date(2025, 12, 31)})
    outcome, facts = run(early)  # the test norms start on 1 January 2026
    assert facts.norms_from is None and outcome.reached == 0
