"""A provider's requests: 315 verzoek om toewijzing and 317 verzoek om wijziging, answered with a 319.

Received, a request is an open AssignmentRequest per requested product (retour 316/318). The municipality answers:
a 319 always; a granted 317 also changes the assignment (a new 301 through `assignment_change`). A granted 315 is
recorded and answered; the coordinator then makes the decision in access, which sends its 301.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...residents import selectors as residents
from ..messages import facts as f
from ..models import (
    AssignmentRequest,
    AssignmentStatus,
    ContractProduct,
    Direction,
    Message,
    Product,
    RequestKind,
    RequestStatus,
)
from . import messaging
from .messaging import Code, Outcome

PURPOSE = "provision-delivery"
REFUSAL_REASON = "07"  # WJ759 Reden afwijzing verzoek: zorginhoudelijke afkeur (the reasoning stays with us)


def _product_codes(request: f.RequestedProduct, message, provider, municipality, assignment) -> tuple[str, ...]:
    if AssignmentRequest.objects.filter(provider=provider, reference=request.reference).exists():
        return (Code.REFERENCE_TAKEN,)
    if message.header.kind == RequestKind.CHANGE:
        if (
            assignment is None
            or assignment.provider_id != provider.pk
            or assignment.municipality_id != municipality.pk
            or assignment.status in (AssignmentStatus.STOPPED, AssignmentStatus.ENDED)
        ):
            return (Code.CHANGE_NOT_CURRENT,)
        if AssignmentRequest.objects.filter(assignment=assignment, status=RequestStatus.OPEN).exists():
            return (Code.REQUEST_OPEN,)
        if (request.category, request.code) != (assignment.product.category_code, assignment.product.code):
            return (Code.PRODUCT,)
    return ()


@transaction.atomic(savepoint=False)  # joins the caller's transaction: one per received message
def request_receive(message: f.Request315 | f.Request317, *, actor, provider, lookup) -> Outcome:
    """Record each requested product as an open request; refused products write nothing."""
    head = message.header
    municipality = lookup.municipality(provider, head.receiver)
    resident = residents.resident_by_bsn(message.client.bsn)
    outcome = Outcome()
    accepted: list[AssignmentRequest] = []
    for item in message.products:
        assignment = lookup.assignment(item.assignment_number) if item.assignment_number else None
        codes = _product_codes(item, message, provider, municipality, assignment)
        product = Product.objects.filter(law=head.law, category_code=item.category, code=item.code).first()
        if not codes and (resident is None or (assignment is not None and assignment.resident_id != resident.pk)):
            codes = (Code.CLIENT,)
        if not codes and product is None:
            codes = (Code.PRODUCT,)
        if not codes and head.kind == RequestKind.NEW and not _contracted(provider, municipality, product, item):
            codes = (Code.PRODUCT,)
        outcome.records[item.reference] = codes
        if codes:
            continue
        volume = item.volume or f.Volume(amount=0, unit=product.unit, frequency=product.frequency)
        request = AssignmentRequest(
            kind=head.kind,
            reference=item.reference,
            provider=provider,
            municipality=municipality,
            resident=resident,
            assignment=assignment,
            product=product,
            volume=volume.amount,
            unit=volume.unit,
            frequency=volume.frequency,
            starts_on=item.starts_on,
            ends_on=item.ends_on or (assignment.ends_on if assignment else _contract_end(provider, product, item)),
        )
        request.save()
        accepted.append(request)
        if assignment is not None and outcome.assignment is None:
            outcome.assignment = assignment
    if accepted:
        household_id = (
            outcome.assignment.household_id
            if outcome.assignment
            else residents.household_id_of(resident_id=resident.pk)
        )
        for request in accepted:
            audit.action_record(
                actor=actor,
                action="assignment_request.received",
                subject=request,
                household_id=household_id,
                after={"kind": request.kind, "reference": request.reference, "provider": provider.pk},
                purpose=PURPOSE,
                residents=[resident],
            )
    return outcome


def _contract_product(provider, municipality, product, on: date):
    return (
        ContractProduct.objects.filter(
            product=product,
            contract__provider=provider,
            contract__municipalities=municipality,
            contract__starts_on__lte=on,
            contract__ends_on__gte=on,
        )
        .select_related("contract")
        .first()
    )


def _contracted(provider, municipality, product, item: f.RequestedProduct) -> bool:
    return _contract_product(provider, municipality, product, item.starts_on) is not None


def _contract_end(provider, product, item: f.RequestedProduct) -> date:
    found = ContractProduct.objects.filter(product=product, contract__provider=provider).select_related("contract")
    ends = [cp.contract.ends_on for cp in found if cp.contract.ends_on >= item.starts_on]
    return max(ends, default=item.starts_on)


def _request_message(request: AssignmentRequest) -> Message | None:
    """The 315/317 the request came in: its identification and date go back in the 319."""
    return (
        Message.objects.filter(
            direction=Direction.IN,
            kind=request.kind,
            provider=request.provider,
            status__in=["accepted", "rejected"],
            xml__contains=f">{request.reference}<",
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def request_answer(
    *, actor, request: AssignmentRequest, granted: bool, reasoning: str, reason_code: str = REFUSAL_REASON
) -> AssignmentRequest:
    """The municipality answers a provider's request: a 319, and for a granted 317 the changed assignment (301)."""
    request = (
        AssignmentRequest.objects.select_for_update(of=("self",))
        .select_related("provider__provider_profile", "municipality", "resident__address", "product", "assignment")
        .get(pk=request.pk)
    )
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("Dit verzoek is al beantwoord."), code="answered")
    if not granted and not reasoning.strip():
        raise ValidationError({"reasoning": _("Geef de motivering van de afwijzing.")}, code="reasoning")
    request.status = RequestStatus.GRANTED if granted else RequestStatus.REFUSED
    request.answered_on = timezone.localdate()
    request.answered_by = actor
    request.reasoning = reasoning
    request.full_clean(exclude=["provider", "municipality", "resident", "assignment", "product", "answered_by"])
    request.save(update_fields=["status", "answered_on", "answered_by", "reasoning"])
    asked = _request_message(request)
    answer = f.Answer319(
        header=messaging.header(
            kind="319",
            law=request.product.law,
            sender=messaging.municipality_code(request.municipality),
            receiver=messaging.provider_code(request.provider),
        ),
        client=messaging.client_of(request.resident),
        request_identification=asked.identification if asked else request.reference[:12],
        request_dated_on=asked.dated_on if asked else request.received_at.date(),
        reference=request.reference,
        granted=granted,
        reason="" if granted else reason_code,
    )
    messaging.message_send(
        answer,
        provider=request.provider,
        municipality=request.municipality,
        assignment=request.assignment,
        answers=asked,
    )
    household_id = (
        request.assignment.household_id
        if request.assignment
        else residents.household_id_of(resident_id=request.resident_id)
    )
    audit.action_record(
        actor=actor,
        action="assignment_request.answered",
        subject=request,
        household_id=household_id,
        after={"kind": request.kind, "reference": request.reference, "granted": granted},
        reason=reasoning,
        purpose=PURPOSE,
        residents=[request.resident],
    )
    if granted and request.kind == RequestKind.CHANGE and request.assignment is not None:
        from .assignments import assignment_change

        assignment_change(
            actor=actor,
            provision_id=request.assignment.provision_id,
            volume=request.volume,
            ends_on=request.ends_on,
            reason=messaging.ChangeReason.PROVIDER,
            provider_reference=request.reference,
        )
    return request
