"""Complaints about how staff treated a resident (klachten over bejegening, Awb chapter 9): register (by staff or
in the portal), acknowledge (9:6), resolve informally (9:5), hear or waive the hearing (9:10), postpone once
(9:11 lid 2), decide (9:12) or withdraw.

Each step is one transaction with one event `conduct_complaint.<step>` and a processing-log entry for
conduct-complaint-handling. The handler is never the one the complaint is about (9:7). `decision_due_on` is kept
current (six weeks, ten with a committee, four more once postponed; `core.complaint_terms`), so the deadline
dashboard reads it as a column. Events never hold the complainant's name, contact or text: only dates, codes, ids.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.complaint_steps import extension_errors, step_day_errors, waiver_errors
from ...core.complaint_terms import decision_term_end
from ...core.dates import After
from ...organisations.roles import Role
from ...organisations.selectors import organisation_list
from ...residents.selectors import household_coordinator, household_id_of
from ..models import StaffComplaint, StaffComplaintOutcome, StaffComplaintStatus
from ..workflow_complaints import MACHINE

PURPOSE = "conduct-complaint-handling"
DECISION_OUTCOMES = (
    StaffComplaintOutcome.FOUNDED,
    StaffComplaintOutcome.PARTLY_FOUNDED,
    StaffComplaintOutcome.UNFOUNDED,
)
NOT_INVOLVED = _(
    "Een klacht wordt behandeld door iemand die niet bij de gedraging betrokken was (Awb 9:7). Kies een andere "
    "behandelaar."
)


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _is_legal(user) -> bool:
    return Role.LEGAL in set(getattr(user, "roles", ()) or ())


def _move(complaint: StaffComplaint, step: str, field: str, target: str | None = None, *, actor=None) -> str:
    """The state the step leads to, or the machine's Dutch refusal on the step's own field; the one who takes the
    step works at the complaint's legal desk."""
    if actor is not None and complaint.organisation_id not in {
        a.organisation_id for a in actor.affiliations_held() if a.role == Role.LEGAL
    }:
        raise ValidationError({field: _("Alleen klantbeheer van de organisatie van deze klacht behandelt haar.")})
    try:
        return MACHINE.check(complaint.status, step, target)
    except ValidationError as error:
        raise ValidationError({field: error.messages[0]}) from None


def _record(*, actor, complaint: StaffComplaint, action: str, after: dict, reason: str = "") -> None:
    """The step's event and its processing-log entry: the complainant when a resident is linked."""
    audit.action_record(
        actor=actor,
        action=action,
        subject=complaint,
        household_id=complaint.household_id,
        after={
            "reference": complaint.reference,
            "status": complaint.status,
            "decision_due_on": complaint.decision_due_on,
            **after,
        },
        reason=reason,
        purpose=PURPOSE,
        residents=[complaint.resident] if complaint.resident_id else None,
    )


def _locked(complaint: StaffComplaint) -> StaffComplaint:
    return StaffComplaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)


def _day_errors(field: str, day: date | None, complaint: StaffComplaint, *bounds: After) -> dict[str, str]:
    return step_day_errors(field, day, complaint.received_on, *bounds)


def _text_set(complaint: StaffComplaint, field: str, value: str | None, missing: str, errors: dict[str, str]) -> None:
    """A step's text, stripped, on the complaint, checked against the model's limit (`missing` empty: optional)."""
    text = (value or "").strip()
    if not text and missing:
        errors[field] = missing
    setattr(complaint, field, text)
    if field not in errors:
        try:
            complaint.clean_fields(exclude=[f.name for f in StaffComplaint._meta.fields if f.name != field])
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})


def _due(complaint: StaffComplaint) -> date:
    return decision_term_end(
        received_on=complaint.received_on, committee=complaint.committee, extended=complaint.extended_on is not None
    )


def _organisation_for(*, household_id: int | None, about_team):
    """Who handles a complaint filed in the portal: the legal desk of the household's coordinator's organisation
    (or of the team complained about), else one in its region, else the first organisation with legal staff."""
    legal = organisation_list().filter(affiliations__role=Role.LEGAL).distinct().order_by("pk")
    near = about_team
    if household_id is not None:
        involvement = household_coordinator(household_id=household_id)
        if involvement is not None:
            near = involvement.organisation
    if near is not None:
        own = legal.filter(pk=near.pk).first()
        if own is not None:
            return own
        if near.region_id is not None:
            regional = legal.filter(region_id=near.region_id).first()
            if regional is not None:
                return regional
    return legal.first()


@transaction.atomic
def conduct_complaint_register(
    *,
    actor,
    complainant_name: str,
    received_on: date,
    subject: str,
    complainant_contact: str = "",
    about_user=None,
    about_team=None,
    conduct_on: date | None = None,
    committee: bool = False,
    resident=None,
    organisation=None,
    handler=None,
    channel: str = "staff",
) -> StaffComplaint:
    """A complaint received (in writing, Awb 9:4) about a staff member and/or a team. Klantbeheer registers any;
    in the portal the resident files their own (`conduct_complaint_register_by_resident`). The handler defaults to
    the legal staff member who registers it, and is never the one complained about (9:7)."""
    errors: dict[str, str] = {}
    is_resident = getattr(actor, "resident", None) is not None and not _is_legal(actor)
    if not is_resident and not _is_legal(actor):
        errors["about_user"] = _("Alleen klantbeheer legt een klacht over bejegening vast.")
    if not is_resident and about_user is None and about_team is None:
        errors["about_user"] = _("Vul in over welke medewerker of welk team de klacht gaat.")
    if handler is None and _is_legal(actor):
        handler = actor
    if handler is not None and about_user is not None and handler.pk == about_user.pk:
        errors["handler"] = NOT_INVOLVED
    if handler is not None and not _is_legal(handler):
        errors.setdefault("handler", _("Kies als behandelaar een medewerker van klantbeheer."))
    household_id = household_id_of(resident_id=resident.pk) if resident is not None else None
    if organisation is None and _is_legal(actor):
        organisation = next((a.organisation for a in actor.affiliations_held() if a.role == Role.LEGAL), None)
    if organisation is None:
        organisation = _organisation_for(household_id=household_id, about_team=about_team)
    if organisation is None:
        errors.setdefault("about_user", _("Er is geen organisatie die deze klacht kan behandelen."))
    if conduct_on is not None and received_on is not None and conduct_on > received_on:
        errors["conduct_on"] = _("De gedraging was vóór de ontvangst van de klacht. Vul een eerdere datum in.")
    complaint = StaffComplaint(
        reference=uuid.uuid4().hex[:20],  # replaced by the numbered reference once saved
        household_id=household_id,
        resident=resident,
        complainant_name=(complainant_name or "").strip(),
        complainant_contact=(complainant_contact or "").strip(),
        channel=channel,
        organisation=organisation,
        about_user=about_user,
        about_team=about_team,
        conduct_on=conduct_on,
        received_on=received_on,
        subject=(subject or "").strip(),
        committee=committee,
        status=StaffComplaintStatus.RECEIVED,
        handler=handler,
    )
    if received_on is not None:
        complaint.decision_due_on = _due(complaint)
    try:
        complaint.full_clean(exclude=["reference", "organisation"] if organisation is None else ["reference"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault("handler" if field == "__all__" else field, messages[0])
    if received_on is not None and received_on > timezone.localdate():
        errors["received_on"] = _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")
    _raise(errors)
    complaint.save()
    complaint.reference = f"KB-{received_on.year}-{complaint.pk:06d}"
    complaint.save(update_fields=["reference"])
    _record(
        actor=actor,
        complaint=complaint,
        action="conduct_complaint.registered",
        after={
            "channel": channel,
            "about_user_id": complaint.about_user_id,
            "about_team_id": complaint.about_team_id,
            "handler_id": complaint.handler_id,
            "received_on": received_on,
            "committee": committee,
        },
    )
    return complaint


@transaction.atomic
def conduct_complaint_register_by_resident(
    *, actor, subject: str, conduct_on: date | None = None, contact: str = "", about_team=None
) -> StaffComplaint:
    """A complaint the resident files in Mijn Routekaart: received today, the complainant the resident logged in."""
    me = getattr(actor, "resident", None)
    if me is None:
        raise ValidationError({"subject": _("Log in als inwoner om een klacht in te dienen.")})
    return conduct_complaint_register(
        actor=actor,
        complainant_name=me.full_name,
        complainant_contact=contact,
        received_on=timezone.localdate(),
        subject=subject,
        conduct_on=conduct_on,
        about_team=about_team,
        resident=me,
        channel="portal",
    )


@transaction.atomic
def conduct_complaint_acknowledge(*, actor, complaint: StaffComplaint, acknowledged_on: date) -> StaffComplaint:
    """The written acknowledgement of receipt (ontvangstbevestiging, Awb 9:6)."""
    complaint = _locked(complaint)
    status = _move(complaint, "acknowledge", "acknowledged_on", actor=actor)
    _raise(_day_errors("acknowledged_on", acknowledged_on, complaint))
    complaint.acknowledged_on = acknowledged_on
    complaint.status = status
    complaint.save(update_fields=["acknowledged_on", "status"])
    _record(
        actor=actor,
        complaint=complaint,
        action="conduct_complaint.acknowledged",
        after={"acknowledged_on": acknowledged_on},
    )
    return complaint


@transaction.atomic
def conduct_complaint_resolve_informally(
    *, actor, complaint: StaffComplaint, resolved_on: date, conclusions: str = ""
) -> StaffComplaint:
    """Resolved to the complainant's satisfaction (Awb 9:5): no further handling; the complaint is decided with
    outcome `resolved`, and a short note of how it was resolved."""
    complaint = _locked(complaint)
    status = _move(complaint, "resolve", "resolved_on", actor=actor)
    errors = _day_errors(
        "resolved_on", resolved_on, complaint, After(complaint.acknowledged_on, _("de ontvangstbevestiging"))
    )
    _text_set(complaint, "conclusions", conclusions, "", errors)
    _raise(errors)
    complaint.decided_on = resolved_on
    complaint.outcome = StaffComplaintOutcome.RESOLVED
    complaint.status = status
    complaint.save(update_fields=["decided_on", "outcome", "conclusions", "status"])
    _record(
        actor=actor,
        complaint=complaint,
        action="conduct_complaint.resolved",
        after={"decided_on": resolved_on, "outcome": complaint.outcome},
    )
    return complaint


@transaction.atomic
def conduct_complaint_hear(
    *, actor, complaint: StaffComplaint, heard_on: date, waived: bool = False, waiver_reason: str = ""
) -> StaffComplaint:
    """The complainant heard (Awb 9:10 lid 1), or the hearing waived for a reason of lid 2; the reason is the
    event's, not the complaint's."""
    complaint = _locked(complaint)
    status = _move(complaint, "hear", "heard_on", actor=actor)
    errors = _day_errors(
        "heard_on", heard_on, complaint, After(complaint.acknowledged_on, _("de ontvangstbevestiging"))
    )
    waiver_reason = (waiver_reason or "").strip()
    errors |= waiver_errors(waived, waiver_reason)
    _raise(errors)
    complaint.heard_on = heard_on
    complaint.hearing_waived = waived
    complaint.status = status
    complaint.save(update_fields=["heard_on", "hearing_waived", "status"])
    _record(
        actor=actor,
        complaint=complaint,
        action="conduct_complaint.heard",
        after={"heard_on": heard_on, "waived": waived},
        reason=waiver_reason,
    )
    return complaint


@transaction.atomic
def conduct_complaint_extend(
    *, actor, complaint: StaffComplaint, extended_on: date, extension_reason: str
) -> StaffComplaint:
    """The decision postponed once, by four weeks, with written notice to the complainant and the one the
    complaint is about (Awb 9:11 lid 2); only while the term still runs. The last day moves with it."""
    complaint = _locked(complaint)
    _move(complaint, "extend", "extended_on", actor=actor)
    if complaint.extended_on is not None:
        _raise({"extended_on": _("De afhandeling is al eens verdaagd; dat kan maar één keer (Awb 9:11 lid 2).")})
    errors = extension_errors(extended_on, received_on=complaint.received_on, committee=complaint.committee)
    _text_set(
        complaint,
        "extension_reason",
        extension_reason,
        _("Vul de reden van de verdaging in; de klager krijgt die schriftelijk."),
        errors,
    )
    _raise(errors)
    complaint.extended_on = extended_on
    complaint.decision_due_on = _due(complaint)
    complaint.save(update_fields=["extended_on", "extension_reason", "decision_due_on"])
    _record(actor=actor, complaint=complaint, action="conduct_complaint.extended", after={"extended_on": extended_on})
    return complaint


@transaction.atomic
def conduct_complaint_decide(
    *, actor, complaint: StaffComplaint, decided_on: date, outcome: str, conclusions: str
) -> StaffComplaint:
    """The written decision: founded, partly founded or unfounded, with its conclusions (Awb 9:12); by a handler
    who was not involved (9:7)."""
    complaint = _locked(complaint)
    if complaint.status == StaffComplaintStatus.RECEIVED:
        _raise({"decided_on": _("Bevestig eerst de ontvangst van de klacht (Awb 9:6).")})
    if not complaint.is_open:
        _raise({"decided_on": _("Deze klacht is al afgehandeld of ingetrokken.")})
    status = _move(complaint, "decide", "decided_on", actor=actor)
    if complaint.about_user_id is not None and complaint.about_user_id == actor.pk:
        _raise({"decided_on": NOT_INVOLVED})
    errors = _day_errors(
        "decided_on",
        decided_on,
        complaint,
        After(complaint.acknowledged_on, _("de ontvangstbevestiging")),
        After(complaint.heard_on, _("het horen")),
        After(complaint.extended_on, _("de verdaging")),
    )
    if outcome not in DECISION_OUTCOMES:
        errors["outcome"] = _("Kies of de klacht gegrond, deels gegrond of ongegrond is.")
    _text_set(complaint, "conclusions", conclusions, _("Vul de bevindingen en de conclusies in (Awb 9:12)."), errors)
    _raise(errors)
    complaint.decided_on = decided_on
    complaint.outcome = outcome
    complaint.status = status
    if complaint.handler_id is None and _is_legal(actor):
        complaint.handler = actor
    complaint.save(update_fields=["decided_on", "outcome", "conclusions", "status", "handler"])
    _record(
        actor=actor,
        complaint=complaint,
        action="conduct_complaint.decided",
        after={"decided_on": decided_on, "outcome": outcome},
    )
    return complaint


@transaction.atomic
def conduct_complaint_withdraw(*, actor, complaint: StaffComplaint, reason: str = "") -> StaffComplaint:
    """The complainant withdrew the complaint: it is closed without a decision."""
    complaint = _locked(complaint)
    complaint.status = _move(complaint, "withdraw", "reason", actor=actor)
    complaint.save(update_fields=["status"])
    _record(
        actor=actor,
        complaint=complaint,
        action="conduct_complaint.withdrawn",
        after={},
        reason=(reason or "").strip(),
    )
    return complaint
