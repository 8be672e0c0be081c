"""The generated town keeps the residents app's invariants by construction."""

import itertools
import re
from collections import defaultdict
from datetime import date

import pytest

from routekaart.residents.generator.caseloads import chunk_picks
from routekaart.residents.generator.population import chunk_build
from routekaart.residents.generator.town import TownPlan
from routekaart.residents.validators import validate_country_code, validate_postcode

ON = date(2026, 3, 1)


@pytest.fixture(scope="module")
def plan():
    return TownPlan(seed=99, residents=12_345, reference_date=ON)


@pytest.fixture(scope="module")
def town(plan):
    return [chunk_build(plan, c) for c in range(plan.chunk_count)]


def test_exactly_the_asked_number_of_residents(plan, town):
    assert sum(len(c.persons) for c in town) == 12_345
    numbers = [p.number for c in town for p in c.persons]
    assert numbers == list(range(12_345))


def test_nobody_in_two_households_on_the_same_day(town):
    for chunk in town:
        periods = defaultdict(list)
        for h, household in enumerate(chunk.households):
            for m in household.members:
                assert m.valid_to is None or m.valid_to > m.valid_from
                periods[m.person].append((m.valid_from, m.valid_to or date.max, h))
        for person, spans in periods.items():
            spans.sort()
            for (_, end, _), (start, _, _) in itertools.pairwise(spans):
                assert end <= start, (chunk.index, person)


def test_every_living_resident_lives_somewhere_and_the_dead_nowhere(town):
    for chunk in town:
        current = {m.person for h in chunk.households for m in h.members if m.valid_to is None}
        for i, person in enumerate(chunk.persons):
            if person.date_of_death:
                assert i not in current
                assert person.birth_date <= person.date_of_death <= ON
            else:
                assert i in current, (chunk.index, i)


def test_parents_are_older_and_partners_not_themselves(town):
    for chunk in town:
        for r in chunk.relations:
            assert r.resident != r.related
            if r.kind == "parent":
                assert chunk.persons[r.resident].birth_date < chunk.persons[r.related].birth_date
        pairs = [(r.resident, r.related, r.kind) for r in chunk.relations]
        assert len(pairs) == len(set(pairs))


def test_members_join_after_birth_and_benefits_start_after_eighteen(town):
    for chunk in town:
        for household in chunk.households:
            for m in household.members:
                assert m.valid_from >= chunk.persons[m.person].birth_date
                assert m.valid_from <= ON
            if household.benefit:
                head = chunk.persons[household.members[0].person]
                assert household.benefit.since >= date(head.birth_date.year + 18, 1, 1)
                assert household.members[0].valid_to is None


def test_addresses_are_unique_and_dutch(town):
    seen = set()
    for chunk in town:
        for household in chunk.households:
            a = household.address
            assert a is not None
            validate_postcode(a.postcode)
            assert re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", a.postcode)
            key = (a.postcode, a.house_number, a.house_number_addition)
            assert key not in seen
            seen.add(key)
    for person in (p for c in town for p in c.persons):
        validate_country_code(person.country_of_birth)


def test_one_coordinator_per_household_in_the_caseloads(plan, town):
    for chunk in town:
        coordinators = defaultdict(int)
        for pick in chunk_picks(plan, chunk):
            if pick.kind == "coordinator":
                coordinators[pick.household] += 1
                if pick.domain == "P":
                    assert chunk.households[pick.household].benefit is not None
                    assert pick.valid_from > chunk.households[pick.household].benefit.since
        assert all(n == 1 for n in coordinators.values())
