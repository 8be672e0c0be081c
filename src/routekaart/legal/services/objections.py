"""Bezwaar: an objection against a decision of the toegang or a benefit decision, from its receipt to the decision
on the objection (Awb chapter 6 and 7), and the notice of default with its penalty (Awb 4:17).

Each public step is one transaction with one event `objection.<step>` (purpose objection-handling). Bad input, a
step out of order (`workflow_objections.OBJECTION`) or an actor who may not take it is refused with a Dutch message
per field, and nothing changes. The terms are `legal.terms`'s; the dates they give are stored on the objection
(objection term, decision term, completion term). Events carry the reference, status, dates and outcome, never the
grounds or any other text of the objector. The decision on the objection changes the original decision through the
access app's services, in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ...access import selectors_legal as access_legal
from ...access.services import provisions as access_provisions
from ...core.dates import After
from ...income import selectors_legal as income_legal
from ...organisations import selectors as organisation_selectors
from ...organisations.roles import Role
from ...residents import selectors_legal as residents_legal
from ...residents.access import households_visible
from ...residents.represented import persons_represented
from .. import terms
from ..models import (
    OPEN_OBJECTION_STATUSES,
    DecisionEffect,
    DecisionKind,
    Hearing,
    Objection,
    ObjectionChannel,
    ObjectionOutcome,
    ObjectionStatus,
)
from ..workflow_objections import OBJECTION
from ._objection_shared import (
    _day_errors,
    _involvement_start,
    _involvements_end,
    _legal_organisation_ids,
    _locked,
    _may_handle,
    _raise_if,
    _record,
    _roles_of,
    _text_set,
    _today,
)
from .defaults import default_notice_register, default_penalty_settle

__all__ = [
    "decision_for_objection",
    "default_notice_register",
    "default_penalty_settle",
    "hearing_plan",
    "hearing_record",
    "hearing_waive",
    "objection_acknowledge",
    "objection_advise",
    "objection_assign",
    "objection_complete",
    "objection_decide",
    "objection_extend",
    "objection_informal_contact",
    "objection_late_judge",
    "objection_postpone",
    "objection_register",
    "objection_register_by_reference",
    "objection_withdraw",
]


OBJECTION_OPEN = tuple(OPEN_OBJECTION_STATUSES)
REFERENCE_REFUSAL = _lazy(
    "Wij vinden geen besluit met dit kenmerk voor iemand met deze geboortedatum. "
    "Controleer het kenmerk op de brief en de geboortedatum."
)


def _long(day: date) -> str:
    return formats.date_format(day, "j F Y")


def decision_for_objection(*, decision_kind: str, decision_id: int):
    """The decision objected to, as its app lets legal read it (access or income), or None."""
    if decision_kind == DecisionKind.ACCESS:
        return access_legal.decision_for_objection(decision_id=decision_id)
    if decision_kind == DecisionKind.BENEFIT:
        return income_legal.benefit_for_objection(benefit_id=decision_id)
    return None


def _due(objection: Objection) -> date:
    """The decision term's last day as the objection's facts make it now (Awb 7:10)."""
    return terms.decision_term_end(
        objection_term_ends_on=objection.objection_term_ends_on,
        received_on=objection.received_on,
        late=objection.late,
        committee=objection.committee,
        extended=objection.extended_on is not None,
        postponed_weeks=objection.postponed_weeks,
    )


def _registrant_errors(actor, channel: str, decision, objector_id: int) -> dict[str, str]:
    """Legal staff register any objection; a coordinator one received at the desk for a household they work with;
    a resident, in the portal, their own (or that of a person they represent)."""
    roles = _roles_of(actor)
    if Role.LEGAL in roles and _legal_organisation_ids(actor):
        return {}
    if Role.COORDINATOR in roles:
        if channel != ObjectionChannel.STAFF:
            return {"channel": _("Een regisseur legt een bezwaar vast dat aan de balie is ontvangen.")}
        if households_visible(user=actor).filter(pk=decision.household_id).exists():
            return {}
        return {"decision_id": _("U bent niet betrokken bij het huishouden van dit besluit.")}
    me = getattr(actor, "resident", None)
    if me is not None and channel == ObjectionChannel.PORTAL:
        represented = {r.resident.pk for r in persons_represented(resident=me, on=_today())}
        if objector_id in represented:
            return {}
        return {"objector_id": _("U kunt alleen bezwaar maken voor uzelf of voor wie u vertegenwoordigt.")}
    return {"channel": _("Alleen de afdeling bezwaar, de regisseur of de inwoner zelf legt een bezwaar vast.")}


def _organisation_id(actor, handler, decision) -> int | None:
    """The bestuursorgaan's legal desk: the handler's, else the actor's, else the one of the decision's organisation
    or its region that has legal staff."""
    for user in (handler, actor):
        found = _legal_organisation_ids(user)
        if found:
            return found[0]
    legal = organisation_selectors.organisation_list().filter(affiliations__role=Role.LEGAL).distinct()
    own = legal.filter(pk=decision.organisation_id).values_list("pk", flat=True).first()
    if own is not None:
        return own
    region = organisation_selectors.organisation_list().filter(pk=decision.organisation_id).values("region").first()
    if region and region["region"] is not None:
        return legal.filter(region_id=region["region"]).order_by("pk").values_list("pk", flat=True).first()
    return None


@transaction.atomic
def objection_register(
    *,
    actor,
    decision_kind: str,
    decision_id: int,
    objector_id: int,
    channel: str,
    received_on: date,
    grounds: str = "",
    pro_forma: bool = False,
    late_reason: str = "",
    representative: str = "",
    committee: bool = False,
    handler=None,
) -> Objection:
    """An objection received (Awb 6:4): its objection term, whether it is late, the decision term (Awb 7:10) and,
    for a pro-forma objection, the term to complete it (6:6). The legal staff get the household through a
    legal-matter involvement started here."""
    errors: dict[str, str] = {}
    if decision_kind not in DecisionKind.values:
        _raise_if({"decision_kind": _("Kies het soort besluit: een beschikking van de toegang of een uitkering.")})
    decision = decision_for_objection(decision_kind=decision_kind, decision_id=decision_id)
    if decision is None:
        _raise_if({"decision_id": _("Dit besluit bestaat niet of u hebt er geen toegang toe.")})
    if objector_id != decision.addressee_id and not residents_legal.resident_in_household(
        resident_id=objector_id, household_id=decision.household_id
    ):
        errors["objector_id"] = _("De indiener is niet degene aan wie het besluit is gericht of een huisgenoot.")
    if channel not in ObjectionChannel.values:
        errors["channel"] = _("Kies hoe het bezwaar is binnengekomen.")
    errors.update(_registrant_errors(actor, channel, decision, objector_id) if not errors else {})
    if received_on is None:
        errors["received_on"] = _("Vul de datum van ontvangst in.")
    elif received_on > _today():
        errors["received_on"] = _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")
    elif received_on < decision.sent_on:
        errors["received_on"] = _("Het bezwaar is ontvangen vóór het besluit is verzonden (%(date)s).") % {
            "date": _long(decision.sent_on)
        }
    if handler is not None and not _legal_organisation_ids(handler):
        errors["handler"] = _("De behandelaar is geen jurist van een afdeling bezwaar.")
    organisation_id = _organisation_id(actor, handler, decision)
    if organisation_id is None:
        errors.setdefault("decision_id", _("Er is geen afdeling bezwaar die dit besluit behandelt."))
    if handler is not None and organisation_id not in _legal_organisation_ids(handler):
        errors.setdefault("handler", _("De behandelaar werkt niet bij de afdeling bezwaar die dit besluit behandelt."))
    _raise_if(errors)
    term_end = terms.objection_term_end(decision.sent_on, decision.objection_weeks)
    late = received_on > term_end
    duplicate = (
        Objection.objects.filter(
            decision_kind=decision_kind, decision_id=decision.id, objector_id=objector_id, status__in=OBJECTION_OPEN
        )
        .values_list("reference", flat=True)
        .first()
    )
    if duplicate:
        errors["decision_id"] = _("Tegen dit besluit loopt al een bezwaar van deze indiener (%(reference)s).") % {
            "reference": duplicate
        }
    objection = Objection(
        reference=uuid.uuid4().hex[:20],  # replaced by the numbered reference once saved
        household_id=decision.household_id,
        objector_id=objector_id,
        decision_kind=decision_kind,
        decision_id=decision.id,
        decision_reference=decision.reference,
        decision_law=decision.law,
        decision_sent_on=decision.sent_on,
        channel=channel,
        received_on=received_on,
        objection_term_ends_on=term_end,
        pro_forma=bool(pro_forma),
        completion_due_on=terms.completion_due(received_on) if pro_forma else None,
        late=late,
        committee=bool(committee),
        status=ObjectionStatus.RECEIVED,
        handler=handler,
        organisation_id=organisation_id,
    )
    _text_set(objection, "representative", representative, None, errors)
    _text_set(
        objection,
        "grounds",
        grounds,
        None if pro_forma else _("Vul de gronden van het bezwaar in, of kies pro-forma als die later volgen."),
        errors,
    )
    late_missing = _("Het bezwaar komt na de bezwaartermijn (laatste dag %(date)s). Vul in waarom (Awb 6:11).") % {
        "date": _long(term_end)
    }
    _text_set(objection, "late_reason", late_reason, late_missing if late else None, errors)
    _raise_if(errors)
    objection.decision_due_on = _due(objection)
    objection.save()
    objection.reference = f"BZ-{received_on.year}-{objection.pk:06d}"
    objection.save(update_fields=["reference"])
    _involvement_start(actor=actor, objection=objection, user=handler)
    _record(
        actor=actor,
        objection=objection,
        action="objection.registered",
        after={
            "decision_kind": decision_kind,
            "decision": decision.reference,
            "channel": channel,
            "received_on": received_on,
            "objection_term_ends_on": term_end,
            "late": late,
            "pro_forma": objection.pro_forma,
            "completion_due_on": objection.completion_due_on,
            "committee": objection.committee,
            "decision_due_on": objection.decision_due_on,
            "handler_id": objection.handler_id,
        },
    )
    return objection


@transaction.atomic
def objection_register_by_reference(*, actor, reference: str, objector_birth_date: date, **kwargs) -> Objection:
    """Staff register a letter: the decision is found by the reference on it; the objector is the addressee (or a
    member of the household) born on `objector_birth_date`. The same refusal whether the reference exists or not."""
    decision = access_legal.decision_for_objection_by_reference(reference=reference)
    if decision is None:
        decision = income_legal.benefit_for_objection_by_reference(reference=reference)
    objector_id = None
    if decision is not None and objector_birth_date is not None:
        members = [decision.addressee_id] + [
            r.pk
            for r in residents_legal.household_members(household_id=decision.household_id)
            if r.pk != decision.addressee_id
        ]
        matching = residents_legal.resident_birth_date_matches(resident_ids=members, birth_date=objector_birth_date)
        objector_id = next((pk for pk in members if pk in matching), None)
    if objector_id is None:
        _raise_if({"reference": str(REFERENCE_REFUSAL)})
    return objection_register(
        actor=actor, decision_kind=decision.kind, decision_id=decision.id, objector_id=objector_id, **kwargs
    )


@transaction.atomic
def objection_acknowledge(*, actor, objection: Objection, on: date) -> Objection:
    """The written acknowledgement of receipt (Awb 6:14)."""
    objection = _locked(objection)
    _may_handle(actor, objection, "on")
    status = OBJECTION.check(objection.status, "acknowledge")
    _raise_if(_day_errors("on", on, objection))
    objection.acknowledged_on, objection.status = on, status
    objection.save(update_fields=["acknowledged_on", "status"])
    due = terms.acknowledgement_due(objection.received_on)
    _record(
        actor=actor,
        objection=objection,
        action="objection.acknowledged",
        after={"acknowledged_on": on, "acknowledgement_due_on": due, "in_time": on <= due},
    )
    return objection


@transaction.atomic
def objection_assign(*, actor, objection: Objection, handler) -> Objection:
    """A jurist of the objection's organisation handles it; they see the household through their own involvement."""
    objection = _locked(objection)
    _may_handle(actor, objection, "handler")
    OBJECTION.check(objection.status, "keep")
    if handler is None or objection.organisation_id not in _legal_organisation_ids(handler):
        _raise_if({"handler": _("Kies een jurist van de afdeling bezwaar van deze organisatie.")})
    if handler.pk == objection.handler_id:
        _raise_if({"handler": _("Deze jurist behandelt het bezwaar al.")})
    objection.handler = handler
    objection.save(update_fields=["handler"])
    _involvement_start(actor=actor, objection=objection, user=handler)
    _record(actor=actor, objection=objection, action="objection.assigned", after={"handler_id": handler.pk})
    return objection


@transaction.atomic
def objection_informal_contact(*, actor, objection: Objection, on: date, note: str, resolved: bool) -> Objection:
    """A phone call first: resolved, the objector withdraws (the objection closes); not resolved, on to the
    hearing. The note stays on the objection, not in the event."""
    objection = _locked(objection)
    _may_handle(actor, objection, "on")
    status = OBJECTION.check(objection.status, "informal_resolved" if resolved else "informal")
    errors = _day_errors("on", on, objection)
    _text_set(objection, "informal_note", note, _("Vul kort in wat er besproken is."), errors)
    _raise_if(errors)
    objection.informal_contact_on, objection.status = on, status
    fields = ["informal_contact_on", "informal_note", "status"]
    if resolved:
        objection.withdrawn_on = on
        fields.append("withdrawn_on")
    objection.save(update_fields=fields)
    if resolved:
        _involvements_end(actor=actor, objection=objection)
    _record(
        actor=actor,
        objection=objection,
        action="objection.informal_contact",
        after={"informal_contact_on": on, "resolved": bool(resolved)},
    )
    return objection


def _open_step(actor, objection: Objection, field: str) -> Objection:
    objection = _locked(objection)
    _may_handle(actor, objection, field)
    OBJECTION.check(objection.status, "keep")
    return objection


@transaction.atomic
def objection_complete(*, actor, objection: Objection, on: date, grounds: str) -> Objection:
    """The grounds of a pro-forma objection, received within its term (Awb 6:6)."""
    objection = _open_step(actor, objection, "on")
    if not objection.pro_forma:
        _raise_if({"on": _("Dit bezwaar is geen pro-forma bezwaar; de gronden zijn er al.")})
    if objection.completed_on is not None:
        _raise_if({"on": _("De gronden van dit bezwaar zijn al aangevuld.")})
    errors = _day_errors("on", on, objection)
    _text_set(objection, "grounds", grounds, _("Vul de gronden van het bezwaar in."), errors)
    _raise_if(errors)
    objection.completed_on = on
    objection.save(update_fields=["completed_on", "grounds"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.completed",
        after={"completed_on": on, "in_time": on <= objection.completion_due_on},
    )
    return objection


@transaction.atomic
def objection_late_judge(*, actor, objection: Objection, excusable: bool, reasoning: str) -> Objection:
    """Whether a late objection's lateness is excusable (Awb 6:11); not excusable, it is decided inadmissible."""
    objection = _open_step(actor, objection, "excusable")
    if not objection.late:
        _raise_if({"excusable": _("Dit bezwaar is op tijd ingediend.")})
    if objection.late_excusable is not None:
        _raise_if({"excusable": _("Over de termijnoverschrijding is al geoordeeld.")})
    if not (reasoning or "").strip():
        _raise_if({"reasoning": _("Motiveer waarom de termijnoverschrijding wel of niet verschoonbaar is.")})
    objection.late_excusable = bool(excusable)
    objection.decision_due_on = _due(objection)
    objection.save(update_fields=["late_excusable", "decision_due_on"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.late_judged",
        after={"excusable": bool(excusable), "decision_due_on": objection.decision_due_on},
    )
    return objection


@transaction.atomic
def objection_extend(*, actor, objection: Objection, on: date, reason: str) -> Objection:
    """The decision postponed once by six weeks, within the term, with notice to the objector (Awb 7:10 lid 3)."""
    objection = _open_step(actor, objection, "on")
    if objection.extended_on is not None:
        _raise_if({"on": _("De beslissing is al eens verdaagd; dat kan maar één keer (Awb 7:10 lid 3).")})
    errors = _day_errors("on", on, objection)
    if not errors and on > objection.decision_due_on:
        errors["on"] = _("De beslistermijn is op %(date)s verstreken; verdagen kan alleen binnen de termijn.") % {
            "date": _long(objection.decision_due_on)
        }
    if not (reason or "").strip():
        errors["reason"] = _("Vul de reden van de verdaging in; de indiener krijgt die schriftelijk.")
    _raise_if(errors)
    before = objection.decision_due_on
    objection.extended_on = on
    objection.decision_due_on = _due(objection)
    objection.save(update_fields=["extended_on", "decision_due_on"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.extended",
        after={"extended_on": on, "decision_due_on": objection.decision_due_on, "was_due_on": before},
    )
    return objection


@transaction.atomic
def objection_postpone(*, actor, objection: Objection, weeks: int, consent_note: str) -> Objection:
    """Further postponement with the objector's consent (Awb 7:10 lid 4), by the weeks agreed."""
    objection = _open_step(actor, objection, "weeks")
    errors: dict[str, str] = {}
    maximum = terms.value("postponement_max_weeks")
    try:
        weeks = int(weeks)
    except (TypeError, ValueError):
        weeks = 0
    if not 1 <= weeks <= maximum:
        errors["weeks"] = _("Geef het aantal weken uitstel: 1 tot en met %(max)s.") % {"max": maximum}
    elif objection.postponed_weeks + weeks > maximum:
        errors["weeks"] = _("Samen met het eerdere uitstel wordt dit meer dan %(max)s weken.") % {"max": maximum}
    note = (consent_note or "").strip()
    if not note:
        errors["consent_note"] = _("Leg vast hoe en wanneer de indiener met het uitstel heeft ingestemd.")
    elif objection.postponement_note:
        note = f"{objection.postponement_note}\n{note}"
    _text_set(objection, "postponement_note", note, None, errors)
    _raise_if(errors)
    objection.postponed_weeks += weeks
    objection.decision_due_on = _due(objection)
    objection.save(update_fields=["postponed_weeks", "postponement_note", "decision_due_on"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.postponed",
        after={
            "weeks": weeks,
            "postponed_weeks": objection.postponed_weeks,
            "decision_due_on": objection.decision_due_on,
        },
    )
    return objection


@transaction.atomic
def hearing_plan(*, actor, objection: Objection, invited_on: date, scheduled_at: datetime, location: str) -> Hearing:
    """The invitation to the hearing (Awb 7:2): when and where; planned again, the new session replaces the old."""
    objection = _locked(objection)
    _may_handle(actor, objection, "scheduled_at")
    status = OBJECTION.check(objection.status, "hearing_plan")
    errors = _day_errors("invited_on", invited_on, objection)
    if scheduled_at is None:
        errors["scheduled_at"] = _("Vul de datum en tijd van de hoorzitting in.")
    elif invited_on is not None and scheduled_at.date() < invited_on:
        errors["scheduled_at"] = _("De hoorzitting ligt vóór de uitnodiging.")
    hearing = Hearing(
        objection=objection,
        invited_on=invited_on,
        scheduled_at=scheduled_at,
        location=(location or "").strip(),
        recorded_by=actor,
    )
    if not hearing.location:
        errors["location"] = _("Vul de plaats in, of hoe de hoorzitting gehouden wordt (bijvoorbeeld per video).")
    if not errors:
        try:
            hearing.full_clean(exclude=["objection", "recorded_by"])
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    _raise_if(errors)
    hearing.save()
    objection.status = status
    objection.save(update_fields=["status"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.hearing_planned",
        after={"hearing_id": hearing.pk, "invited_on": invited_on, "scheduled_at": scheduled_at},
    )
    return hearing


@transaction.atomic
def hearing_record(*, actor, hearing: Hearing, held_on: date, attendees: str, report: str) -> Hearing:
    """The hearing held, with who attended and its report (Awb 7:7)."""
    objection = _locked(hearing.objection)
    _may_handle(actor, objection, "held_on")
    hearing = Hearing.objects.select_for_update(of=("self",)).get(pk=hearing.pk)
    latest = objection.hearings.order_by("-scheduled_at", "-pk").values_list("pk", flat=True).first()
    status = OBJECTION.check(objection.status, "hearing_record")
    if hearing.pk != latest or hearing.held_on is not None:
        _raise_if({"held_on": _("Leg het verslag vast bij de laatst geplande hoorzitting.")})
    errors = _day_errors("held_on", held_on, objection, After(hearing.invited_on, _("de uitnodiging")))
    hearing.held_on = held_on
    hearing.attendees = (attendees or "").strip()
    hearing.report = (report or "").strip()
    if not hearing.attendees:
        errors["attendees"] = _("Vul in wie er aanwezig waren.")
    if not hearing.report:
        errors["report"] = _("Vul het verslag van de hoorzitting in.")
    if not errors:
        try:
            hearing.full_clean(exclude=["objection", "recorded_by", "scheduled_at"])
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    _raise_if(errors)
    hearing.save(update_fields=["held_on", "attendees", "report"])
    objection.status = status
    objection.save(update_fields=["status"])
    _record(
        actor=actor, objection=objection, action="objection.heard", after={"hearing_id": hearing.pk, "held_on": held_on}
    )
    return hearing


@transaction.atomic
def hearing_waive(*, actor, objection: Objection, reason: str) -> Objection:
    """No hearing, for a reason of Awb 7:3 (manifestly inadmissible or unfounded, the objector does not wish to be
    heard, or the objection is met in full); recorded as a hearing without a session."""
    objection = _locked(objection)
    _may_handle(actor, objection, "reason")
    status = OBJECTION.check(objection.status, "hearing_waive")
    reason = (reason or "").strip()
    if not reason:
        _raise_if({"reason": _("Vul in waarom u afziet van horen (Awb 7:3).")})
    hearing = Hearing(
        objection=objection,
        invited_on=_today(),
        scheduled_at=timezone.make_aware(datetime.combine(_today(), datetime.min.time())),
        location="-",
        waived_reason=reason,
        recorded_by=actor,
    )
    try:
        hearing.full_clean(exclude=["objection", "recorded_by"])
    except ValidationError as error:
        _raise_if({"reason": error.message_dict.get("waived_reason", error.messages)[0]})
    hearing.save()
    objection.status = status
    objection.save(update_fields=["status"])
    _record(actor=actor, objection=objection, action="objection.hearing_waived", after={"hearing_id": hearing.pk})
    return objection


@transaction.atomic
def objection_advise(*, actor, objection: Objection, on: date, advice: str, advice_outcome: str) -> Objection:
    """The advisory committee's advice (Awb 7:13), only where a committee hears the objection."""
    objection = _locked(objection)
    _may_handle(actor, objection, "on")
    if not objection.committee:
        _raise_if({"on": _("Bij dit bezwaar is geen adviescommissie; de jurist beslist zelf.")})
    status = OBJECTION.check(objection.status, "advise")
    errors = _day_errors("on", on, objection)
    if advice_outcome not in ObjectionOutcome.values:
        errors["advice_outcome"] = _("Kies het geadviseerde oordeel.")
    _text_set(objection, "advice", advice, _("Vul het advies van de commissie in."), errors)
    _raise_if(errors)
    objection.advised_on, objection.advice_outcome, objection.status = on, advice_outcome, status
    objection.save(update_fields=["advised_on", "advice", "advice_outcome", "status"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.advised",
        after={"advised_on": on, "advice_outcome": advice_outcome},
    )
    return objection


def _decide_errors(objection: Objection, on: date, outcome: str, effect: str, changes: list) -> dict[str, str]:
    errors = _day_errors("on", on, objection, After(objection.advised_on, _("het advies")))
    if outcome not in ObjectionOutcome.values:
        errors["outcome"] = _("Kies het oordeel: gegrond, gedeeltelijk gegrond, ongegrond of niet-ontvankelijk.")
    if effect not in DecisionEffect.values:
        errors["effect"] = _("Kies wat er met het besluit gebeurt: in stand, gewijzigd of herroepen.")
    if errors:
        return errors
    if outcome in (ObjectionOutcome.INADMISSIBLE, ObjectionOutcome.DISMISSED) and effect != DecisionEffect.KEEP:
        errors["effect"] = _("Bij een ongegrond of niet-ontvankelijk bezwaar blijft het besluit in stand.")
    elif effect == DecisionEffect.KEEP and changes:
        errors["changes"] = _("Het besluit blijft in stand: er verandert niets aan de voorzieningen.")
    elif effect != DecisionEffect.KEEP and not changes and objection.decision_kind == DecisionKind.ACCESS:
        errors["changes"] = _("Geef per voorziening aan wat er verandert (wijzigen, beëindigen of alsnog toekennen).")
    elif changes and objection.decision_kind != DecisionKind.ACCESS:
        errors["changes"] = _(
            "Een uitkeringsbesluit wijzigt u via bestaanszekerheid; hier legt u alleen het oordeel vast."
        )
    pending = objection.pro_forma and objection.completed_on is None and on <= objection.completion_due_on
    if outcome != ObjectionOutcome.INADMISSIBLE and pending:
        errors["on"] = _("De indiener mag de gronden nog aanvullen tot en met %(date)s (Awb 6:6).") % {
            "date": _long(objection.completion_due_on)
        }
    if objection.committee and outcome != ObjectionOutcome.INADMISSIBLE and objection.status != "advised":
        errors.setdefault("on", _("Wacht op het advies van de adviescommissie (Awb 7:13)."))
    return errors


def _amount(value, field: str, errors: dict[str, str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field] = _("Geef de omvang als getal.")
        return None


def _date(value, field: str, errors: dict[str, str]) -> date | None:
    if value in (None, "") or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors[field] = _("Geef een datum als JJJJ-MM-DD.")
        return None


def _changes_apply(*, actor, objection: Objection, changes: list[dict], reasoning: str) -> list[dict]:
    """Each change through the access services, in this transaction; their refusals per change and field."""
    decision = access_legal.decision_for_objection(decision_id=objection.decision_id)
    own = {p.id for p in decision.provisions} if decision else set()
    done, errors = [], {}
    for index, change in enumerate(changes):
        prefix = f"changes-{index}-"
        if not isinstance(change, dict):
            errors[f"{prefix}action"] = _("Kies wat er met de voorziening gebeurt.")
            continue
        try:
            provision_id = int(change.get("provision_id"))
        except (TypeError, ValueError):
            provision_id = None
        action = change.get("action")
        if provision_id not in own:
            errors[f"{prefix}provision_id"] = _(
                "Deze voorziening hoort niet bij het besluit waartegen bezwaar is gemaakt."
            )
            continue
        if action not in ("change", "end", "grant"):
            errors[f"{prefix}action"] = _("Kies wijzigen, beëindigen of alsnog toekennen.")
            continue
        field_errors: dict[str, str] = {}
        volume = _amount(change.get("volume"), f"{prefix}volume", field_errors)
        ends_on = _date(change.get("ends_on"), f"{prefix}ends_on", field_errors)
        starts_on = _date(change.get("starts_on"), f"{prefix}starts_on", field_errors)
        if field_errors:
            errors.update(field_errors)
            continue
        provision = access_legal.provision_for_objection(provision_id=provision_id)
        try:
            with transaction.atomic():
                if action == "change":
                    access_provisions.provision_change(
                        actor=actor, provision=provision, volume=volume, ends_on=ends_on, reasoning=reasoning
                    )
                elif action == "end":
                    access_provisions.provision_end(
                        actor=actor, provision=provision, ends_on=ends_on or _today(), reasoning=reasoning
                    )
                else:
                    access_provisions.provision_grant(
                        actor=actor,
                        provision=provision,
                        starts_on=starts_on or _today(),
                        ends_on=ends_on,
                        volume=volume,
                        unit=change.get("unit") or "",
                        reasoning=reasoning,
                    )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[prefix + ("action" if name in ("provision", "__all__", "reasoning") else name)] = messages[0]
            continue
        done.append({"provision_id": provision_id, "action": action})
    _raise_if(errors)
    return done


@transaction.atomic
def objection_decide(
    *,
    actor,
    objection: Objection,
    on: date,
    outcome: str,
    effect: str,
    reasoning: str,
    changes: list[dict] | None = None,
) -> Objection:
    """The decision on the objection (Awb 7:11, 7:12): upheld, partly, dismissed or inadmissible, with what it does
    to the original decision; the changes go through the access app in this transaction, all or nothing."""
    objection = _locked(objection)
    _may_handle(actor, objection, "on")
    changes = list(changes or [])
    step = "decide_inadmissible" if outcome == ObjectionOutcome.INADMISSIBLE else "decide"
    status = OBJECTION.check(objection.status, step)
    errors = _decide_errors(objection, on, outcome, effect, changes)
    _text_set(objection, "reasoning", reasoning, _("Motiveer de beslissing op bezwaar (Awb 7:12)."), errors)
    _raise_if(errors)
    summary = _("Beslissing op bezwaar %(reference)s: %(outcome)s") % {
        "reference": objection.reference,
        "outcome": ObjectionOutcome(outcome).label,
    }
    done = _changes_apply(actor=actor, objection=objection, changes=changes, reasoning=str(summary))
    objection.decided_on, objection.outcome, objection.effect, objection.status = on, outcome, effect, status
    objection.save(update_fields=["decided_on", "outcome", "effect", "reasoning", "status"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.decided",
        after={
            "decided_on": on,
            "outcome": outcome,
            "effect": effect,
            "in_time": on <= objection.decision_due_on,
            "changes": done,
            "appeal_term_ends_on": terms.appeal_term_end(on),
        },
    )
    return objection


@transaction.atomic
def objection_withdraw(*, actor, objection: Objection, on: date, reason: str) -> Objection:
    """The objector withdrew the objection (Awb 6:21): it closes without a decision; the legal involvement ends."""
    objection = _locked(objection)
    _may_handle(actor, objection, "on")
    status = OBJECTION.check(objection.status, "withdraw")
    _raise_if(_day_errors("on", on, objection))
    objection.withdrawn_on, objection.status = on, status
    objection.save(update_fields=["withdrawn_on", "status"])
    _involvements_end(actor=actor, objection=objection)
    _record(
        actor=actor,
        objection=objection,
        action="objection.withdrawn",
        after={"withdrawn_on": on},
        reason=(reason or "").strip()[:200],
    )
    return objection
