"""The same seed, size and reference date give the same town; another seed gives another town."""

from datetime import date

from routekaart.residents.generator.population import chunk_build
from routekaart.residents.generator.town import TownPlan

ON = date(2026, 3, 1)


def test_same_seed_same_town():
    first = TownPlan(seed=7, residents=3_500, reference_date=ON)
    second = TownPlan(seed=7, residents=3_500, reference_date=ON)
    assert first.districts == second.districts
    for chunk in range(first.chunk_count):
        assert chunk_build(first, chunk) == chunk_build(second, chunk)


def test_a_chunk_does_not_depend_on_the_chunks_before_it():
    plan = TownPlan(seed=7, residents=3_500, reference_date=ON)
    in_order = [chunk_build(plan, c) for c in range(plan.chunk_count)]
    assert chunk_build(plan, 2) == in_order[2]


def test_another_seed_gives_another_town():
    one = chunk_build(TownPlan(seed=7, residents=1_000, reference_date=ON), 0)
    other = chunk_build(TownPlan(seed=8, residents=1_000, reference_date=ON), 0)
    assert [p.bsn for p in one.persons] != [p.bsn for p in other.persons]
    assert [p.birth_date for p in one.persons] != [p.birth_date for p in other.persons]
