"""Dates in order, written once: a fact cannot happen before what it follows.

A signal is not received before the resident was born, an intake or a decision not before the case's signal, an
end not before its start, an income report not before the benefit began. Every service asks `not_before` here, so
the page and the API refuse alike, with one Dutch message that says what to fill in instead. The absolute bounds of
a date (1 January 1900, today, planned years ahead) are `core.limits`'s, on the models.

Dependency-free: Django only (core imports nothing of routekaart).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _


class After(NamedTuple):
    """A day a date may not lie before, and what that day is, in Dutch (\"de geboorte van de inwoner\").

    `private`: the day is personal data (a birth date), so the message names it without its date.
    """

    on: date | None
    what: str
    private: bool = False


def _long(value: date) -> str:
    return formats.date_format(value, "j F Y")


def not_before(value: date | None, field: str, *bounds: After) -> dict[str, str]:
    """The error for `field` when `value` lies before one of `bounds` (the first such); empty when in order.

    A missing value or a bound without a day passes: whether a date is required is the form's and model's concern.
    """
    if value is None:
        return {}
    for bound in bounds:
        if bound.on is None or value >= bound.on:
            continue
        if bound.private:
            message = _("Deze datum ligt vóór %(what)s. Vul een latere datum in.") % {"what": bound.what}
        else:
            message = _("Deze datum ligt vóór %(what)s (%(date)s). Vul %(date)s of een latere datum in.") % {
                "what": bound.what,
                "date": _long(bound.on),
            }
        return {field: message}
    return {}


def not_before_refuse(value: date | None, field: str, *bounds: After) -> None:
    """Refuse (ValidationError on `field`) a date that lies before one of `bounds`."""
    errors = not_before(value, field, *bounds)
    if errors:
        raise ValidationError(errors)


def period_errors(start: date | None, end: date | None, end_field: str, start_what: str) -> dict[str, str]:
    """An end never lies before its start: the error for `end_field`, or empty. `start_what` names the start."""
    return not_before(end, end_field, After(start, start_what))
