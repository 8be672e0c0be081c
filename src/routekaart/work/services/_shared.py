"""Helpers every aggregate's services share: the Dutch refusals, the references in events, and the one
audit call per action (with the employer, or tagged with domain P for a resident)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from ...residents.models import Resident
from ...residents.selectors import household_id_of
from .. import selectors
from ..models import (
    Employer,
    Vacancy,
)

MIN_REASON = 10
CENT = Decimal("0.01")


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _opening_ref(opening) -> str:
    return f"{'vacancy' if isinstance(opening, Vacancy) else 'arrangement'}:{opening.pk}"


def _reason(value: str, field: str = "reason") -> str:
    value = (value or "").strip()
    if len(value) < MIN_REASON:
        raise ValidationError({field: _("Schrijf in ten minste %(count)d tekens waarom.") % {"count": MIN_REASON}})
    return value


def _employer_event(actor, action: str, employer: Employer, subject_type: str, subject_id, after: dict | None = None):
    audit.action_record(
        actor=actor,
        action=action,
        subject=(subject_type, subject_id),
        after={"employer": employer.organisation.code, **(after or {})},
    )


def _resident_event(actor, action: str, resident: Resident, subject_type: str, subject_id, before=None, after=None):
    def tagged(state):
        return None if state is None else {"domain": Domain.PARTICIPATION, **state}

    audit.action_record(
        actor=actor,
        action=action,
        subject=(subject_type, subject_id),
        household_id=household_id_of(resident_id=resident.pk),
        before=tagged(before),
        after=tagged(after),
    )


def _rules():
    return selectors.rules_get().content
