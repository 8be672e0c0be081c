"""What every participation action shares: dates in words, collecting and raising field errors, the
resident's municipality, the assignment lock. Private to the services package."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ...core.dates import After, not_before
from ...organisations.models import Organisation
from ...residents.models import Resident
from ..models import Assignment

MIN_ADDITIONALITY_REASON = 20
MAX_HOURS_PER_WEEK = Decimal(40)


def _date(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _not_in_future(value: date, field: str, message: str, errors: dict) -> None:
    if value > timezone.localdate():
        errors.setdefault(field, []).append(message)


def _not_before_birth(resident: Resident, value: date | None, field: str, errors: dict) -> None:
    """Nothing about a resident happens before they were born (core.dates, the one rule of dates in order)."""
    born = After(resident.birth_date, _("de geboorte van de inwoner"), private=True)
    for name, message in not_before(value, field, born).items():
        errors.setdefault(name, []).append(message)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _municipality_of(resident: Resident) -> Organisation | None:
    """The municipality the resident lives in, through their address's district, if known."""
    address = resident.address
    if address is None or address.district_id is None:
        return None
    return address.district.municipality


def _lock(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("instrument", "resident", "municipality", "provider", "employer", "wage_value", "result")
        .get(pk=assignment.pk)
    )
