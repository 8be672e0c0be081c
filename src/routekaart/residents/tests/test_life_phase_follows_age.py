"""Life phase is a pure function of birth date and day, with the seeds' overlapping phases."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ..life_phase import (
    AGE_0_4,
    AGE_4_12,
    AGE_4_18,
    AGE_12_18,
    AGE_18_65,
    AGE_65_PLUS,
    PHASE_ORDER,
    age_on,
    aow_date,
    life_phases,
)

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2110, 12, 31))
MAIN_LINE = {AGE_0_4, AGE_4_12, AGE_12_18, AGE_18_65, AGE_65_PLUS}


@given(births, days)
def test_everyone_born_is_in_exactly_one_phase_of_the_main_line(birth, on):
    phases = life_phases(birth, on)
    if on < birth:
        assert phases == ()
    else:
        assert len(set(phases) & MAIN_LINE) == 1


@given(births, days)
def test_the_school_network_phase_4_18_spans_4_12_and_12_18(birth, on):
    phases = life_phases(birth, on)
    assert (AGE_4_18 in phases) == (AGE_4_12 in phases or AGE_12_18 in phases)
    if on >= birth:
        assert (AGE_4_18 in phases) == (4 <= age_on(birth, on) < 18)


@given(births, days, st.integers(1, 40_000))
def test_phases_never_go_back_as_time_passes(birth, on, later_by):
    later = on + timedelta(days=later_by)
    if on < birth or later > date(2200, 1, 1):
        return
    before = max(PHASE_ORDER.index(p) for p in life_phases(birth, on))
    after = max(PHASE_ORDER.index(p) for p in life_phases(birth, later))
    assert after >= before


@given(births)
def test_the_aow_age_lies_between_65_and_67_years_and_3_months(birth):
    reached = aow_date(birth)
    assert 65 <= age_on(birth, reached) <= 67
    assert reached - birth <= timedelta(days=int(365.25 * 67.25) + 2)


def test_phase_boundaries_by_example():
    birth = date(2010, 3, 1)
    assert life_phases(birth, date(2014, 2, 28)) == (AGE_0_4,)
    assert life_phases(birth, date(2014, 3, 1)) == (AGE_4_12, AGE_4_18)
    assert life_phases(birth, date(2022, 3, 1)) == (AGE_4_18, AGE_12_18)
    assert life_phases(birth, date(2028, 3, 1)) == (AGE_18_65,)


def test_working_age_ends_at_the_aow_age_not_at_65():
    birth = date(1958, 1, 1)  # AOW at 67 in 2025
    assert life_phases(birth, date(2023, 6, 1)) == (AGE_18_65,)  # 65, not yet AOW
    assert life_phases(birth, date(2024, 12, 31)) == (AGE_18_65,)
    assert life_phases(birth, date(2025, 1, 1)) == (AGE_65_PLUS,)
    assert aow_date(date(1950, 6, 1)) == date(2015, 9, 1)  # 65 years and 3 months, in 2015


def test_someone_born_on_29_february_ages_on_1_march():
    assert age_on(date(2008, 2, 29), date(2012, 2, 28)) == 3
    assert age_on(date(2008, 2, 29), date(2013, 3, 1)) == 5
