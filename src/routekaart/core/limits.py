"""The limits a real file has, named once: how long a text may be, which dates are plausible, which numbers.

Every stored field of every routekaart model takes its limits from here (tests/architecture checks it), so the page
(ModelForm), the API (ModelSerializer) and the services refuse the same values: a TextField gets `max_length` (the
form's and the schema's maxlength) and a validator; a date a plausible range; a number a minimum and a maximum. The
validators also run on every save (`enforce_field_limits`, connected by the shell's AppConfig), so a service that
creates a row with `.objects.create()` cannot store what the form would refuse.

The text sizes, counted in characters (one A4 page of running Dutch text holds about 3,000):
- NOTE (2,000): a reason, a note, an outcome: a few sentences, at most two thirds of a page.
- SUMMARY (5,000): a description, a summary, a question, wishes: what a caseworker writes of one conversation,
  a page and a half. The longest configured text (a cluster's tasks) is 2,350 characters.
- REPORT (20,000): an assessment report, a specialist's advice, the reasoning of a tailored provision: about seven
  pages, the size of a written report in a social-domain file.

Dates: historical facts (a birth, a received signal, a timestamp) lie between 1 January 1900 and today; planned and
period dates (a review, the end of an agreement) may lie ahead, at most PLANNED_YEARS_AHEAD (100) years: an
indefinite provision is often given an end such as 2099, while a typo such as 2205 for 2025 is refused. "Today" is
the local date when the value is checked, never a date in a migration.

Dependency-free: Django only (core imports nothing of routekaart).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

NOTE = 2_000
SUMMARY = 5_000
REPORT = 20_000

EARLIEST_DATE = date(1900, 1, 1)
# A provision granted for an indefinite time is often given a far end date (2099); a typo of two centuries is not.
PLANNED_YEARS_AHEAD = 100


def _number(value: int | Decimal | float) -> str:
    """A number as Dutch readers write it: 5.000, 0,25."""
    return formats.number_format(value, force_grouping=True)


def _long_date(value: date) -> str:
    return formats.date_format(value, "j F Y")


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    """At most `limit_value` characters; the message says the limit and how long the text is now."""

    message = _("Gebruik ten hoogste %(limit)s tekens; nu %(length)s.")

    def __call__(self, value: Any) -> None:
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                # Django's own names too: a field's message for code max_length may say %(limit_value)d and
                # %(show_value)d (core.forms.instructive_messages), and must format whichever validator raised.
                params={
                    "limit": _number(self.limit_value),
                    "length": _number(length),
                    "value": value,
                    "limit_value": self.limit_value,
                    "show_value": length,
                },
            )


@deconstructible
class MinimumValidator(MinValueValidator):
    """At least `limit_value`, said in Dutch with the limit written as Dutch readers write numbers."""

    message = _("Vul een getal van ten minste %(limit)s in.")

    def __call__(self, value: Any) -> None:
        if value is not None and self.compare(value, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit": _number(self.limit_value), "value": value, "limit_value": _number(self.limit_value)},
            )


@deconstructible
class MaximumValidator(MaxValueValidator):
    """At most `limit_value`, said in Dutch with the limit written as Dutch readers write numbers."""

    message = _("Vul een getal van ten hoogste %(limit)s in.")

    def __call__(self, value: Any) -> None:
        if value is not None and self.compare(value, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit": _number(self.limit_value), "value": value, "limit_value": _number(self.limit_value)},
            )


@deconstructible
class PlausibleDateValidator:
    """A date (or the local date of a moment) on or after `earliest` and at most `years_ahead` years after today.

    `years_ahead=0`: something that happened, not after today. Today is read when the value is checked.
    """

    code = "implausible_date"

    def __init__(self, earliest: date = EARLIEST_DATE, years_ahead: int = 0) -> None:
        self.earliest = earliest
        self.years_ahead = years_ahead

    def latest(self) -> date:
        today = timezone.localdate()
        try:
            return today.replace(year=today.year + self.years_ahead)
        except ValueError:  # 29 February
            return today.replace(year=today.year + self.years_ahead, day=28)

    def __call__(self, value: Any) -> None:
        if isinstance(value, datetime):
            day = timezone.localdate(value) if timezone.is_aware(value) else value.date()
        elif isinstance(value, date):
            day = value
        else:
            return  # not a date: the field's own parsing refuses it
        if day < self.earliest:
            raise ValidationError(
                _("Vul een datum op of na %(earliest)s in."),
                code=self.code,
                params={"earliest": _long_date(self.earliest), "value": value},
            )
        latest = self.latest()
        if day > latest:
            if self.years_ahead == 0:
                raise ValidationError(
                    _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd."),
                    code=self.code,
                    params={"value": value},
                )
            raise ValidationError(
                _("Vul een datum in die niet na %(latest)s ligt."),
                code=self.code,
                params={"latest": _long_date(latest), "value": value},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PlausibleDateValidator)
            and self.earliest == other.earliest
            and self.years_ahead == other.years_ahead
        )

    def __hash__(self) -> int:
        return hash((self.earliest, self.years_ahead))


class Range(NamedTuple):
    """The smallest and largest value a number field may hold."""

    low: int | Decimal | float
    high: int | Decimal | float


# Numbers, by what they count.
ORDER = Range(0, 999)  # a position in a configured list
VERSION = Range(1, 99_999)  # a version number of configuration, a plan or a rule set
COUNT = Range(0, 10_000_000)  # things counted in a run: households, findings (the Netherlands has 8 million)
AGE = Range(0, 120)  # years of age
AGE_DECIMAL = Range(Decimal("0"), Decimal("120"))  # years of age in half years (16.5)
YEAR = Range(1900, 2100)  # a calendar year
PERCENT = Range(0, 100)
PERCENT_DECIMAL = Range(Decimal("0"), Decimal("100"))
FRACTION = Range(Decimal("0"), Decimal("1"))  # a rate written as a fraction (0.25)
DAYS = Range(0, 366)  # a term in days, at most a year
WEEKS = Range(0, 104)  # a term in weeks, at most two years
MONTHS = Range(0, 120)  # a term in months, at most ten years
HOURS_PER_WEEK = Range(0, 60)  # the Working Hours Act's weekly maximum
HOURS_PER_WEEK_DECIMAL = Range(Decimal("0"), Decimal("60"))
HOURS_PER_MONTH = Range(Decimal("0"), Decimal("260"))  # 60 hours a week over a month (60 * 52 / 12)
HOURLY_WAGE = Range(Decimal("0"), Decimal("500"))  # euros per hour
MONTHLY_AMOUNT = Range(Decimal("0"), Decimal("100000"))  # euros per month: a norm, earnings, a cost
SIGNED_MONTHLY_AMOUNT = Range(Decimal("-100000"), Decimal("100000"))  # a settlement may go either way
SIGNED_AMOUNT = Range(Decimal("-1000000000"), Decimal("1000000000"))  # a movement on a balance: a claim, a payment
AMOUNT = Range(Decimal("0"), Decimal("1000000000"))  # a budget, a contract's value, an asset
SCORE = Range(Decimal("0"), Decimal("100"))  # a match score
HOUSE_NUMBER = Range(1, 99_999)  # the BAG's house numbers
VOLUME = Range(Decimal("0"), Decimal("100000"))  # a provision's volume: hours, days or units per period
KILOMETRES = Range(0, 500)  # a travel distance within the Netherlands
OBJECT_ID = Range(1, 2**63 - 1)  # the id of a row in another app (a bigint)
BIT_INDEX = Range(0, 62)  # a bit in a 63-bit mask
BIT_MASK = Range(0, 2**63 - 1)  # a set of bits in a bigint
DURATION_MS = Range(0, 86_400_000)  # a run's duration, at most a day
LATITUDE = Range(-90.0, 90.0)
LONGITUDE = Range(-180.0, 180.0)


def text(limit: int) -> dict[str, Any]:
    """The keyword arguments of a TextField of at most `limit` characters: max_length for the form and the schema,
    and the validator with the Dutch message for the model, the API and every save."""
    return {"max_length": limit, "validators": [TextLengthValidator(limit)]}


def happened() -> list[PlausibleDateValidator]:
    """The validators of a date or moment that has happened: 1 January 1900 up to today."""
    return [PlausibleDateValidator()]


def planned() -> list[PlausibleDateValidator]:
    """The validators of a planned or period date: 1 January 1900 up to PLANNED_YEARS_AHEAD years from today."""
    return [PlausibleDateValidator(years_ahead=PLANNED_YEARS_AHEAD)]


def within(limits: Range) -> list[MinimumValidator | MaximumValidator]:
    """The validators of a number from `limits.low` up to `limits.high`, both included."""
    return [MinimumValidator(limits.low), MaximumValidator(limits.high)]


def _set_by_the_clock(field: Any) -> bool:
    """auto_now, auto_now_add or a default of timezone.now: the moment is the clock's, not input."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) or field.default is timezone.now


def enforce_field_limits(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """pre_save: run every concrete field's validators on its non-empty value and refuse the save per field.

    `.save()` and `.objects.create()` skip validators; this makes the limits hold on every path. Only the field's
    own validators (lengths, ranges, dates, formats): whether a field may be blank, a choice or unique is for the
    services to decide. Relations and the primary key are left out (no validators, and no queries on a save), and
    so are moments the clock sets: they are no input (and a test may travel back in time).
    """
    errors: dict[str, list[ValidationError]] = {}
    for field in sender._meta.concrete_fields:
        if field.primary_key or field.is_relation or _set_by_the_clock(field):
            continue
        value = getattr(instance, field.attname)
        if value in field.empty_values:
            continue
        try:
            field.run_validators(field.to_python(value))  # "3" from a data file is 3, as the database stores it
        except ValidationError as error:
            errors[field.name] = error.error_list
    if errors:
        raise ValidationError(errors)


def check_fields(model: type, **values: Any) -> None:
    """Run `model`'s field validators on the values a service is about to use, named as the caller names them.

    For a service that copies an input into another row first (a signal's date opens the case): the refusal then
    names the field the caller sent, not the row that happened to be saved first.
    """
    errors: dict[str, list[ValidationError]] = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if value in field.empty_values:
            continue
        try:
            field.run_validators(field.to_python(value))  # "3" from a data file is 3, as the database stores it
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


def checked(instances: Iterable[Any]) -> list[Any]:
    """The rows for a `bulk_create`, each checked as a save would be: bulk_create sends no pre_save."""
    rows = list(instances)
    for row in rows:
        enforce_field_limits(type(row), row)
    return rows


# --- the same limits on a plain form or serializer field ----------------------------------------------------------

_LIMIT_VALIDATORS = (MaxLengthValidator, MinValueValidator, MaxValueValidator, PlausibleDateValidator)


class FieldLimits(NamedTuple):
    """A model field's limits, for a plain form or serializer field that stores into it."""

    max_length: int | None
    min_value: int | Decimal | float | None
    max_value: int | Decimal | float | None
    validators: list[Any]  # the model field's length, range and date validators, with their Dutch messages


def field_limits(model_field: Any) -> FieldLimits:
    """The limits of `model_field` (a Django model field object): its max_length, the tightest minimum and maximum
    of its validators, and those validators. The one source for a plain `forms.Form` or `serializers.Serializer`
    field (see core.forms.Form.limits_model and core.api.ModelLimitsMixin), so page, schema and save agree."""
    validators = [v for v in model_field.validators if isinstance(v, _LIMIT_VALIDATORS)]
    low = high = None
    for validator in validators:
        limit = validator.limit_value if not isinstance(validator, PlausibleDateValidator) else None
        if limit is None or callable(limit):
            continue
        if isinstance(validator, MinValueValidator):
            low = limit if low is None else max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            high = limit if high is None else min(high, limit)
    return FieldLimits(getattr(model_field, "max_length", None), low, high, validators)


def limits_of(model: type, names: Iterable[str], renamed: dict[str, str] | None = None) -> dict[str, FieldLimits]:
    """The limits of the fields of `model` among `names` (a form's or serializer's field names); `renamed` maps an
    input's name to the model field's where they differ. Relations and the primary key have none."""
    renamed = renamed or {}
    found: dict[str, FieldLimits] = {}
    for name in names:
        try:
            model_field = model._meta.get_field(renamed.get(name, name))
        except FieldDoesNotExist:  # an input no column holds (a choice of action)
            continue
        if getattr(model_field, "concrete", False) and not model_field.is_relation and not model_field.primary_key:
            found[name] = field_limits(model_field)
    return found


def range_tighten(
    field: Any, limits: FieldLimits, minimum: type = MinimumValidator, maximum: type = MaximumValidator
) -> None:
    """Give a number input (a form's or a serializer's field: both have min_value, max_value and validators) the
    model's range where its own is wider, with a `minimum`/`maximum` validator of the caller's kind."""
    if limits.min_value is not None and (field.min_value is None or field.min_value < limits.min_value):
        field.min_value = limits.min_value
        field.validators.append(minimum(limits.min_value))
    if limits.max_value is not None and (field.max_value is None or field.max_value > limits.max_value):
        field.max_value = limits.max_value
        field.validators.append(maximum(limits.max_value))
