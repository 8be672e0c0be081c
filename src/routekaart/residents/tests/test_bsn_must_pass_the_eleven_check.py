"""The BSN 11-check (weights 9..2 and -1), as a property: every single-digit error and every swap is caught."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from ..validators import BSN_WEIGHTS, bsn_is_valid, validate_bsn
from .factories import bsn_for

digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@st.composite
def valid_bsns(draw) -> str:
    body = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    check = sum(int(d) * w for d, w in zip(body, BSN_WEIGHTS[:8], strict=True)) % 11
    if check == 10 or body + str(check) == "000000000":
        body = draw(st.sampled_from(["11122233", "12345678"]))
        check = sum(int(d) * w for d, w in zip(body, BSN_WEIGHTS[:8], strict=True)) % 11
    return body + str(check)


@given(digits)
def test_a_bsn_is_valid_exactly_when_its_weighted_sum_is_a_multiple_of_eleven(value):
    weighted = sum(int(d) * w for d, w in zip(value, BSN_WEIGHTS, strict=True))
    assert bsn_is_valid(value) == (weighted % 11 == 0 and value != "000000000")


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_changing_one_digit_of_a_valid_bsn_makes_it_invalid(bsn, position, delta):
    changed = bsn[:position] + str((int(bsn[position]) + delta) % 10) + bsn[position + 1 :]
    assert not bsn_is_valid(changed)


@given(valid_bsns(), st.integers(0, 7))
def test_swapping_two_neighbouring_digits_of_a_valid_bsn_makes_it_invalid(bsn, position):
    if bsn[position] == bsn[position + 1]:
        return
    swapped = bsn[:position] + bsn[position + 1] + bsn[position] + bsn[position + 2 :]
    assert not bsn_is_valid(swapped)


@given(st.text(max_size=12).filter(lambda s: not (len(s) == 9 and s.isascii() and s.isdigit())))
def test_anything_but_nine_digits_is_refused_with_a_dutch_message(value):
    with pytest.raises(ValidationError) as refused:
        validate_bsn(value)
    assert refused.value.messages == ["Een BSN bestaat uit negen cijfers."]


def test_nine_digits_failing_the_check_get_their_own_dutch_message():
    with pytest.raises(ValidationError) as refused:
        validate_bsn("123456789")
    assert refused.value.messages == ["Dit BSN bestaat niet: het voldoet niet aan de elfproef."]


def test_known_valid_numbers_pass():
    assert bsn_is_valid("111222333")
    assert bsn_is_valid("123456782")
    assert not bsn_is_valid("000000000")


@given(st.integers(1, 9_999_999))
def test_the_test_factory_only_makes_valid_bsns(seed):
    assert bsn_is_valid(bsn_for(seed))
