"""Consent and break the glass: what widens a staff member's view of a household, each one transaction and one
event. The access check (residents.access) reads both live; nothing here is cached."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..audit.models import Operation, Result
from ..core.periods import valid_on
from ..organisations.models import Organisation
from ..organisations.roles import ROLE_DOMAINS, Role
from . import rules_data
from .life_phase import age_on
from .models import BreakGlass, Consent, Household, Membership, Relation, RelationKind, Resident

BREAK_GLASS_DURATION = timedelta(hours=4)
BREAK_GLASS_MIN_REASON = 20


def _consent_state(consent: Consent) -> dict:
    return {
        "resident": consent.resident_id,
        "given_by": consent.given_by_id,
        "organisation": consent.organisation.code,
        "domain": consent.domain,
        "valid_from": consent.valid_from,
        "valid_to": consent.valid_to,
        "withdrawn_at": consent.withdrawn_at,
    }


def _consent_giver(*, subject: Resident, given_by: Resident | None, on: date) -> Resident | None:
    """Who may consent for `subject`'s data: the person from 16 on; below 16 a parent (AVG art. 8, UAVG art. 5).
    The age is data (data/legal_numbers.yaml, `consent_min_age`)."""
    consent_min_age = rules_data.value("consent_min_age")
    if age_on(subject.birth_date, on) >= consent_min_age:
        if given_by is not None and given_by.pk != subject.pk:
            raise ValidationError(
                {"given_by": _("Vanaf 16 jaar geeft iemand zelf toestemming voor de eigen gegevens.")}
            )
        return None
    is_parent = (
        given_by is not None
        and age_on(given_by.birth_date, on) >= consent_min_age
        and Relation.objects.filter(resident=given_by, related=subject, kind=RelationKind.PARENT).exists()
    )
    if not is_parent:
        raise ValidationError(
            {"given_by": _("Voor een kind onder 16 jaar geeft een ouder of voogd toestemming, niet het kind zelf.")}
        )
    return given_by


@transaction.atomic
def consent_record(
    *,
    actor,
    household: Household,
    resident: Resident,
    organisation: Organisation,
    domain: str,
    scope: str,
    given_by: Resident | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Consent:
    """Record that `resident` (or, under 16, their parent `given_by`) lets `organisation` see `domain` of the
    resident's own data, for `scope`. It opens that person only, never the rest of the household."""
    valid_from = valid_from or timezone.localdate()
    consent = Consent(
        household=household,
        resident=resident,
        organisation=organisation,
        domain=domain,
        scope=(scope or "").strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    consent.full_clean(exclude=["given_by"])
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("De einddatum ligt vóór de begindatum.")})
    member = Membership.objects.filter(valid_on(valid_from), household=household, resident=resident).exists()
    if not member:
        raise ValidationError({"resident": _("Toestemming gaat over een lid van dit huishouden.")})
    consent.given_by = _consent_giver(subject=resident, given_by=given_by, on=valid_from)
    consent.save()
    audit.action_record(
        actor=actor,
        action="consent.recorded",
        subject=("consent", consent.pk),
        household_id=household.pk,
        after=_consent_state(consent),
        purpose="consent",
        residents=[resident],
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    """The resident withdraws consent: from this moment it opens nothing (the access check reads it live)."""
    consent = (
        Consent.objects.select_for_update(of=("self",)).select_related("organisation", "resident").get(pk=consent.pk)
    )
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    before = _consent_state(consent)
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.action_record(
        actor=actor,
        action="consent.withdrawn",
        subject=("consent", consent.pk),
        household_id=consent.household_id,
        before=before,
        after=_consent_state(consent),
        purpose="consent",
        residents=[consent.resident],
    )
    return consent


@transaction.atomic
def break_glass_start(*, user, household_id: int, reason: str) -> BreakGlass | None:
    """Urgent access without involvement, for a few hours, with a written reason the privacy officer reviews.

    For a number that is no household the attempt is logged as refused and None returned; the caller then answers
    exactly as for a household the user may not see, so the form reveals nothing.
    """
    reason = (reason or "").strip()
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise ValidationError(
            {
                "reason": _("Beschrijf in ten minste %(count)d tekens waarom u met spoed toegang nodig hebt.")
                % {"count": BREAK_GLASS_MIN_REASON}
            }
        )
    if not any(ROLE_DOMAINS.get(role) for role in user.roles if role != Role.RESIDENT):
        raise ValidationError(_("Uw rol geeft geen toegang tot dossiers; noodtoegang is niet mogelijk."))
    household = Household.objects.filter(pk=household_id).first()
    if household is None:
        audit.processing_record(
            actor=user,
            activity="break-the-glass",
            data_subjects=[""],
            result=Result.DENIED,
            reason=f"household {household_id}: no such household",
        )
        return None
    now = timezone.now()
    glass = BreakGlass.objects.create(
        user=user, household=household, reason=reason, started_at=now, expires_at=now + BREAK_GLASS_DURATION
    )
    audit.action_record(
        actor=user,
        action="break_glass.started",
        subject=("break_glass", glass.pk),
        household_id=household.pk,
        after={"expires_at": glass.expires_at},
    )
    subjects = Membership.objects.filter(household=household).values_list("resident__bsn", flat=True)
    audit.processing_record(
        actor=user,
        activity="break-the-glass",
        data_subjects=[audit.pseudonym(b) for b in dict.fromkeys(subjects)] or [""],
        operation=Operation.READ,
        result=Result.BREAK_GLASS,
        reason=reason,
    )
    return glass
