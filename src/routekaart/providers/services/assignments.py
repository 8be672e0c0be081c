"""Assignments sent to providers (301) and their life: start (305), stop (307), change and end (new 301).

The signatures below are the interface the other lanes call. Every action is one transaction: the assignment, the
message as sent (its row, and its file on the wire once committed) and the event land together or not at all.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...audit import services as audit
from ..messages import facts as f
from ..models import Assignment, AssignmentStatus, ContractProduct, Message
from . import messaging

PURPOSE = "provision-delivery"


@dataclass(frozen=True)
class ProvisionToAssign:
    """What access hands over for one granted provision with a contracted provider."""

    provision_id: int
    decision_reference: str
    municipality_id: int
    provider_id: int
    building_block_id: int
    law: str  # "W" or "J" ("P" provisions are not iWmo/iJw: no assignment)
    resident_id: int
    household_id: int
    volume: Decimal
    provision_unit: str  # access.ProvisionUnit value: hours_per_week, day_parts_per_week, ...
    starts_on: date
    ends_on: date
    goals: tuple[dict, ...] = ()  # {"id": int, "text": str}: the plan goals the provider works on


@dataclass(frozen=True)
class UnitMapping:
    unit: str  # WJ756 Eenheid
    frequency: str  # WJ757 Frequentie
    factor: Decimal  # assigned volume = the provision's volume x factor


# The decision's unit (access.ProvisionUnit) → the standard's Eenheid and Frequentie. The standard has no "dag":
# a day of day activities is two dagdelen of 4 hours, so days_per_week becomes dagdeel per week, volume x 2.
UNITS: dict[str, UnitMapping] = {
    "hours_per_week": UnitMapping("04", "2", Decimal(1)),  # uur per week
    "day_parts_per_week": UnitMapping("16", "2", Decimal(1)),  # dagdeel per week
    "days_per_week": UnitMapping("16", "2", Decimal(2)),  # dagdeel per week, two per day
    "nights_per_month": UnitMapping("14", "4", Decimal(1)),  # etmaal per maand
    "hours_total": UnitMapping("04", "6", Decimal(1)),  # uur, totaal binnen de geldigheidsduur
    "euros": UnitMapping("83", "6", Decimal(1)),  # euro's, totaal
    "pieces": UnitMapping("82", "6", Decimal(1)),  # stuks (output), totaal: an aid or an adaptation
    "trajectory": UnitMapping("82", "6", Decimal(1)),  # stuks (output), totaal: one trajectory is one result
}

LAWS_WITH_MESSAGES = {"W", "J"}


def _contract_product(provision: ProvisionToAssign) -> ContractProduct:
    """The provider's contracted product for the building block, on a contract running on the start date that
    covers the municipality; refused in Dutch on the provider field otherwise."""
    found = (
        ContractProduct.objects.filter(
            product__building_block_id=provision.building_block_id,
            product__law=provision.law,
            contract__provider_id=provision.provider_id,
            contract__starts_on__lte=provision.starts_on,
            contract__ends_on__gte=provision.starts_on,
            contract__municipalities=provision.municipality_id,
        )
        .select_related("product", "contract__provider__provider_profile")
        .order_by("-contract__starts_on", "pk")
        .first()
    )
    if found is None:
        raise ValidationError(
            {"provider": _("Deze aanbieder heeft geen contract voor deze voorziening in deze gemeente.")},
            code="no_contract",
        )
    if not messaging.provider_code(found.contract.provider):
        raise ValidationError(
            {"provider": _("Van deze aanbieder is geen AGB-code bekend; zonder AGB-code kan de toewijzing niet weg.")},
            code="no_agb",
        )
    return found


def _unit(provision_unit: str) -> UnitMapping:
    try:
        return UNITS[provision_unit]
    except KeyError:
        raise ValidationError({"unit": _("Deze eenheid kan niet in een toewijzing.")}, code="unit") from None


def _new_number() -> str:
    """A toewijzingnummer of 8 digits, random so concurrent decisions never pick the same one."""
    while True:
        number = str(10_000_000 + secrets.randbelow(90_000_000))
        if not Assignment.objects.filter(number=number).exists():
            return number


def _send_301(assignment: Assignment, *, change_reason: str = "", provider_reference: str = "") -> Message:
    """Build and send the 301 that says how the assignment stands now (new, changed or ended)."""
    product = assignment.product
    message_facts = f.Assignment301(
        header=messaging.header(
            kind="301",
            law=assignment.law,
            sender=messaging.municipality_code(assignment.municipality),
            receiver=messaging.provider_code(assignment.provider),
        ),
        client=messaging.client_of(assignment.resident),
        products=(
            f.AssignedProduct(
                number=assignment.number,
                category=product.category_code,
                code=product.code,
                starts_on=assignment.starts_on,
                ends_on=assignment.ends_on,
                volume=f.Volume(amount=assignment.volume, unit=assignment.unit, frequency=assignment.frequency),
                assigned_at=messaging.now(),
                change_reason=change_reason,
                provider_reference=provider_reference,
            ),
        ),
    )
    return messaging.message_send(
        message_facts, provider=assignment.provider, municipality=assignment.municipality, assignment=assignment
    )


def _record(
    actor, action: str, assignment: Assignment, after: dict, reason: str = "", before: dict | None = None
) -> None:
    audit.action_record(
        actor=actor,
        action=action,
        subject=assignment,
        household_id=assignment.household_id,
        before=before,
        after={"number": assignment.number, "version": assignment.version, **after},
        domain=assignment.law,
        reason=reason,
        purpose=PURPOSE,
        residents=[assignment.resident],
    )


@transaction.atomic
def assignment_send(*, actor, provision: ProvisionToAssign, channel: str | None = None) -> Assignment | None:
    """Make the assignment for a granted provision and send its 301; refuse (ValidationError) without a contract.

    A provision outside the Wmo and the Jeugdwet (P-law) is delivered without iWmo/iJw: None. A provision that
    already has its assignment keeps it (access may call again for the same decision).
    """
    if provision.law not in LAWS_WITH_MESSAGES:
        return None
    existing = Assignment.objects.filter(provision_id=provision.provision_id).first()
    if existing is not None:
        return existing
    contract_product = _contract_product(provision)
    mapping = _unit(provision.provision_unit)
    assignment = Assignment(
        number=_new_number(),
        municipality_id=provision.municipality_id,
        provider=contract_product.contract.provider,
        contract_product=contract_product,
        product=contract_product.product,
        resident_id=provision.resident_id,
        household_id=provision.household_id,
        provision_id=provision.provision_id,
        decision_reference=provision.decision_reference,
        law=provision.law,
        volume=provision.volume * mapping.factor,
        unit=mapping.unit,
        frequency=mapping.frequency,
        starts_on=provision.starts_on,
        ends_on=provision.ends_on,
        status=AssignmentStatus.SENT,
        goals=[{"id": goal["id"], "text": goal["text"]} for goal in provision.goals],
    )
    assignment.full_clean(exclude=["municipality", "provider", "contract_product", "product", "resident"])
    assignment.save()
    _send_301(assignment)
    _record(
        actor,
        "assignment.sent",
        assignment,
        {
            "provider": assignment.provider_id,
            "product": f"{assignment.product.category_code}{assignment.product.code}",
            "volume": str(assignment.volume),
            "unit": assignment.unit,
            "frequency": assignment.frequency,
            "starts_on": assignment.starts_on,
            "ends_on": assignment.ends_on,
        },
    )
    return assignment


def _current(provision_id: int) -> Assignment | None:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("product", "provider__provider_profile", "municipality", "resident__address")
        .filter(provision_id=provision_id)
        .first()
    )


def _change_reason(reason: str, *, longer: bool) -> str:
    if reason in messaging.ChangeReason.ALL:
        return reason
    return messaging.ChangeReason.EXTENDED if longer else messaging.ChangeReason.SHORTENED


@transaction.atomic
def assignment_change(
    *,
    actor,
    provision_id: int,
    volume: Decimal,
    ends_on: date,
    reason: str = "",
    channel=None,
    provision_unit: str = "",
    provider_reference: str = "",
) -> Assignment | None:
    """A changed decision: change the assignment and send a new 301 (RedenWijziging); None if there is none.

    `volume` is in the decision's unit: pass `provision_unit` when that is not the assignment's own (days per week
    are assigned as two dagdelen each). `reason` is a RedenWijziging code (WJ759) or free text for the event; without
    a code the 301 says extension or shortening. `provider_reference`: the provider's 317 this change grants.
    """
    assignment = _current(provision_id)
    if assignment is None:
        return None
    if assignment.status in (AssignmentStatus.STOPPED, AssignmentStatus.ENDED):
        raise ValidationError(_("Deze toewijzing is al beëindigd; wijzigen kan niet meer."), code="assignment_closed")
    factor = UNITS[provision_unit].factor if provision_unit in UNITS else Decimal(1)
    new_volume = Decimal(volume) * factor
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("De einddatum ligt vóór de ingangsdatum.")}, code="ends_before_start")
    if assignment.started_on and ends_on < assignment.started_on:
        raise ValidationError(
            {"ends_on": _("De einddatum ligt vóór de datum waarop de zorg is gestart.")}, code="ends_before_started"
        )
    before = {"volume": str(assignment.volume), "ends_on": assignment.ends_on, "version": assignment.version}
    longer = ends_on > assignment.ends_on or new_volume > assignment.volume
    assignment.volume = new_volume
    assignment.ends_on = ends_on
    assignment.version += 1
    assignment.full_clean(exclude=["municipality", "provider", "contract_product", "product", "resident"])
    assignment.save(update_fields=["volume", "ends_on", "version"])
    change_reason = _change_reason(reason, longer=longer)
    _send_301(assignment, change_reason=change_reason, provider_reference=provider_reference)
    _record(
        actor,
        "assignment.changed",
        assignment,
        {"volume": str(assignment.volume), "ends_on": assignment.ends_on, "change_reason": change_reason},
        reason="" if reason in messaging.ChangeReason.ALL else reason,
        before=before,
    )
    return assignment


@transaction.atomic
def assignment_end(*, actor, provision_id: int, ends_on: date, reason: str = "", channel=None) -> Assignment | None:
    """An ended decision: end the assignment on `ends_on` and send the 301 that says so; None if there is none.

    Not started yet: the assignment is withdrawn (status ended; its end no earlier than its start, as the standard
    wants). Started: its end moves to `ends_on` (no later than it was) and the provider is told; it stops with the
    provider's 307. Already stopped or ended: nothing to tell, the assignment is returned unchanged.
    """
    assignment = _current(provision_id)
    if assignment is None:
        return None
    if assignment.status in (AssignmentStatus.STOPPED, AssignmentStatus.ENDED):
        return assignment
    before = {"status": assignment.status, "ends_on": assignment.ends_on, "version": assignment.version}
    if assignment.status == AssignmentStatus.SENT:
        assignment.status = AssignmentStatus.ENDED
        assignment.ends_on = min(max(ends_on, assignment.starts_on), assignment.ends_on)
    else:
        if ends_on < assignment.started_on:
            raise ValidationError(
                {"ends_on": _("De einddatum ligt vóór de datum waarop de zorg is gestart.")},
                code="ends_before_started",
            )
        assignment.ends_on = min(ends_on, assignment.ends_on)
    assignment.version += 1
    assignment.save(update_fields=["status", "ends_on", "version"])
    change_reason = reason if reason in messaging.ChangeReason.ALL else messaging.ChangeReason.SHORTENED
    _send_301(assignment, change_reason=change_reason)
    _record(
        actor,
        "assignment.ended",
        assignment,
        {"status": assignment.status, "ends_on": assignment.ends_on, "change_reason": change_reason},
        reason="" if reason in messaging.ChangeReason.ALL else reason,
        before=before,
    )
    return assignment


# The provider's own screen and API: the message the provider's system would send, through the inbound path.

REFUSALS = {
    messaging.Code.NO_ASSIGNMENT: gettext_lazy("Deze toewijzing is ingetrokken of hoort niet bij deze aanbieder."),
    messaging.Code.NOT_STARTED: gettext_lazy("De zorg is nog niet gestart; stoppen kan pas na de start."),
    messaging.Code.START_OUTSIDE: gettext_lazy("De startdatum ligt niet binnen de periode van de toewijzing."),
    messaging.Code.END_OUTSIDE: gettext_lazy(
        "De stopdatum ligt niet tussen de start en de einddatum van de toewijzing."
    ),
    messaging.Code.CATEGORY: gettext_lazy("Het product hoort niet bij deze toewijzing."),
    messaging.Code.PRODUCT: gettext_lazy("Het product hoort niet bij deze toewijzing."),
}


def _refuse(message: Message, field: str, already: str) -> None:
    if message.status != "rejected":
        return
    codes = [code for code in message.retour_codes if code != messaging.Code.OK]
    if messaging.Code.ALREADY_RECEIVED in codes:
        raise ValidationError({field: already}, code="already")
    text = next((REFUSALS[code] for code in codes if code in REFUSALS), None)
    fallback = _("Het bericht is afgekeurd (retourcode {codes}).").format(codes=", ".join(codes))
    raise ValidationError({field: text or fallback}, code="refused")


def _as_provider(assignment: Assignment, kind: str) -> f.Header:
    return messaging.header(
        kind=kind,
        law=assignment.law,
        sender=messaging.provider_code(assignment.provider),
        receiver=messaging.municipality_code(assignment.municipality),
    )


@transaction.atomic
def assignment_start(*, actor, assignment: Assignment, started_on: date, channel=None) -> Assignment:
    """The provider starts delivery: a 305 (built and processed as if received) moves sent → started."""
    from .inbound import facts_receive

    message_facts = f.Start305(
        header=_as_provider(assignment, "305"),
        client=messaging.client_of(assignment.resident),
        reference=messaging.record_key(assignment.number, started_on),
        assignment_number=assignment.number,
        category=assignment.product.category_code,
        code=assignment.product.code,
        starts_on=started_on,
    )
    message = facts_receive(message_facts, actor=actor)
    _refuse(message, "started_on", _("Deze toewijzing is al gestart."))
    assignment.refresh_from_db()
    return assignment


@transaction.atomic
def assignment_stop(*, actor, assignment: Assignment, stopped_on: date, reason: str, channel=None) -> Assignment:
    """The provider stops delivery: a 307 with its reason moves started → stopped."""
    from .inbound import facts_receive

    message_facts = f.Stop307(
        header=_as_provider(assignment, "307"),
        client=messaging.client_of(assignment.resident),
        reference=messaging.record_key(assignment.number, assignment.started_on or assignment.starts_on),
        assignment_number=assignment.number,
        category=assignment.product.category_code,
        code=assignment.product.code,
        starts_on=assignment.started_on or assignment.starts_on,
        ends_on=stopped_on,
        reason=reason,
    )
    message = facts_receive(message_facts, actor=actor)
    _refuse(message, "stopped_on", _("Deze toewijzing is al gestopt."))
    assignment.refresh_from_db()
    return assignment
