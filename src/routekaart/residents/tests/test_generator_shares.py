"""A generated town meets seed 002's benefit-client shares and looks like a Dutch municipality."""

from collections import Counter
from datetime import date

import pytest

from routekaart.residents.generator.data import VMBO_OR_LOWER, names, shares
from routekaart.residents.generator.population import chunk_build
from routekaart.residents.generator.town import TownPlan
from routekaart.residents.life_phase import PHASE_ORDER, age_on, life_phases

ON = date(2026, 3, 1)
RESIDENTS = 40_000  # about 1,000 benefit clients: shares within a few percentage points


@pytest.fixture(scope="module")
def town():
    plan = TownPlan(seed=2016, residents=RESIDENTS, reference_date=ON)
    return [chunk_build(plan, c) for c in range(plan.chunk_count)]


@pytest.fixture(scope="module")
def clients(town):
    return [(chunk.persons[h.members[0].person], h) for chunk in town for h in chunk.households if h.benefit]


def _share(items, test) -> float:
    items = list(items)
    return sum(1 for i in items if test(i)) / len(items)


def test_number_of_benefit_clients_follows_seed_002(clients):
    expected = RESIDENTS * shares().client_rate  # about 4000 per 155,000
    assert abs(len(clients) - expected) / expected < 0.1


@pytest.mark.parametrize(
    ("key", "test"),
    [
        ("women", lambda c: c[0].gender == "female"),
        ("aged_45_plus", lambda c: age_on(c[0].birth_date, ON) >= 45),
        ("longer_than_one_year", lambda c: (ON - c[1].benefit.since).days > 365),
        ("longer_than_five_years", lambda c: (ON - c[1].benefit.since).days > 5 * 365.25),
        ("born_abroad", lambda c: c[0].country_of_birth != "NL"),
        ("with_earnings", lambda c: c[1].benefit.with_earnings),
        ("education_vmbo_or_lower", lambda c: c[0].education_level in VMBO_OR_LOWER),
    ],
)
def test_client_shares_within_tolerance(clients, key, test):
    assert _share(clients, test) == pytest.approx(shares().clients[key], abs=0.04)


def test_over_half_of_the_clients_live_alone(clients):
    assert 0.5 < _share(clients, lambda c: c[1].kind == "single") < 0.6


def test_every_kind_of_household_and_every_life_phase_is_there(town):
    kinds = Counter(h.kind for chunk in town for h in chunk.households)
    assert set(kinds) == {
        "single",
        "couple",
        "couple_with_children",
        "single_parent",
        "multi_generation",
        "house_sharers",
    }
    sizes = Counter(sum(m.valid_to is None for m in h.members) for chunk in town for h in chunk.households)
    assert max(sizes) >= 6
    phases = {
        phase for chunk in town for p in chunk.persons if not p.date_of_death for phase in life_phases(p.birth_date, ON)
    }
    assert phases == set(PHASE_ORDER)


def test_the_population_looks_dutch(town):
    living = [p for chunk in town for p in chunk.persons if p.date_of_death is None]
    ages = [age_on(p.birth_date, ON) for p in living]
    assert 0.15 < _share(ages, lambda a: a < 18) < 0.25
    assert 0.14 < _share(ages, lambda a: a >= 65) < 0.26
    assert 0.10 < _share(living, lambda p: p.country_of_birth != "NL") < 0.22
    assert 0.48 < _share(living, lambda p: p.gender == "female") < 0.53


def test_names_of_many_origins(town):
    family_names = {p.family_name for chunk in town for p in chunk.persons}
    for origin in ("NL", "MA", "TR", "SR", "CW", "PL", "SY"):
        known = {s.male for s in names().origins[origin].surnames} | {
            s.female for s in names().origins[origin].surnames
        }
        assert family_names & known, origin
    assert any(p.name_prefix for chunk in town for p in chunk.persons)
