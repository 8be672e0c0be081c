"""Every generated BSN passes the 11-check and, in a demo town, lies in RvIG's test band."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routekaart.residents.generator import OutsideTestBand, municipality_generate
from routekaart.residents.generator.bsn import (
    CAPACITY,
    TEST_BAND_CAPACITY,
    TEST_BAND_FIRST,
    TEST_BAND_LAST,
    BsnAllocator,
    bsn_in_test_band,
)
from routekaart.residents.validators import bsn_is_valid


def test_the_test_band_gives_each_resident_a_different_valid_bsn():
    allocate = BsnAllocator(seed=11)
    numbers = [allocate(i) for i in range(TEST_BAND_CAPACITY)]
    assert len(set(numbers)) == TEST_BAND_CAPACITY
    assert all(bsn_is_valid(n) and bsn_in_test_band(n) for n in numbers)
    assert min(numbers) >= str(TEST_BAND_FIRST) and max(numbers) <= str(TEST_BAND_LAST)


def test_the_order_is_shuffled_by_the_seed():
    first, second = BsnAllocator(seed=1), BsnAllocator(seed=2)
    assert [first(i) for i in range(20)] != [second(i) for i in range(20)]
    numbers = [first(i) for i in range(20)]
    assert numbers != sorted(numbers)


@given(seed=st.integers(0, 2**32), index=st.integers(TEST_BAND_CAPACITY, CAPACITY - 1))
def test_beyond_the_test_band_numbers_are_valid_begin_with_9_and_stay_out_of_the_band(seed, index):
    number = BsnAllocator(seed)(index)
    assert bsn_is_valid(number)
    assert number.startswith("9")
    assert not bsn_in_test_band(number)


def test_a_sample_beyond_the_band_has_no_duplicates():
    allocate = BsnAllocator(seed=3)
    numbers = [allocate(i) for i in range(TEST_BAND_CAPACITY, TEST_BAND_CAPACITY + 50_000)]
    assert len(set(numbers)) == len(numbers)


def test_bigger_towns_need_explicit_permission():
    with pytest.raises(OutsideTestBand):
        municipality_generate(residents=TEST_BAND_CAPACITY + 1, caseloads=False, progress=False)


def test_outside_the_synthetic_range_the_allocator_refuses():
    with pytest.raises(ValueError):
        BsnAllocator(seed=1)(CAPACITY)
