"""Who lived in a household on a date is a query over memberships; the services keep one household per day."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .. import selectors, services
from ..models import Membership
from .factories import HouseholdFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]

START = date(2020, 1, 1)

moves = st.lists(
    st.tuples(
        st.integers(0, 2),  # resident
        st.integers(0, 2),  # household
        st.integers(0, 400),  # first day, as offset
        st.one_of(st.none(), st.integers(-5, 200)),  # length in days (None: open-ended; <= 0: invalid)
    ),
    max_size=10,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=moves, probes=st.lists(st.integers(-10, 700), min_size=1, max_size=8))
def test_composition_on_any_date_matches_the_accepted_moves(db, moves, probes):
    residents = [ResidentFactory(birth_date=date(1990, 1, 1)) for _ in range(3)]
    households = [HouseholdFactory() for _ in range(3)]
    accepted: list[tuple[int, int, date, date | None]] = []
    for r, h, offset, length in moves:
        valid_from = START + timedelta(days=offset)
        valid_to = None if length is None else valid_from + timedelta(days=length)
        overlaps = any(
            ar == r and (ato is None or ato > valid_from) and (valid_to is None or afrom < valid_to)
            for ar, _, afrom, ato in accepted
        )
        should_accept = (valid_to is None or valid_to > valid_from) and not overlaps
        try:
            services.membership_start(
                actor=None,
                household=households[h],
                resident=residents[r],
                valid_from=valid_from,
                valid_to=valid_to,
            )
        except ValidationError:
            assert not should_accept
        else:
            assert should_accept
            accepted.append((r, h, valid_from, valid_to))

    for offset in probes:
        on = START + timedelta(days=offset)
        seen_anywhere = []
        for h, household in enumerate(households):
            expected = {
                residents[ar].pk
                for ar, ah, afrom, ato in accepted
                if ah == h and afrom <= on and (ato is None or on < ato)
            }
            found = {m.resident_id for m in selectors.household_composition_on(household_id=household.pk, on=on)}
            assert found == expected
            seen_anywhere.extend(found)
        assert len(seen_anywhere) == len(set(seen_anywhere)), "someone is in two households on one day"


def test_who_lived_here_on_1_march(db):
    mother, child, lodger = (ResidentFactory(birth_date=date(1980, 1, 1)) for _ in range(3))
    household = HouseholdFactory()
    services.membership_start(actor=None, household=household, resident=mother, valid_from=date(2023, 1, 1))
    services.membership_start(actor=None, household=household, resident=child, valid_from=date(2023, 1, 1))
    lodging = services.membership_start(actor=None, household=household, resident=lodger, valid_from=date(2024, 2, 1))
    services.membership_end(actor=None, membership=lodging, valid_to=date(2024, 3, 1))

    def on(day: date) -> set[int]:
        return {m.resident_id for m in selectors.household_composition_on(household_id=household.pk, on=day)}

    assert on(date(2024, 2, 29)) == {mother.pk, child.pk, lodger.pk}
    assert on(date(2024, 3, 1)) == {mother.pk, child.pk}  # moved out on 1 March: no longer there that day
    assert on(date(2022, 12, 31)) == set()
    assert Membership.objects.count() == 3
