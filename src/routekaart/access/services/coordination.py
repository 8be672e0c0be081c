"""Coordination: the warm handover to another coordinator, and appointing a procesregisseur."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.periods import valid_on
from ...organisations.models import Organisation
from ...organisations.roles import Role
from ...residents import services as residents
from ...residents.access import HOUSEHOLD_FILE
from ...residents.models import Involvement, InvolvementKind
from .. import selectors, workflow
from ..models import Case, WarmHandover
from ._shared import _lock_case, _today

MIN_HANDOVER_NOTE = 20


@transaction.atomic
def coordinator_transfer(
    *,
    actor,
    case: Case,
    to_user,
    to_organisation: Organisation,
    note: str,
    resident_informed_on: date | None,
    handed_over_on: date | None = None,
    channel: str | None = None,
) -> WarmHandover:
    """Warme overdracht: both coordinators named, a handover note, and the resident informed."""
    case = _lock_case(case)
    handed_over_on = handed_over_on or _today()
    errors: dict[str, str] = {}
    if to_user is None:
        errors["to_user"] = _("Kies de nieuwe regisseur.")
    elif to_user.pk == case.coordinator_id:
        errors["to_user"] = _("Een overdracht gaat naar een andere regisseur.")
    elif not to_user.affiliations.filter(organisation=to_organisation, role=Role.COORDINATOR).exists():
        errors["to_user"] = _("Alleen een regisseur kan regisseur van een huishouden zijn.")
    if len((note or "").strip()) < MIN_HANDOVER_NOTE:
        errors["note"] = _(
            "Schrijf een overdrachtsnotitie van ten minste %(n)s tekens: wat moet de nieuwe regisseur weten?"
        ) % {"n": MIN_HANDOVER_NOTE}
    if resident_informed_on is None:
        errors["resident_informed_on"] = _(
            "Een warme overdracht gebeurt niet buiten de inwoner om: leg vast wanneer de inwoner is geïnformeerd."
        )
    elif resident_informed_on > _today():
        errors["resident_informed_on"] = _("Deze datum ligt in de toekomst.")
    if handed_over_on < case.opened_on:
        errors["handed_over_on"] = _("Deze datum ligt vóór de opening van de casus.")
    if not errors:
        try:
            workflow.transition(case, "coordinator_transfer")
        except ValidationError as error:
            errors["to_user"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    from_user = case.coordinator
    case.coordinator_involvement = residents.coordinator_hand_over(
        actor=actor,
        household=case.household,
        to_user=to_user,
        organisation=to_organisation,
        on=handed_over_on,
        reason=_("Regisseur na warme overdracht"),
    )
    handover = WarmHandover.objects.create(
        case=case,
        from_user=from_user,
        to_user=to_user,
        to_organisation=to_organisation,
        handed_over_on=handed_over_on,
        note=note.strip(),
        resident_informed_on=resident_informed_on,
        recorded_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="coordinator.transferred",
        subject=handover,
        household_id=case.household_id,
        before={"coordinator": from_user.pk},
        after={
            "case": case.pk,
            "coordinator": to_user.pk,
            "organisation": to_organisation.code,
            "resident_informed_on": resident_informed_on,
        },
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return handover


@transaction.atomic
def process_coordinator_appoint(*, actor, case: Case, user, channel: str | None = None) -> Case:
    """Procesregisseur for a household with provisions of more than one cluster (seed 003 §3.5)."""
    case = _lock_case(case)
    workflow.transition(case, "process_coordinator_appoint")
    affiliation = (
        user.affiliations.filter(role=Role.COORDINATOR).select_related("organisation").order_by("pk").first()
        if user is not None
        else None
    )
    if affiliation is None:
        raise ValidationError({"user": _("Alleen een regisseur kan procesregisseur zijn.")})
    if case.process_coordinator_id == user.pk:
        raise ValidationError({"user": _("Deze medewerker is al procesregisseur.")})
    before = {"process_coordinator": case.process_coordinator_id}
    case.process_coordinator = user
    case.save(update_fields=["process_coordinator"])
    involved = Involvement.objects.filter(valid_on(_today()), household_id=case.household_id, user=user).exists()
    if not involved:
        residents.involvement_start(
            actor=actor,
            household=case.household,
            organisation=affiliation.organisation,
            user=user,
            kind=InvolvementKind.TEAM_MEMBER,
            reason=_("Procesregisseur"),
        )
    audit.action_record(
        actor=actor,
        action="process_coordinator.appointed",
        subject=case,
        household_id=case.household_id,
        before=before,
        after={"process_coordinator": user.pk, "clusters": selectors.clusters_in_force(case=case)},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return case
