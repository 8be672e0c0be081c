"""The profile bands of data/outcomes.yaml put every resident in exactly one band of each dimension."""

import datetime

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from routekaart.insights import profile
from routekaart.residents.models import EducationLevel

ON = datetime.date(2026, 6, 30)


@given(st.integers(min_value=0, max_value=120))
def test_every_age_falls_in_exactly_one_band(years):
    holding = [band.code for band in profile.RULES.age_bands if band.holds(years)]
    assert len(holding) == 1
    assert profile.age_band(ON - relativedelta(years=years), ON) == holding[0]


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=100))
def test_an_older_resident_is_never_in_a_younger_band(younger, older):
    younger, older = sorted((younger, older))
    codes = [band.code for band in profile.RULES.age_bands]
    first = codes.index(profile.age_band(ON - relativedelta(years=younger), ON))
    assert codes.index(profile.age_band(ON - relativedelta(years=older), ON)) >= first


def test_the_bands_turn_on_the_birthday():
    # 27 on 2026-06-30 exactly: 27-34; one day short of it: still 18-26
    assert profile.age_band(datetime.date(1999, 6, 30), ON) == "27-34"
    assert profile.age_band(datetime.date(1999, 7, 1), ON) == "18-26"


@given(st.integers(min_value=0, max_value=600))
def test_every_time_on_benefit_falls_in_exactly_one_band(months):
    holding = [band.code for band in profile.RULES.benefit_durations[1:] if band.holds(months)]
    assert len(holding) == 1
    assert profile.benefit_duration(ON - relativedelta(months=months), ON) == holding[0]


def test_no_benefit_and_the_edges_of_a_year():
    assert profile.benefit_duration(None, ON) == "none"
    assert profile.benefit_duration(datetime.date(2025, 7, 1), ON) == "lt1"  # 11 months and 29 days
    assert profile.benefit_duration(datetime.date(2025, 6, 30), ON) == "1-2"  # 12 months
    assert profile.benefit_duration(datetime.date(2021, 6, 30), ON) == "5+"  # 60 months


def test_every_education_level_has_its_group():
    groups = {level: profile.education_group(level) for level in EducationLevel.values}
    assert groups["vmbo"] == "low" and groups["mbo_entry"] == "low" and groups["mbo"] == "middle"
    assert groups["wo"] == "high" and groups["unknown"] == "unknown"
    assert set(groups.values()) <= {band.code for band in profile.RULES.education_labels}


@given(st.dates(min_value=datetime.date(1900, 1, 1)), st.dates(min_value=datetime.date(1900, 1, 1)))
def test_whole_months_count_as_relativedelta_counts_them(start, on):
    start, on = sorted((start, on))
    delta = relativedelta(on, start)
    assert profile.whole_months(start, on) == delta.years * 12 + delta.months


@given(st.dates(max_value=datetime.date(9000, 1, 1)), st.integers(min_value=0, max_value=240))
def test_months_later_adds_as_relativedelta_adds(start, months):
    assert profile.months_later(start, months) == start + relativedelta(months=months)
