"""A provider's 323 declaratie, checked line by line against the assignment and the contract tariff; answered
with a 325 that approves or rejects each line with the standard's retour codes."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from ...audit import services as audit
from ..messages import facts as f
from ..models import AssignmentStatus, Declaration, DeclarationLine, DeclarationStatus, Tariff
from . import messaging
from .messaging import Code, Outcome

PURPOSE = "provision-delivery"
CENT = Decimal("0.01")
EUROS = "83"


def assigned_volume(assignment, starts_on: date, ends_on: date) -> Decimal:
    """The volume the assignment allows in a period: per day x days, per week x days/7, per month pro rata of
    each calendar month, in total what is not yet approved on earlier lines."""
    days = (ends_on - starts_on).days + 1
    if assignment.frequency == "1":
        allowed = assignment.volume * days
    elif assignment.frequency == "2":
        allowed = assignment.volume * Decimal(days) / Decimal(7)
    elif assignment.frequency == "4":
        allowed = Decimal(0)
        day = starts_on
        while day <= ends_on:
            month_days = calendar.monthrange(day.year, day.month)[1]
            last = min(ends_on, date(day.year, day.month, month_days))
            allowed += assignment.volume * Decimal((last - day).days + 1) / Decimal(month_days)
            day = date.fromordinal(last.toordinal() + 1)
    else:
        used = sum(
            DeclarationLine.objects.filter(assignment=assignment, approved=True).values_list("volume", flat=True),
            Decimal(0),
        )
        allowed = assignment.volume - used
    return allowed.quantize(CENT, rounding=ROUND_HALF_UP)


def _tariff(assignment, on: date) -> Tariff | None:
    return Tariff.objects.filter(
        contract_product_id=assignment.contract_product_id, valid_from__lte=on, valid_to__gte=on
    ).first()


def _line_codes(line: f.DeclaredLine, assignment, provider, municipality) -> tuple[str, ...]:
    if assignment is None or assignment.provider_id != provider.pk or assignment.municipality_id != municipality.pk:
        return (Code.LINE_NO_ASSIGNMENT,)
    if assignment.resident.bsn != line.bsn:
        return (Code.CLIENT,)
    if line.category != assignment.product.category_code:
        return (Code.CATEGORY,)
    if line.code != assignment.product.code:
        return (Code.PRODUCT,)
    if line.unit != assignment.unit:
        return (Code.UNIT,)
    if assignment.started_on is None or assignment.status not in (AssignmentStatus.STARTED, AssignmentStatus.STOPPED):
        return (Code.NOT_STARTED,)
    last_day = min(assignment.ends_on, assignment.stopped_on or assignment.ends_on)
    if not max(assignment.starts_on, assignment.started_on) <= line.starts_on <= last_day:
        return (Code.START_OUTSIDE,)
    if not line.starts_on <= line.ends_on <= last_day:
        return (Code.END_OUTSIDE,)
    if line.volume > assigned_volume(assignment, line.starts_on, line.ends_on):
        return (Code.VOLUME,)
    tariff = _tariff(assignment, line.starts_on)
    if tariff is None or tariff.amount != line.tariff:
        return (Code.TARIFF,)
    if line.unit != EUROS and (line.volume * line.tariff).quantize(CENT, rounding=ROUND_HALF_UP) != line.amount:
        return (Code.AMOUNT,)
    return ()


def _answer(message: f.Declaration323, lines: list[tuple[f.DeclaredLine, tuple[str, ...]]]) -> f.DeclarationAnswer325:
    head = message.header
    approved = sum((line.amount for line, codes in lines if not codes), Decimal(0))
    rejected = sum((line.amount for line, codes in lines if codes), Decimal(0))
    return f.DeclarationAnswer325(
        header=messaging.header(kind="325", law=head.law, sender=head.receiver, receiver=head.sender),
        declaration_number=message.number,
        total_approved=approved,
        total_rejected=rejected,
        lines=tuple(
            f.AnsweredLine(
                reference=line.reference, approved_amount=Decimal(0) if codes else line.amount, retour_codes=codes
            )
            for line, codes in lines
        ),
    )


@transaction.atomic(savepoint=False)  # joins the caller's transaction: one per received message
def declaration_receive(message: f.Declaration323, *, actor, provider, lookup) -> Outcome:
    """Check each line; store the declaration with its approved and rejected lines; answer with a 325.

    A declaration number the provider used before is refused whole (9333) and nothing is stored.
    """
    municipality = lookup.municipality(provider, message.header.receiver)
    if Declaration.objects.filter(provider=provider, number=message.number).exists():
        lines = [(line, (Code.DECLARATION_NUMBER,)) for line in message.lines]
        return Outcome(codes=(Code.DECLARATION_NUMBER,), answer=_answer(message, lines))
    checked: list[tuple[f.DeclaredLine, tuple[str, ...]]] = []
    rows: list[DeclarationLine] = []
    for line in message.lines:
        assignment = lookup.assignment(line.assignment_number)
        codes = _line_codes(line, assignment, provider, municipality)
        checked.append((line, codes))
        rows.append(
            DeclarationLine(
                reference=line.reference,
                assignment=assignment if codes != (Code.LINE_NO_ASSIGNMENT,) else None,
                product=assignment.product if assignment and codes != (Code.LINE_NO_ASSIGNMENT,) else None,
                starts_on=line.starts_on,
                ends_on=line.ends_on,
                volume=line.volume,
                unit=line.unit,
                tariff=line.tariff,
                amount=line.amount,
                approved=not codes,
                retour_code=codes[0] if codes else "",
            )
        )
    approved = sum((line.amount for line, codes in checked if not codes), Decimal(0))
    claimed = sum((line.amount for line in message.lines), Decimal(0))
    accepted = sum(1 for _, codes in checked if not codes)
    status = (
        DeclarationStatus.APPROVED
        if accepted == len(checked)
        else DeclarationStatus.REJECTED
        if accepted == 0
        else DeclarationStatus.PARTLY
    )
    declaration = Declaration.objects.create(
        number=message.number,
        provider=provider,
        municipality=municipality,
        period_start=message.period_start,
        period_end=message.period_end,
        claimed=claimed,
        approved=approved,
        status=status,
    )
    for row in rows:
        row.declaration = declaration
    DeclarationLine.objects.bulk_create(rows)
    residents = list({row.assignment.resident_id: row.assignment.resident for row in rows if row.assignment}.values())
    audit.action_record(
        actor=actor,
        action="declaration.received",
        subject=declaration,
        after={"number": declaration.number, "status": status, "claimed": claimed, "approved": approved},
        purpose=PURPOSE,
        residents=residents,
    )
    return Outcome(records={line.reference: codes for line, codes in checked}, answer=_answer(message, checked))
