"""The benefit and its fixed coordinator: grant, warm handover to another coordinator, end; cost-sharer exclusions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from ...audit import services as audit
from ...organisations.models import Organisation
from ...organisations.roles import Domain
from ...residents import services as residents
from ...residents.models import Household, InvolvementKind, Resident
from .. import selectors
from ..models import (
    AnnualReview,
    CoordinatorHandover,
    CostSharerExclusion,
    ReviewStatus,
    SocialAssistance,
    WorkObligation,
)
from ._shared import ACTIVITY, _lock_benefit, _today

MIN_HANDOVER_NOTE = 20


def iban_compact(value: str | None) -> str:
    """An IBAN as entered ("nl91 abna 0417 1643 00") in its compact form ("NL91ABNA0417164300")."""
    return "".join((value or "").split()).upper()


def account_errors(*, iban: str | None, account_holder: str | None) -> dict[str, str]:
    """The account a benefit is paid to: a valid IBAN (schwifty checks length, check digits and bank code) with
    the name it is held in; both may stay empty until the client gives them."""
    compact = iban_compact(iban)
    if not compact:
        return {}
    try:
        IBAN(compact)
    except (SchwiftyException, ValueError):
        return {
            "iban": _("Dit is geen geldig IBAN. Controleer het rekeningnummer, bijvoorbeeld NL91 ABNA 0417 1643 00.")
        }
    if not (account_holder or "").strip():
        return {"account_holder": _("Vul in op wiens naam de rekening staat.")}
    return {}


@transaction.atomic
def social_assistance_grant(
    *,
    actor,
    household: Household,
    client: Resident,
    organisation: Organisation,
    coordinator,
    started_on: date,
    work_obligation: str = WorkObligation.OBLIGED,
    surplus_settlement: bool = False,
    iban: str = "",
    account_holder: str = "",
    channel: str | None = None,
) -> SocialAssistance:
    """Record social assistance for a household. A benefit needs a fixed coordinator (vaste regiehouder): the
    household's coordinator if it has one, else the one named here, who then becomes it. The account it is paid to
    (IBAN and holder) may follow later; the payment run skips a benefit without a valid one."""
    errors: dict[str, str] = account_errors(iban=iban, account_holder=account_holder)
    iban, account_holder = iban_compact(iban), (account_holder or "").strip()
    if coordinator is None:
        errors["coordinator"] = _("Iedere inwoner met bijstand heeft een vaste regiehouder. Kies de regiehouder.")
    elif not selectors.is_coordinator_at(user=coordinator, organisation_id=organisation.pk):
        errors["coordinator"] = _("De regiehouder is een regisseur of klantmanager van de uitvoerder.")
    if work_obligation not in WorkObligation.values:
        errors["work_obligation"] = _("Kies of de inwoner een arbeidsverplichting heeft.")
    if not selectors.is_member_on(household_id=household.pk, resident_id=client.pk, on=started_on):
        errors["client"] = _("De aanvrager hoort op de ingangsdatum bij dit huishouden.")
    if errors:
        raise ValidationError(errors)
    Household.objects.select_for_update(of=("self",)).filter(pk=household.pk).first()
    if selectors.unended_benefit_exists(household_id=household.pk):
        raise ValidationError({"household": _("Dit huishouden heeft al een lopende bijstandsuitkering.")})
    present = residents.coordinator_named_check(household_id=household.pk, user=coordinator, on=started_on)
    if present is None:
        present = residents.involvement_start(
            actor=actor,
            household=household,
            organisation=organisation,
            user=coordinator,
            kind=InvolvementKind.COORDINATOR,
            domain=Domain.PARTICIPATION,
            reason=_("Bijstand (Participatiewet): vaste regiehouder"),
            valid_from=started_on,
        )
    benefit = SocialAssistance(
        household=household,
        client=client,
        organisation=organisation,
        started_on=started_on,
        work_obligation=work_obligation,
        surplus_settlement=surplus_settlement,
        iban=iban,
        account_holder=account_holder,
    )
    benefit.full_clean(exclude=["household", "client", "organisation"])
    benefit.save()
    audit.action_record(
        actor=actor,
        action="social_assistance.granted",
        subject=benefit,
        household_id=household.pk,
        after={
            "coordinator": coordinator.pk,
            "organisation": organisation.code,
            "started_on": started_on,
            "work_obligation": work_obligation,
            "surplus_settlement": surplus_settlement,
            "account_recorded": bool(iban),
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=started_on,
        channel=channel,
    )
    return benefit


@transaction.atomic
def coordinator_reassign(
    *,
    actor,
    benefit: SocialAssistance,
    to_user,
    handed_over_on: date,
    meeting_on: date | None,
    client_consented: bool,
    note: str,
    channel: str | None = None,
) -> CoordinatorHandover:
    """Reassign the fixed coordinator with a warm handover: a conversation with the client, old and new
    coordinator, with the client's consent, and a note for the new coordinator. The household's coordinator moves
    with it (through the open case when there is one), so the household keeps exactly one."""
    benefit = _lock_benefit(benefit)
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if benefit.ended_on is not None and benefit.ended_on <= handed_over_on:
        errors["handed_over_on"] = _("De uitkering is op die datum al beëindigd.")
    if to_user is None:
        errors["to_user"] = _("Kies de nieuwe regiehouder.")
    elif to_user.pk == benefit.coordinator_id:
        errors["to_user"] = _("Draag over aan een andere regiehouder.")
    elif not selectors.is_coordinator_at(user=to_user, organisation_id=benefit.organisation_id):
        errors["to_user"] = _("De regiehouder is een regisseur of klantmanager van de uitvoerder.")
    if meeting_on is None:
        errors["meeting_on"] = _("Een warme overdracht begint met een gesprek met de inwoner: leg de datum vast.")
    elif meeting_on > _today():
        errors["meeting_on"] = _("Deze datum ligt in de toekomst.")
    if not client_consented:
        errors["client_consented"] = _("Een warme overdracht gebeurt met instemming van de inwoner.")
    if len(note) < MIN_HANDOVER_NOTE:
        errors["note"] = _(
            "Schrijf een overdrachtsnotitie van ten minste %(n)d tekens: wat moet de nieuwe regiehouder weten?"
        ) % {"n": MIN_HANDOVER_NOTE}
    if handed_over_on < benefit.started_on:
        errors["handed_over_on"] = _("Deze datum ligt vóór de ingangsdatum van de uitkering.")
    if errors:
        raise ValidationError(errors)
    from_user_id = benefit.coordinator_id
    # the planned conversations that go with the client (they read the household's coordinator)
    moved = selectors.planned_reviews_count(benefit_id=benefit.pk)
    case = selectors.open_case_get(household_id=benefit.household_id, with_intakes=False)
    if case is not None:
        from ...access import services as access_services

        access_services.coordinator_transfer(
            actor=actor,
            case=case,
            to_user=to_user,
            to_organisation=benefit.organisation,
            note=note,
            resident_informed_on=meeting_on,
            handed_over_on=handed_over_on,
            channel=channel,
        )
    else:
        residents.coordinator_hand_over(
            actor=actor,
            household=Household(pk=benefit.household_id),
            to_user=to_user,
            organisation=benefit.organisation,
            on=handed_over_on,
            reason=_("Bijstand (Participatiewet): vaste regiehouder na warme overdracht"),
        )
    handover = CoordinatorHandover(
        benefit=benefit,
        from_user_id=from_user_id,
        to_user=to_user,
        handed_over_on=handed_over_on,
        meeting_on=meeting_on,
        client_consented=client_consented,
        note=note,
        recorded_by=actor,
    )
    handover.save()
    # Planned conversations and open coordinator reminders read the household's coordinator: they moved with it.
    audit.action_record(
        actor=actor,
        action="social_assistance.coordinator_reassigned",
        subject=benefit,
        household_id=benefit.household_id,
        before={"coordinator": from_user_id},
        after={
            "coordinator": to_user.pk,
            "handed_over_on": handed_over_on,
            "meeting_on": meeting_on,
            "planned_reviews_moved": moved,
            "through_case": case.pk if case is not None else None,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        channel=channel,
    )
    return handover


@transaction.atomic
def social_assistance_end(*, actor, benefit: SocialAssistance, ended_on: date, reason: str) -> SocialAssistance:
    """End the benefit from `ended_on` (the first day without). Planned conversations after it lapse."""
    benefit = _lock_benefit(benefit)
    if benefit.ended_on is not None:
        raise ValidationError({"ended_on": _("Deze uitkering is al beëindigd.")})
    if ended_on <= benefit.started_on:
        raise ValidationError({"ended_on": _("De einddatum ligt niet na de ingangsdatum.")})
    if not (reason or "").strip():
        raise ValidationError({"end_reason": _("Geef de reden van beëindiging.")})
    benefit.ended_on = ended_on
    benefit.end_reason = reason.strip()
    benefit.save(update_fields=["ended_on", "end_reason"])
    AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED, planned_on__gte=ended_on).update(
        status=ReviewStatus.CANCELLED
    )
    audit.action_record(
        actor=actor,
        action="social_assistance.ended",
        subject=benefit,
        household_id=benefit.household_id,
        after={"ended_on": ended_on},
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
    )
    return benefit


@transaction.atomic
def cost_sharer_exclusion_record(
    *, actor, household: Household, resident: Resident, reason: str, valid_from: date, valid_to: date | None = None
) -> CostSharerExclusion:
    """A housemate who does not count for the cost-sharer norm: a student, or a commercial relationship."""
    exclusion = CostSharerExclusion(
        household=household,
        resident=resident,
        reason=reason,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=actor,
    )
    exclusion.full_clean(exclude=["household", "resident", "recorded_by"])
    if not selectors.is_member_on(household_id=household.pk, resident_id=resident.pk, on=valid_from):
        raise ValidationError({"resident": _("Deze inwoner woont op die datum niet in dit huishouden.")})
    exclusion.save()
    audit.action_record(
        actor=actor,
        action="cost_sharer_exclusion.recorded",
        subject=exclusion,
        household_id=household.pk,
        after={"resident": resident.pk, "reason": reason, "valid_from": valid_from, "valid_to": valid_to},
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=valid_from,
    )
    return exclusion
