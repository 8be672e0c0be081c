"""Complaints about a provision or a provider, handled under Awb chapter 9 by Beheer markt: register, acknowledge
(9:6), hear or waive the hearing (9:10), postpone once (9:11 lid 2), decide (9:12) or withdraw.

Each step is one transaction with one event `complaint.<step>` and a processing-log entry for complaint handling
(the resident's household when a resident is linked through the assignment). A step taken out of order, or a date
before the receipt or in the future, is refused in Dutch on the step's own field and changes nothing. The events
never hold the complainant's name, contact or the complaint's text: only dates, codes and ids.
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
from ...core.dates import After
from ...organisations.roles import Role
from ...residents.access import households_visible
from ...residents.represented import persons_represented
from ..models import Assignment, Complaint, ComplaintOutcome, ComplaintStatus, Contract, Product

PURPOSE = "complaint-handling"
OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.HEARD)


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _record(*, actor, complaint: Complaint, action: str, after: dict, reason: str = "") -> None:
    """The step's event and its processing-log entry: the resident's household when one is linked."""
    audit.action_record(
        actor=actor,
        action=action,
        subject=complaint,
        household_id=complaint.assignment.household_id if complaint.assignment_id else None,
        after={"reference": complaint.reference, "status": complaint.status, **after},
        reason=reason,
        purpose=PURPOSE,
        residents=[complaint.resident] if complaint.resident_id else None,
    )


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update(of=("self",)).select_related("assignment").get(pk=complaint.pk)


def _day_errors(field: str, day: date | None, complaint: Complaint, *bounds: After) -> dict[str, str]:
    return step_day_errors(field, day, complaint.received_on, *bounds)


def _text_set(complaint: Complaint, field: str, value: str | None, missing: str, errors: dict[str, str]) -> None:
    """A step's required text, stripped, on the complaint; when the step has no other error the model checks it
    (its length), so a refusal names the field instead of failing on save."""
    text = (value or "").strip()
    if not text:
        errors[field] = missing
    setattr(complaint, field, text)
    if not errors:
        try:
            complaint.clean_fields(exclude=[f.name for f in Complaint._meta.fields if f.name != field])
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})


def _may_file(actor, assignment: Assignment | None) -> dict[str, str]:
    """Beheer markt registers any complaint; a coordinator only one about an assignment of a household they work
    with (filed on the resident's behalf)."""
    roles = set(getattr(actor, "roles", ()) or ())
    if Role.MARKET_MANAGER in roles:
        return {}
    if Role.COORDINATOR in roles:
        if assignment is None:
            return {"assignment": _("Vul het toewijzingnummer in van de voorziening waarover de inwoner klaagt.")}
        if households_visible(user=actor).filter(pk=assignment.household_id).exists():
            return {}
        return {"assignment": _("U bent niet betrokken bij het huishouden van deze toewijzing.")}
    if assignment is not None and _represents(actor, assignment.resident_id):
        return {}
    return {"assignment": _("Alleen beheer markt of de regisseur van de inwoner legt een klacht vast.")}


def _represents(actor, resident_id: int) -> bool:
    """A resident logged in to the portal files about their own care, or that of a person they represent."""
    me = getattr(actor, "resident", None)
    if me is None:
        return False
    return any(r.id == resident_id for r in persons_represented(resident=me, on=timezone.localdate()))


@transaction.atomic
def complaint_register(
    *,
    actor,
    provider,
    complainant_name: str,
    received_on: date,
    subject: str,
    complainant_contact: str = "",
    committee: bool = False,
    contract: Contract | None = None,
    assignment: Assignment | None = None,
    product: Product | None = None,
) -> Complaint:
    """A complaint received (in writing, Awb 9:4): about a provider, and where known its contract, the assignment
    and the product. The assignment links the resident; the term runs from `received_on`."""
    errors = _may_file(actor, assignment)
    if contract is not None and contract.provider_id != provider.pk:
        errors["contract"] = _("Dit contract is niet met deze aanbieder gesloten.")
    if assignment is not None:
        if assignment.provider_id != provider.pk:
            errors.setdefault("assignment", _("Deze toewijzing is niet aan deze aanbieder gegeven."))
        if product is not None and assignment.product_id != product.pk:
            errors["product"] = _("Dit product hoort niet bij de toewijzing.")
        if contract is not None and assignment.contract_product.contract_id != contract.pk:
            errors.setdefault("contract", _("De toewijzing valt onder een ander contract."))
    if assignment is not None:
        contract = contract or assignment.contract_product.contract
        product = product or assignment.product
    complaint = Complaint(
        reference=uuid.uuid4().hex[:20],  # replaced by the numbered reference once saved
        provider=provider,
        contract=contract,
        assignment=assignment,
        product=product,
        resident_id=assignment.resident_id if assignment is not None else None,
        complainant_name=(complainant_name or "").strip(),
        complainant_contact=(complainant_contact or "").strip(),
        received_on=received_on,
        subject=(subject or "").strip(),
        committee=committee,
        status=ComplaintStatus.RECEIVED,
        handled_by=actor if Role.MARKET_MANAGER in set(getattr(actor, "roles", ()) or ()) else None,
    )
    try:
        complaint.full_clean(exclude=["reference"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages[0])
    if received_on is not None and received_on > timezone.localdate():
        errors["received_on"] = _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")
    _raise(errors)
    complaint.save()
    complaint.reference = f"KL-{received_on.year}-{complaint.pk:06d}"
    complaint.save(update_fields=["reference"])
    _record(
        actor=actor,
        complaint=complaint,
        action="complaint.registered",
        after={
            "provider_id": provider.pk,
            "contract_id": complaint.contract_id,
            "assignment_id": complaint.assignment_id,
            "product_id": complaint.product_id,
            "received_on": received_on,
            "committee": committee,
        },
    )
    return complaint


@transaction.atomic
def complaint_register_by_resident(*, actor, assignment: Assignment, subject: str, contact: str = "") -> Complaint:
    """A complaint the resident files in Mijn Routekaart about an assignment of theirs (or of whom they represent):
    received today, the complainant the resident logged in; the register's rules and event as any complaint."""
    me = getattr(actor, "resident", None)
    return complaint_register(
        actor=actor,
        provider=assignment.provider,
        complainant_name=me.full_name if me is not None else "",
        received_on=timezone.localdate(),
        subject=subject,
        complainant_contact=contact,
        assignment=assignment,
    )


@transaction.atomic
def complaint_acknowledge(*, actor, complaint: Complaint, acknowledged_on: date) -> Complaint:
    """The written acknowledgement of receipt (ontvangstbevestiging, Awb 9:6)."""
    complaint = _locked(complaint)
    if complaint.status != ComplaintStatus.RECEIVED:
        _raise({"acknowledged_on": _("De ontvangst van deze klacht is al bevestigd of de klacht is gesloten.")})
    _raise(_day_errors("acknowledged_on", acknowledged_on, complaint))
    complaint.acknowledged_on = acknowledged_on
    complaint.status = ComplaintStatus.ACKNOWLEDGED
    complaint.save(update_fields=["acknowledged_on", "status"])
    _record(
        actor=actor, complaint=complaint, action="complaint.acknowledged", after={"acknowledged_on": acknowledged_on}
    )
    return complaint


@transaction.atomic
def complaint_hear(
    *, actor, complaint: Complaint, heard_on: date, waived: bool = False, waiver_reason: str = ""
) -> Complaint:
    """The complainant heard (Awb 9:10 lid 1), or the hearing waived for a reason of lid 2 (manifestly unfounded,
    the complainant does not wish to be heard, or did not say so in time); the reason is the event's."""
    complaint = _locked(complaint)
    if complaint.status == ComplaintStatus.RECEIVED:
        _raise({"heard_on": _("Bevestig eerst de ontvangst van de klacht (Awb 9:6).")})
    if complaint.status != ComplaintStatus.ACKNOWLEDGED:
        _raise({"heard_on": _("Deze klacht is al gehoord of gesloten.")})
    errors = _day_errors(
        "heard_on", heard_on, complaint, After(complaint.acknowledged_on, _("de ontvangstbevestiging"))
    )
    waiver_reason = (waiver_reason or "").strip()
    errors |= waiver_errors(waived, waiver_reason)
    _raise(errors)
    complaint.heard_on = heard_on
    complaint.hearing_waived = waived
    complaint.status = ComplaintStatus.HEARD
    complaint.save(update_fields=["heard_on", "hearing_waived", "status"])
    _record(
        actor=actor,
        complaint=complaint,
        action="complaint.heard",
        after={"heard_on": heard_on, "waived": waived},
        reason=waiver_reason,
    )
    return complaint


@transaction.atomic
def complaint_extend(*, actor, complaint: Complaint, extended_on: date, extension_reason: str) -> Complaint:
    """The decision postponed once, by four weeks, with written notice to the complainant and the provider
    (Awb 9:11 lid 2); only while the term still runs."""
    complaint = _locked(complaint)
    if complaint.status not in OPEN:
        _raise({"extended_on": _("Deze klacht is gesloten; verdagen kan niet meer.")})
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
    complaint.save(update_fields=["extended_on", "extension_reason"])
    _record(actor=actor, complaint=complaint, action="complaint.extended", after={"extended_on": extended_on})
    return complaint


@transaction.atomic
def complaint_decide(*, actor, complaint: Complaint, decided_on: date, outcome: str, conclusions: str) -> Complaint:
    """The written decision: founded, partly founded or unfounded, with its conclusions (Awb 9:12)."""
    complaint = _locked(complaint)
    if complaint.status == ComplaintStatus.RECEIVED:
        _raise({"decided_on": _("Bevestig eerst de ontvangst van de klacht (Awb 9:6).")})
    if complaint.status == ComplaintStatus.ACKNOWLEDGED:
        _raise({"decided_on": _("Hoor eerst de klager, of leg vast waarom u daarvan afziet (Awb 9:10).")})
    if complaint.status != ComplaintStatus.HEARD:
        _raise({"decided_on": _("Deze klacht is al afgehandeld of ingetrokken.")})
    errors = _day_errors(
        "decided_on",
        decided_on,
        complaint,
        After(complaint.acknowledged_on, _("de ontvangstbevestiging")),
        After(complaint.heard_on, _("het horen")),
        After(complaint.extended_on, _("de verdaging")),
    )
    if outcome not in ComplaintOutcome.values:
        errors["outcome"] = _("Kies of de klacht gegrond, deels gegrond of ongegrond is.")
    _text_set(complaint, "conclusions", conclusions, _("Vul de bevindingen en de conclusies in (Awb 9:12)."), errors)
    _raise(errors)
    complaint.decided_on = decided_on
    complaint.outcome = outcome
    complaint.status = ComplaintStatus.DECIDED
    if complaint.handled_by_id is None and Role.MARKET_MANAGER in set(getattr(actor, "roles", ()) or ()):
        complaint.handled_by = actor
    complaint.save(update_fields=["decided_on", "outcome", "conclusions", "status", "handled_by"])
    _record(
        actor=actor,
        complaint=complaint,
        action="complaint.decided",
        after={"decided_on": decided_on, "outcome": outcome},
    )
    return complaint


@transaction.atomic
def complaint_withdraw(*, actor, complaint: Complaint, reason: str = "") -> Complaint:
    """The complainant withdrew the complaint: it is closed without a decision."""
    complaint = _locked(complaint)
    if complaint.status not in OPEN:
        _raise({"reason": _("Deze klacht is al afgehandeld of ingetrokken.")})
    complaint.status = ComplaintStatus.WITHDRAWN
    complaint.save(update_fields=["status"])
    _record(actor=actor, complaint=complaint, action="complaint.withdrawn", after={}, reason=(reason or "").strip())
    return complaint
