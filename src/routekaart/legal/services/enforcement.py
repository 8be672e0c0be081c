"""Handhaving: a signal that support may be used unlawfully, assessed (dismissed, or investigated), and the
investigation step by step: findings, informing the resident, hearing them (Awb 4:8 and 5:53), and the outcome
(no action, a warning, recovery of the benefit harm, or an administrative fine, Pw art. 18a).

Each step is one transaction with one event (`enforcement_signal.<verb>`, `investigation.<verb>`) and a processing-log
entry for the activity "enforcement". The events hold dates, codes, ids and amounts: never a description, the
findings or a BSN. Klantbeheer (client_admin) of the signal's organisation takes every step; a coordinator records a
signal about a household they work with. The investigator is involved with the household (kind legal_matter) while
the investigation runs: from its opening to its closing. A recovery or a fine is a claim in income
(`income.services.recovery.claim_establish`); the investigation keeps the claim's id.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.workflow import StateMachine
from ...income import selectors as income_selectors
from ...organisations.roles import Role
from ...residents import selectors as residents_selectors
from ...residents import selectors_signals as residents_signals
from ...residents import services as residents_services
from ...residents.access import households_visible
from ..enforcement_rules import PURPOSE, client_admin_organisations
from ..fines import Sanction, fine_calculate
from ..models import (
    Culpability,
    EnforcementSignal,
    EnforcementSignalStatus,
    Investigation,
    InvestigationOutcome,
    SignalSource,
)
from ..workflow_enforcement import INVESTIGATION_MACHINE, SIGNAL_MACHINE

LEGAL_MATTER = "legal_matter"  # residents' InvolvementKind.LEGAL_MATTER (its models are not legal's to import)
SCAN_SOURCES = (SignalSource.INCOME_REPORT, SignalSource.ADDRESS)
INFORMED_BEFORE = (InvestigationOutcome.WARNING, InvestigationOutcome.RECOVERY, InvestigationOutcome.FINE)
HEARD_BEFORE = (InvestigationOutcome.RECOVERY, InvestigationOutcome.FINE)
DECISIONS = ("dismiss", "investigate")


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _step(machine: StateMachine, current: str, step: str, field: str) -> str:
    """The state `step` leads to, or the machine's refusal on the step's own field."""
    try:
        return machine.check(current, step)
    except ValidationError as error:
        raise ValidationError({field: error.messages[0]}) from None


def _may_handle(actor, organisation_id: int, field: str) -> None:
    if organisation_id not in client_admin_organisations(actor):
        _raise({field: _("Alleen klantbeheer van de uitvoerende organisatie behandelt dit.")})


def _day_errors(field: str, day: date | None, *bounds: tuple[date | None, str]) -> dict[str, str]:
    """A step's date: filled in, not in the future, not before the earlier steps."""
    if day is None:
        return {field: _("Vul de datum in.")}
    if day > timezone.localdate():
        return {field: _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")}
    for bound, what in bounds:
        if bound is not None and day < bound:
            return {field: _("Deze datum ligt vóór %(what)s.") % {"what": what}}
    return {}


def _clean(instance, fields: list[str], errors: dict[str, str]) -> None:
    """The model's own checks (lengths, choices, amounts) on the fields this step sets, as refusals per field."""
    if errors:
        return
    try:
        instance.clean_fields(exclude=[f.name for f in type(instance)._meta.fields if f.name not in fields])
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})


def _signal_event(*, actor, signal: EnforcementSignal, action: str, after: dict, reason: str = "") -> None:
    audit.action_record(
        actor=actor,
        action=action,
        subject=signal,
        household_id=signal.household_id,
        after={"status": signal.status, "source": signal.source, "law": signal.law, **after},
        reason=reason,
        purpose=PURPOSE,
        residents=[signal.resident] if signal.resident_id else None,
    )


def _investigation_event(*, actor, investigation: Investigation, action: str, after: dict) -> None:
    audit.action_record(
        actor=actor,
        action=action,
        subject=investigation,
        household_id=investigation.household_id,
        after={"reference": investigation.reference, "status": investigation.status, **after},
        purpose=PURPOSE,
        residents=[investigation.resident],
    )


def _member_errors(household_id: int, resident_id: int | None, field: str, required: bool) -> dict[str, str]:
    """The household exists (has members today) and the person named is one of them."""
    members = residents_selectors.members_of(household_ids=[household_id]).get(household_id, [])
    if not members:
        return {"household_id": _("Dit huishouden is niet gevonden.")}
    if resident_id is None:
        return {field: _("Kies de inwoner op wie dit betrekking heeft.")} if required else {}
    if all(member.pk != resident_id for member in members):
        return {field: _("Deze inwoner hoort niet bij het huishouden.")}
    return {}


def _signal_organisation(actor, household_id: int) -> tuple[int | None, dict[str, str]]:
    """Klantbeheer records for its own organisation (the benefit's, where it runs one); a coordinator of the
    household for the organisation that runs the household's benefit."""
    benefit = income_selectors.benefit_for_household(household_id=household_id, on=timezone.localdate())
    own = client_admin_organisations(actor)
    if own:
        if benefit is not None and benefit.organisation_id in own:
            return benefit.organisation_id, {}
        return min(own), {}
    roles = set(getattr(actor, "roles", ()) or ())
    if Role.COORDINATOR not in roles:
        return None, {"household_id": _("Alleen klantbeheer of de regisseur van het huishouden legt een signaal vast.")}
    if not households_visible(user=actor, purpose=PURPOSE).filter(pk=household_id).exists():
        return None, {"household_id": _("U bent niet betrokken bij dit huishouden.")}
    if benefit is None:
        no_benefit = _("Dit huishouden heeft geen bijstandsuitkering; meld het signaal bij klantbeheer.")
        return None, {"household_id": no_benefit}
    return benefit.organisation_id, {}


@transaction.atomic
def signal_record(
    *,
    actor,
    household_id: int,
    source: str,
    received_on: date,
    description: str,
    resident_id: int | None = None,
    law: str = "P",
) -> EnforcementSignal:
    """A signal noticed by staff (a tip, the caseworker, a data match, a provision not used as granted). The signals
    the scan finds (income report, address) are recorded only by the scan, once per origin."""
    organisation_id, errors = _signal_organisation(actor, household_id)
    if source in SCAN_SOURCES:
        errors["source"] = _("Deze signalen vindt de signaleringsronde zelf; kies een andere bron.")
    if not errors:
        errors.update(_member_errors(household_id, resident_id, "resident_id", required=False))
    errors.update(_day_errors("received_on", received_on))
    signal = EnforcementSignal(
        household_id=household_id,
        resident_id=resident_id,
        source=source,
        law=law,
        received_on=received_on,
        description=(description or "").strip(),
        organisation_id=organisation_id,
        recorded_by=actor,
        status=EnforcementSignalStatus.NEW,
    )
    if not signal.description:
        errors["description"] = _("Beschrijf wat er is opgevallen.")
    if law not in ("J", "W", "P"):
        errors["law"] = _("Kies de wet: Jeugdwet, Wmo of Participatiewet.")
    _clean(signal, ["source", "description", "received_on"], errors)
    _raise(errors)
    signal.save()
    _signal_event(actor=actor, signal=signal, action="enforcement_signal.recorded", after={"received_on": received_on})
    return signal


@transaction.atomic
def signal_detected(
    *,
    household_id: int,
    organisation_id: int,
    source: str,
    origin_kind: str,
    origin_id: int,
    description: str,
    resident_id: int | None = None,
    on: date,
) -> EnforcementSignal:
    """A signal the scan found (no actor): one per origin, guaranteed by the table's unique constraint. Called by
    the scan inside its own transaction per signal."""
    signal = EnforcementSignal.objects.create(
        household_id=household_id,
        resident_id=resident_id,
        source=source,
        received_on=on,
        description=description,
        origin_kind=origin_kind,
        origin_id=origin_id,
        organisation_id=organisation_id,
    )
    _signal_event(
        actor=None,
        signal=signal,
        action="enforcement_signal.detected",
        after={"received_on": on, "origin_kind": origin_kind, "origin_id": origin_id},
    )
    return signal


def _locked_signal(signal: EnforcementSignal) -> EnforcementSignal:
    return EnforcementSignal.objects.select_for_update(of=("self",)).select_related("resident").get(pk=signal.pk)


@transaction.atomic
def signal_assess(
    *,
    actor,
    signal: EnforcementSignal,
    decision: str,
    assessed_on: date,
    assessment: str = "",
    question: str = "",
    investigator=None,
    resident_id: int | None = None,
) -> EnforcementSignal | Investigation:
    """The signal assessed: dismissed with the reason (no ground to investigate), or an investigation opened
    (then the investigation's opening is the one event). Returns the signal, or the investigation opened."""
    if decision not in DECISIONS:
        _raise({"decision": _("Kies: geen aanleiding, of een onderzoek starten.")})
    if decision == "investigate":
        return investigation_open(
            actor=actor,
            signal=signal,
            household_id=signal.household_id,
            resident_id=resident_id,
            question=question,
            investigator=investigator,
            opened_on=assessed_on,
            assessment=assessment,
        )
    signal = _locked_signal(signal)
    _may_handle(actor, signal.organisation_id, "decision")
    status = _step(SIGNAL_MACHINE, signal.status, "dismiss", "decision")
    errors = _day_errors("assessed_on", assessed_on, (signal.received_on, _("de ontvangst van het signaal")))
    signal.assessment = (assessment or "").strip()
    if not signal.assessment:
        errors["assessment"] = _("Vul in waarom er geen aanleiding is voor een onderzoek.")
    _clean(signal, ["assessment"], errors)
    _raise(errors)
    signal.status, signal.assessed_on = status, assessed_on
    signal.save(update_fields=["status", "assessed_on", "assessment"])
    _signal_event(actor=actor, signal=signal, action="enforcement_signal.dismissed", after={"assessed_on": assessed_on})
    return signal


def _investigator_errors(investigator, organisation_id: int | None) -> dict[str, str]:
    if investigator is None:
        return {"investigator": _("Kies de onderzoeker.")}
    if organisation_id is not None and organisation_id not in client_admin_organisations(investigator):
        return {"investigator": _("De onderzoeker werkt niet bij klantbeheer van deze organisatie.")}
    return {}


@transaction.atomic
def investigation_open(
    *,
    actor,
    household_id: int,
    question: str,
    investigator,
    opened_on: date,
    resident_id: int | None = None,
    signal: EnforcementSignal | None = None,
    assessment: str = "",
    law: str = "P",
) -> Investigation:
    """An investigation of the household's lawful use of support, from a signal or on its own; the investigator is
    involved with the household (legal_matter) from `opened_on` until the investigation closes."""
    errors: dict[str, str] = {}
    if signal is not None:
        signal = _locked_signal(signal)
        organisation_id = signal.organisation_id
        household_id = signal.household_id
        resident_id = resident_id or signal.resident_id
        law = signal.law
        _may_handle(actor, organisation_id, "decision")
        _step(SIGNAL_MACHINE, signal.status, "investigate", "decision")
        errors.update(_day_errors("opened_on", opened_on, (signal.received_on, _("de ontvangst van het signaal"))))
    else:
        own = client_admin_organisations(actor)
        if not own:
            _raise({"household_id": _("Alleen klantbeheer start een onderzoek.")})
        benefit = income_selectors.benefit_for_household(household_id=household_id, on=timezone.localdate())
        organisation_id = benefit.organisation_id if benefit and benefit.organisation_id in own else min(own)
        errors.update(_day_errors("opened_on", opened_on))
    if resident_id is None:  # by default the benefit's client, who holds the duty to inform
        benefit = income_selectors.benefit_for_household(household_id=household_id, on=timezone.localdate())
        resident_id = benefit.client_id if benefit is not None else None
    errors.update(_member_errors(household_id, resident_id, "resident_id", required=True))
    errors.update(_investigator_errors(investigator, organisation_id))
    investigation = Investigation(
        reference=uuid.uuid4().hex[:20],  # the numbered reference once saved
        signal=signal,
        household_id=household_id,
        resident_id=resident_id,
        law=law,
        opened_on=opened_on,
        investigator=investigator,
        question=(question or "").strip(),
        organisation_id=organisation_id,
    )
    if not investigation.question:
        errors["question"] = _("Vul de onderzoeksvraag in: wat wordt er gecontroleerd?")
    _clean(investigation, ["question"], errors)
    if signal is not None:
        signal.assessment = (assessment or "").strip()
        _clean(signal, ["assessment"], errors)
    _raise(errors)
    investigation.save()
    investigation.reference = f"HO-{opened_on.year}-{investigation.pk:06d}"
    investigation.save(update_fields=["reference"])
    if signal is not None:
        signal.status = EnforcementSignalStatus.INVESTIGATING
        signal.assessed_on = opened_on
        signal.save(update_fields=["status", "assessed_on", "assessment"])
    residents_services.involvement_start(
        actor=actor,
        household=investigation.household,
        organisation=investigation.organisation,
        kind=LEGAL_MATTER,
        user=investigator,
        domain="P",
        reason=_("Handhavingsonderzoek %(reference)s") % {"reference": investigation.reference},
        valid_from=opened_on,
    )
    _investigation_event(
        actor=actor,
        investigation=investigation,
        action="investigation.opened",
        after={
            "opened_on": opened_on,
            "signal_id": signal.pk if signal else None,
            "investigator_id": investigator.pk,
            "law": law,
        },
    )
    return investigation


def _locked(investigation: Investigation, actor, step: str, field: str) -> Investigation:
    investigation = (
        Investigation.objects.select_for_update(of=("self",))
        .select_related("resident", "household", "organisation", "investigator")
        .get(pk=investigation.pk)
    )
    _may_handle(actor, investigation.organisation_id, field)
    _step(INVESTIGATION_MACHINE, investigation.status, step, field)
    return investigation


@transaction.atomic
def investigation_findings_record(
    *,
    actor,
    investigation: Investigation,
    findings: str,
    harm_amount: Decimal | None = None,
    harm_from: date | None = None,
    harm_to: date | None = None,
    culpability: str = "",
    repeat_offence: bool = False,
) -> Investigation:
    """What the investigation found: the findings, and where support was paid unlawfully the benefit harm and its
    period, the culpability and whether it is a repeat offence within five years. Recorded again to correct."""
    investigation = _locked(investigation, actor, "findings", "findings")
    errors: dict[str, str] = {}
    investigation.findings = (findings or "").strip()
    if not investigation.findings:
        errors["findings"] = _("Vul de bevindingen in.")
    if harm_amount is not None and harm_amount < 0:
        errors["harm_amount"] = _("Het benadelingsbedrag kan niet negatief zijn.")
    if harm_amount and (harm_from is None or harm_to is None):
        errors["harm_from"] = _("Vul de periode in waarover te veel is betaald.")
    if harm_from and harm_to and harm_to < harm_from:
        errors["harm_to"] = _("De benadelingsperiode eindigt vóór zij begint.")
    if culpability and culpability not in Culpability.values:
        errors["culpability"] = _("Kies de mate van verwijtbaarheid.")
    investigation.harm_amount = harm_amount
    investigation.harm_from, investigation.harm_to = harm_from, harm_to
    investigation.culpability, investigation.repeat_offence = culpability or "", bool(repeat_offence)
    fields = ["findings", "harm_amount", "harm_from", "harm_to", "culpability", "repeat_offence"]
    _clean(investigation, fields, errors)
    _raise(errors)
    investigation.save(update_fields=fields)
    _investigation_event(
        actor=actor,
        investigation=investigation,
        action="investigation.findings_recorded",
        after={
            "harm_amount": harm_amount,
            "harm_from": harm_from,
            "harm_to": harm_to,
            "culpability": investigation.culpability,
            "repeat_offence": investigation.repeat_offence,
        },
    )
    return investigation


@transaction.atomic
def investigation_inform_resident(*, actor, investigation: Investigation, informed_on: date) -> Investigation:
    """The resident told of the investigation (what is checked, that they will be heard): from now on they see it
    in Mijn Routekaart. Required before a warning, a recovery or a fine."""
    investigation = _locked(investigation, actor, "inform", "informed_on")
    if investigation.resident_informed_on is not None:
        _raise({"informed_on": _("De inwoner is al geïnformeerd over dit onderzoek.")})
    _raise(_day_errors("informed_on", informed_on, (investigation.opened_on, _("de start van het onderzoek"))))
    investigation.resident_informed_on = informed_on
    investigation.save(update_fields=["resident_informed_on"])
    _investigation_event(
        actor=actor,
        investigation=investigation,
        action="investigation.resident_informed",
        after={"informed_on": informed_on},
    )
    return investigation


@transaction.atomic
def investigation_hear(*, actor, investigation: Investigation, heard_on: date) -> Investigation:
    """The resident heard on the findings (zienswijze, Awb 4:8; before a fine 5:53): required before a recovery or
    a fine."""
    investigation = _locked(investigation, actor, "hear", "heard_on")
    if investigation.resident_informed_on is None:
        _raise({"heard_on": _("Informeer de inwoner eerst over het onderzoek.")})
    if investigation.heard_on is not None:
        _raise({"heard_on": _("De inwoner is al gehoord.")})
    informed = (investigation.resident_informed_on, _("het informeren van de inwoner"))
    _raise(_day_errors("heard_on", heard_on, informed))
    investigation.heard_on = heard_on
    investigation.save(update_fields=["heard_on"])
    _investigation_event(
        actor=actor, investigation=investigation, action="investigation.heard", after={"heard_on": heard_on}
    )
    return investigation


def _close_errors(investigation: Investigation, outcome: str, reasoning: str) -> dict[str, str]:
    """What the outcome needs first: findings; informing (a warning, recovery, fine); hearing (recovery, fine);
    the harm and its period (recovery); the culpability (fine)."""
    if outcome not in InvestigationOutcome.values:
        return {"outcome": _("Kies de uitkomst van het onderzoek.")}
    errors: dict[str, str] = {}
    if not investigation.findings:
        errors["outcome"] = _("Leg eerst de bevindingen vast.")
    elif outcome in INFORMED_BEFORE and investigation.resident_informed_on is None:
        errors["outcome"] = _("Informeer de inwoner eerst over het onderzoek.")
    elif outcome in HEARD_BEFORE and investigation.heard_on is None:
        errors["outcome"] = _("Hoor de inwoner eerst over de bevindingen (Awb 4:8 en 5:53).")
    elif outcome == InvestigationOutcome.RECOVERY and not (
        investigation.harm_amount and investigation.harm_from and investigation.harm_to
    ):
        errors["outcome"] = _("Leg eerst het benadelingsbedrag en de periode vast bij de bevindingen.")
    elif outcome == InvestigationOutcome.FINE and not investigation.culpability:
        errors["outcome"] = _("Leg eerst de mate van verwijtbaarheid vast bij de bevindingen.")
    if not reasoning:
        errors["outcome_reasoning"] = _("Motiveer de uitkomst.")
    return errors


def _fine_errors(investigation: Investigation, closed_on: date) -> tuple[Decimal | None, str, dict[str, str]]:
    calculation = fine_calculate(
        harm=investigation.harm_amount,
        culpability=investigation.culpability,
        repeat_offence=investigation.repeat_offence,
        on=closed_on,
    )
    if calculation.sanction == Sanction.NONE:
        return None, "", {"outcome": _("Zonder verwijtbaarheid wordt geen boete opgelegd (Awb 5:41).")}
    if calculation.sanction == Sanction.WARNING:
        warning = _("Bij dit benadelingsbedrag zonder recidive volstaat een schriftelijke waarschuwing.")
        return None, "", {"outcome": warning}
    if calculation.amount <= 0:
        return None, "", {"outcome": _("De berekende boete is € 0; kies een andere uitkomst.")}
    return calculation.amount, calculation.explanation, {}


def _claim(*, actor, investigation: Investigation, kind: str, principal: Decimal, explanation: str, on: date):
    from ...income.services.recovery import claim_establish  # income's service (lane of recovery)

    benefit = income_selectors.benefit_for_household(household_id=investigation.household_id, on=on)
    return claim_establish(
        actor=actor,
        household_id=investigation.household_id,
        debtor_id=investigation.resident_id,
        benefit_id=benefit.pk if benefit is not None else None,
        kind=kind,
        reason="enforcement",
        explanation=explanation,
        period_from=investigation.harm_from or on,
        period_to=investigation.harm_to or on,
        principal=principal,
        established_on=on,
        source_kind="investigation",
        source_id=investigation.pk,
    )


@transaction.atomic
def investigation_close(
    *, actor, investigation: Investigation, outcome: str, closed_on: date, outcome_reasoning: str
) -> Investigation:
    """The outcome: no action, a warning, recovery (income's claim for the harm), or a fine (its amount by the
    rules, a claim of kind fine; with harm, the harm is recovered too). The investigator's involvement ends."""
    investigation = _locked(investigation, actor, "close", "outcome")
    reasoning = (outcome_reasoning or "").strip()
    errors = _close_errors(investigation, outcome, reasoning)
    bounds = [(investigation.opened_on, _("de start van het onderzoek"))]
    bounds += [(investigation.heard_on, _("het horen")), (investigation.resident_informed_on, _("het informeren"))]
    errors.update(_day_errors("closed_on", closed_on, *bounds))
    fine_amount, fine_explanation = None, ""
    if not errors and outcome == InvestigationOutcome.FINE:
        fine_amount, fine_explanation, fine_refusal = _fine_errors(investigation, closed_on)
        errors.update(fine_refusal)
    investigation.outcome_reasoning = reasoning
    _clean(investigation, ["outcome_reasoning"], errors)
    _raise(errors)
    recovery_claim = fine_claim = None
    if outcome in (InvestigationOutcome.RECOVERY, InvestigationOutcome.FINE) and investigation.harm_amount:
        recovery_claim = _claim(
            actor=actor,
            investigation=investigation,
            kind="recovery",
            principal=investigation.harm_amount,
            explanation=_("Terugvordering na handhavingsonderzoek %(reference)s (Pw art. 58).")
            % {"reference": investigation.reference},
            on=closed_on,
        )
    if outcome == InvestigationOutcome.FINE:
        fine_claim = _claim(
            actor=actor,
            investigation=investigation,
            kind="fine",
            principal=fine_amount,
            explanation=_("Bestuurlijke boete na handhavingsonderzoek %(reference)s (Pw art. 18a): %(calc)s")
            % {"reference": investigation.reference, "calc": fine_explanation},
            on=closed_on,
        )
    claim = fine_claim or recovery_claim
    investigation.status = _step(INVESTIGATION_MACHINE, investigation.status, "close", "outcome")
    investigation.outcome, investigation.closed_on = outcome, closed_on
    investigation.fine_amount = fine_amount
    investigation.claim_id = claim.pk if claim is not None else None
    investigation.save(update_fields=["status", "outcome", "closed_on", "fine_amount", "claim_id", "outcome_reasoning"])
    involvement = residents_signals.personal_involvement_open(
        household_id=investigation.household_id, user_id=investigation.investigator_id, kind=LEGAL_MATTER, on=closed_on
    )
    if involvement is not None:
        residents_services.involvement_end(actor=actor, involvement=involvement, valid_to=closed_on)
    _investigation_event(
        actor=actor,
        investigation=investigation,
        action="investigation.closed",
        after={
            "outcome": outcome,
            "closed_on": closed_on,
            "harm_amount": investigation.harm_amount,
            "fine_amount": fine_amount,
            "claim_id": investigation.claim_id,
            "recovery_claim_id": recovery_claim.pk if recovery_claim is not None else None,
        },
    )
    return investigation
