"""What the objection and appeal steps share: who may act, the lock, the event, date checks, the legal involvement.

Kept apart from the steps so each module stays readable; nothing here is public.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.dates import After, not_before
from ...organisations.roles import Domain, Role
from ...residents import selectors_legal as residents_legal
from ...residents import services as residents_services
from ..models import Objection

PURPOSE = "objection-handling"
INVOLVEMENT_KIND = "legal_matter"


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _today() -> date:
    return timezone.localdate()


def _roles_of(actor) -> set[str]:
    return set(getattr(actor, "roles", ()) or ())


def _legal_organisation_ids(user) -> list[int]:
    """The organisations where `user` holds the legal role (bezwaar en beroep)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    held = user.affiliations_held() if hasattr(user, "affiliations_held") else user.affiliations.all()
    return sorted({a.organisation_id for a in held if a.role == Role.LEGAL})


def _may_handle(actor, objection: Objection, field: str = "objection") -> None:
    """Only staff with the legal role at the objection's organisation take its steps."""
    if objection.organisation_id not in _legal_organisation_ids(actor):
        raise ValidationError(
            {field: _("Alleen een jurist van de afdeling bezwaar van deze organisatie behandelt dit bezwaar.")}
        )


def _locked(objection: Objection) -> Objection:
    return Objection.objects.select_for_update(of=("self",)).get(pk=objection.pk)


def _record(*, actor, objection: Objection, action: str, after: dict | None = None, reason: str = "") -> None:
    """The step's event and its processing-log entry: reference, status, dates and codes, never the grounds."""
    audit.action_record(
        actor=actor,
        action=action,
        subject=objection,
        household_id=objection.household_id,
        after={"reference": objection.reference, "status": objection.status, **(after or {})},
        reason=reason,
        purpose=PURPOSE,
        residents=[objection.objector],
    )


def _day_errors(field: str, day: date | None, objection: Objection, *bounds: After) -> dict[str, str]:
    """A step's date is filled in, not in the future and not before the receipt (nor the earlier steps)."""
    if day is None:
        return {field: _("Vul de datum in.")}
    if day > _today():
        return {field: _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")}
    return not_before(day, field, After(objection.received_on, _("de ontvangst van het bezwaar")), *bounds)


def _text_set(objection: Objection, field: str, value: str | None, missing: str | None, errors: dict) -> None:
    """A step's text, stripped, on the objection; required unless `missing` is None; its length is the model's."""
    text = (value or "").strip()
    if not text and missing is not None:
        errors[field] = missing
    setattr(objection, field, text)
    if field not in errors:
        try:
            objection.clean_fields(exclude=[f.name for f in Objection._meta.fields if f.name != field])
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})


def _involvement_reason(objection: Objection) -> str:
    return f"Bezwaar {objection.reference}"


def _involvement_start(*, actor, objection: Objection, user=None) -> None:
    """The legal staff see the household only through this involvement: the handler's (or the legal organisation's,
    without a handler). One per person and objection."""
    reason = _involvement_reason(objection)
    running = residents_legal.legal_involvements(household_id=objection.household_id, reason=reason)
    if any(i.user_id == (user.pk if user is not None else None) for i in running):
        return
    residents_services.involvement_start(
        actor=actor,
        household=objection.household,
        organisation=objection.organisation,
        kind=INVOLVEMENT_KIND,
        user=user,
        domain=Domain.GENERAL,
        reason=reason,
    )


def _involvements_end(*, actor, objection: Objection) -> int:
    """End the objection's involvements (withdrawn, or the appeal term passed without appeal)."""
    running = residents_legal.legal_involvements(
        household_id=objection.household_id, reason=_involvement_reason(objection)
    )
    for involvement in running:
        residents_services.involvement_end(actor=actor, involvement=involvement)
    return len(running)
