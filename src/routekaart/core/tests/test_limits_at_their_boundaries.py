"""core.limits: each limit at N-1, N and N+1, and the rule in general (Hypothesis), with the Dutch message."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from routekaart.core import limits


def message(validator, value) -> str:
    with override("nl"), pytest.raises(ValidationError) as refused:
        validator(value)
    return " ".join(refused.value.messages)


@pytest.mark.parametrize("limit", [limits.NOTE, limits.SUMMARY, limits.REPORT])
def test_a_text_of_the_limit_is_kept_and_one_more_character_is_refused(limit):
    (validator,) = limits.text(limit)["validators"]
    validator("x" * (limit - 1))
    validator("x" * limit)
    assert message(validator, "x" * (limit + 1)) == (
        f"Gebruik ten hoogste {limit:,} tekens; nu {limit + 1:,}.".replace(",", ".")
    )


def test_the_text_message_says_the_limit_and_the_length_as_dutch_readers_write_them():
    (validator,) = limits.text(limits.SUMMARY)["validators"]
    assert message(validator, "x" * 100_000) == "Gebruik ten hoogste 5.000 tekens; nu 100.000."


def test_a_text_field_gets_max_length_for_the_form_and_the_schema():
    assert limits.text(limits.NOTE)["max_length"] == limits.NOTE


@given(st.integers(min_value=0, max_value=limits.NOTE * 2))
def test_any_text_is_kept_exactly_when_it_fits(length):
    (validator,) = limits.text(limits.NOTE)["validators"]
    if length <= limits.NOTE:
        validator("a" * length)
    else:
        with pytest.raises(ValidationError):
            validator("a" * length)


def test_a_historical_date_from_1_january_1900_up_to_today():
    (validator,) = limits.happened()
    today = timezone.localdate()
    assert message(validator, date(1899, 12, 31)) == "Vul een datum op of na 1 januari 1900 in."
    validator(date(1900, 1, 1))
    validator(date(1900, 1, 2))
    validator(today - timedelta(days=1))
    validator(today)
    assert "niet na vandaag" in message(validator, today + timedelta(days=1))
    assert message(validator, date(1, 1, 1)) == "Vul een datum op of na 1 januari 1900 in."
    assert message(validator, date(1850, 6, 1)) == "Vul een datum op of na 1 januari 1900 in."


def test_a_moment_counts_by_its_local_date():
    (validator,) = limits.happened()
    validator(timezone.now())
    with pytest.raises(ValidationError):
        validator(timezone.now() + timedelta(days=2))
    with pytest.raises(ValidationError):
        validator(datetime(1899, 12, 31, 12, tzinfo=timezone.get_current_timezone()))


def test_a_planned_date_may_lie_ahead_up_to_the_bounded_future():
    (validator,) = limits.planned()
    latest = validator.latest()
    assert latest.year == timezone.localdate().year + limits.PLANNED_YEARS_AHEAD
    validator(latest - timedelta(days=1))
    validator(latest)
    assert message(validator, latest + timedelta(days=1)).startswith("Vul een datum in die niet na ")
    with pytest.raises(ValidationError):
        validator(date(1899, 12, 31))


@given(st.dates())
def test_any_date_is_kept_exactly_when_it_is_plausible(day):
    (validator,) = limits.happened()
    plausible = limits.EARLIEST_DATE <= day <= timezone.localdate()
    if plausible:
        validator(day)
    else:
        with pytest.raises(ValidationError):
            validator(day)


def test_date_validators_compare_equal_so_migrations_stay_still():
    assert limits.happened() == limits.happened()
    assert limits.planned() != limits.happened()
    assert limits.happened()[0].deconstruct() == ("routekaart.core.limits.PlausibleDateValidator", (), {})


@pytest.mark.parametrize(
    ("limits_range", "below", "above"),
    [
        (limits.HOURS_PER_MONTH, Decimal("-0.01"), Decimal("260.01")),
        (limits.AGE, -1, 121),
        (limits.YEAR, 1899, 2101),
        (limits.PERCENT, -1, 101),
    ],
)
def test_a_number_at_its_limits_is_kept_and_one_step_beyond_is_refused(limits_range, below, above):
    minimum, maximum = limits.within(limits_range)
    for value in (limits_range.low, limits_range.high):
        minimum(value)
        maximum(value)
    with pytest.raises(ValidationError):
        minimum(below)
    with pytest.raises(ValidationError):
        maximum(above)


def test_the_hours_of_a_month_are_refused_below_nought_and_above_260_in_dutch():
    minimum, maximum = limits.within(limits.HOURS_PER_MONTH)
    assert message(minimum, Decimal("-3")) == "Vul een getal van ten minste 0 in."
    assert message(maximum, Decimal("1000")) == "Vul een getal van ten hoogste 260 in."


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_any_number_is_kept_exactly_when_it_lies_within_the_range(value):
    validators = limits.within(limits.DAYS)
    inside = limits.DAYS.low <= value <= limits.DAYS.high
    errors = 0
    for validator in validators:
        try:
            validator(value)
        except ValidationError:
            errors += 1
    assert errors == (0 if inside else 1)
