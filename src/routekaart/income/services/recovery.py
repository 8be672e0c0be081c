"""Terugvordering (Pw art. 58) and the collection of a claim: establish it, agree how it is paid off (a payment plan
or settlement against the benefit, Pw art. 60 lid 3, never below the beslagvrije voet), record what comes in,
correct it, or put it out of collection (buiten invordering, art. 58 lid 8).

A claim's balance is the sum of its movements: the established principal (+), deductions, payments and write-offs
(-), corrections either way. Each public action is one transaction with one event `claim.<verb>` or
`claim_arrangement.<verb>` and a processing-log entry for benefit recovery. The events hold references, codes,
dates and amounts of the Dienst's own decisions, never the explanation, a note or a name. Bad input raises a Dutch
`ValidationError` per field and changes nothing. The payment run calls `settlements_due` while it prepares and
`settlements_book` inside its approval.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.workflow import StateMachine
from ...organisations.roles import Domain, Role
from ...residents import services as residents_services
from ...residents.access import household_access
from .. import recovery_rules
from .. import selectors as income_selectors
from ..calculation import CalculationError, euro, money
from ..models import (
    ArrangementKind,
    Claim,
    ClaimArrangement,
    ClaimKind,
    ClaimMovement,
    ClaimReason,
    ClaimStatus,
    MovementKind,
    SocialAssistance,
)

PURPOSE = "benefit-recovery"
MANAGING_ROLES = (Role.CLIENT_ADMIN, Role.COORDINATOR)
ZERO = Decimal("0.00")
LEGAL_MATTER = "legal_matter"  # residents' InvolvementKind.LEGAL_MATTER: klantbeheer's involvement with the household

MACHINE = StateMachine.from_targets(
    ClaimStatus,
    {ClaimStatus.OPEN: [ClaimStatus.PAID, ClaimStatus.WRITTEN_OFF]},
    message=_("Deze vordering is “%(current)s”; dit kan alleen bij een openstaande vordering."),
)


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _today() -> date:
    return timezone.localdate()


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def balance_expression(outer: str = "pk") -> Coalesce:
    """The balance of the claim `outer` refers to, as one subquery: the sum of its movements."""
    movements = ClaimMovement.objects.filter(claim_id=OuterRef(outer)).values("claim_id").annotate(total=Sum("amount"))
    field = DecimalField(max_digits=12, decimal_places=2)
    return Coalesce(Subquery(movements.values("total"), output_field=field), Value(ZERO), output_field=field)


def claim_balance(claim: Claim) -> Decimal:
    """The claim's balance now: the sum of its movements."""
    total = ClaimMovement.objects.filter(claim_id=claim.pk).aggregate(total=Sum("amount"))["total"]
    return money(total) if total is not None else ZERO


def _may_manage(actor, household_id: int, organisation_id: int | None = None) -> dict[str, str]:
    """Klantbeheer (client_admin) or a coordinator whom the access check lets into the household's P file, or
    klantbeheer of the Dienst that pays the benefit the claim is about (`organisation_id`)."""
    roles = set(getattr(actor, "roles", ()) or ())
    if not roles & set(MANAGING_ROLES):
        return {"household": _("Alleen klantbeheer of de regisseur van het huishouden legt vorderingen vast.")}
    if _involved(actor, household_id) or organisation_id in _client_admin_at(actor):
        return {}
    return {"household": _("U bent niet betrokken bij dit huishouden.")}


def _involved(actor, household_id: int) -> bool:
    access = household_access(user=actor, household_id=household_id, purpose=PURPOSE, domain=Domain.PARTICIPATION)
    return access.permits(Domain.PARTICIPATION)


def _client_admin_at(actor) -> set[int]:
    return {a.organisation_id for a in actor.affiliations_held() if a.role == Role.CLIENT_ADMIN}


def _involve(actor, claim: Claim) -> None:
    """Klantbeheer that establishes a claim without being involved yet becomes involved with the household (kind
    legal_matter, domain P, personal), so its pages pass the access check from now on."""
    if _involved(actor, claim.household_id):
        return
    residents_services.involvement_start(
        actor=actor,
        household=claim.household,
        organisation=claim.organisation,
        kind=LEGAL_MATTER,
        user=actor,
        domain=Domain.PARTICIPATION,
        reason=_("Vordering %(reference)s") % {"reference": claim.reference},
    )


def _record(*, actor, claim: Claim, action: str, after: dict, subject=None) -> None:
    audit.action_record(
        actor=actor,
        action=action,
        subject=subject if subject is not None else claim,
        household_id=claim.household_id,
        after={"reference": claim.reference, "status": claim.status, **after},
        purpose=PURPOSE,
        domain=Domain.PARTICIPATION,
        residents=[claim.debtor],
    )


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update(of=("self",)).select_related("debtor", "benefit").get(pk=claim.pk)


def _day_errors(field: str, day: date | None, *, not_before: date | None = None, label: str = "") -> dict[str, str]:
    if day is None:
        return {field: _("Vul de datum in.")}
    if day > _today():
        return {field: _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")}
    if not_before is not None and day < not_before:
        return {field: _("Deze datum ligt vóór %(what)s.") % {"what": label}}
    return {}


def _clean(instance, errors: dict[str, str], exclude: Iterable[str] = ()) -> None:
    """The model's own limits (lengths, amounts, plausible dates), each beside its field."""
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages[0])


def _organisation_id(actor, benefit: SocialAssistance | None) -> int | None:
    if benefit is not None:
        return benefit.organisation_id
    for affiliation in actor.affiliations_held():
        if affiliation.role in MANAGING_ROLES:
            return affiliation.organisation_id
    return None


# --- Establishing a claim ----------------------------------------------------------------------------------------


@transaction.atomic
def claim_establish(
    *,
    actor,
    household_id: int,
    debtor_id: int,
    benefit_id: int | None,
    kind: str,
    reason: str,
    explanation: str,
    period_from: date,
    period_to: date,
    principal: Decimal,
    established_on: date,
    source_kind: str = "",
    source_id: int | None = None,
) -> Claim:
    """A claim decided (terugvorderingsbesluit, or the fine's decision): the claim and its "established" movement."""
    benefit = None
    if benefit_id is not None:
        benefit = SocialAssistance.objects.filter(pk=benefit_id, household_id=household_id).first()
    errors = _may_manage(actor, household_id, benefit.organisation_id if benefit is not None else None)
    if benefit_id is not None and benefit is None:
        errors["benefit"] = _("Deze uitkering hoort niet bij dit huishouden.")
    if kind not in ClaimKind.values:
        errors["kind"] = _("Kies de soort vordering.")
    if reason not in ClaimReason.values:
        errors["reason"] = _("Kies de reden van de vordering.")
    explanation = (explanation or "").strip()
    if not explanation:
        errors["explanation"] = _("Leg uit waarom er te veel is betaald; dit komt in het besluit.")
    if principal is None or principal <= 0:
        errors["principal"] = _("Vul een bedrag in dat groter is dan 0.")
    errors = _day_errors("period_from", period_from) | errors
    if period_to is None:
        errors["period_to"] = _("Vul de datum in.")
    elif period_from is not None and period_to < period_from:
        errors["period_to"] = _("De periode eindigt vóór zij begint.")
    errors = (
        _day_errors("established_on", established_on, not_before=period_from, label=_("het begin van de periode"))
        | errors
    )
    if debtor_id is None or not income_selectors.is_member_on(
        household_id=household_id, resident_id=debtor_id, on=min(period_to or _today(), _today())
    ):
        errors["debtor"] = _("De debiteur hoorde in de periode niet bij dit huishouden.")
    organisation_id = _organisation_id(actor, benefit)
    if organisation_id is None:
        errors.setdefault("household", _("U werkt niet bij een organisatie die vorderingen vaststelt."))
    claim = Claim(
        reference=uuid.uuid4().hex[:20],  # replaced by the numbered reference once saved
        household_id=household_id,
        debtor_id=debtor_id,
        benefit=benefit,
        kind=kind,
        reason=reason,
        explanation=explanation,
        period_from=period_from,
        period_to=period_to,
        principal=money(principal) if principal is not None and not errors.get("principal") else principal,
        established_on=established_on,
        source_kind=(source_kind or "").strip(),
        source_id=source_id,
        status=ClaimStatus.OPEN,
        organisation_id=organisation_id,
        created_by=actor,
    )
    if not errors:
        _clean(claim, errors, exclude=["reference", "household", "debtor", "organisation", "created_by", "benefit"])
    _raise(errors)
    claim.save()
    claim.reference = f"VO-{established_on.year}-{claim.pk:06d}"
    claim.save(update_fields=["reference"])
    ClaimMovement.objects.create(
        claim=claim, on=established_on, kind=MovementKind.ESTABLISHED, amount=claim.principal, recorded_by=actor
    )
    _involve(actor, claim)
    _record(
        actor=actor,
        claim=claim,
        action="claim.established",
        after={
            "kind": claim.kind,
            "reason": claim.reason,
            "principal": claim.principal,
            "period_from": period_from,
            "period_to": period_to,
            "established_on": established_on,
            "benefit_id": claim.benefit_id,
            "source_kind": claim.source_kind,
            "source_id": claim.source_id,
        },
    )
    return claim


@dataclass(frozen=True)
class OverpaymentMonth:
    """One month of a late income report: what was paid without the earnings, and what was due with them."""

    month: date
    paid: Decimal
    due: Decimal

    @property
    def overpaid(self) -> Decimal:
        return max(ZERO, self.paid - self.due)


@dataclass(frozen=True)
class OverpaymentProposal:
    """The overpaid amount income's calculation recomputes for the months concerned; empty when it cannot."""

    benefit: SocialAssistance
    months: list[OverpaymentMonth]
    problem: str = ""

    @property
    def total(self) -> Decimal:
        return sum((m.overpaid for m in self.months), ZERO)

    @property
    def period_from(self) -> date | None:
        return self.months[0].month if self.months else None

    @property
    def period_to(self) -> date | None:
        return _month_end(self.months[-1].month) if self.months else None


def overpayment_from_income_reports(
    *, benefit: SocialAssistance, month_from: date, month_to: date
) -> OverpaymentProposal:
    """What was paid too much because earnings were reported late: per month, the benefit without the earnings
    (what was paid) minus the benefit with the reported earnings (what was due). A month the calculation cannot
    make (no norms, the client outside its ages) leaves the proposal empty with the reason, and the caseworker
    enters the amount with the explanation."""
    months: list[OverpaymentMonth] = []
    month = _first_of_month(month_from)
    last = _first_of_month(month_to)
    while month <= last and len(months) < 120:
        try:
            paid = income_selectors.benefit_calculation_get(benefit=benefit, month=month, earnings_month=None).benefit
            due = income_selectors.benefit_calculation_get(benefit=benefit, month=month).benefit
        except CalculationError as error:
            return OverpaymentProposal(benefit=benefit, months=[], problem=str(error))
        months.append(OverpaymentMonth(month=month, paid=paid, due=due))
        month = _first_of_month(month + timedelta(days=32))
    return OverpaymentProposal(benefit=benefit, months=months)


@transaction.atomic
def claim_from_income_report(
    *,
    actor,
    benefit: SocialAssistance,
    month_from: date,
    month_to: date,
    explanation: str,
    established_on: date,
    principal: Decimal | None = None,
) -> Claim:
    """A claim after earnings reported late: the overpaid amount of the months concerned as income's calculation
    recomputes it (or `principal` as the caseworker enters it), the reason and the period recorded."""
    if month_from is None or month_to is None or month_to < month_from:
        _raise({"month_to": _("De periode eindigt vóór zij begint.")})
    proposal = overpayment_from_income_reports(benefit=benefit, month_from=month_from, month_to=month_to)
    if principal is None:
        if proposal.problem:
            _raise(
                {
                    "principal": _("Het bedrag kan niet worden berekend (%(why)s); vul het zelf in.")
                    % {"why": proposal.problem}
                }
            )
        principal = proposal.total
        if principal <= 0:
            _raise({"principal": _("In deze maanden is niet te veel betaald; er is niets terug te vorderen.")})
    return claim_establish(
        actor=actor,
        household_id=benefit.household_id,
        debtor_id=benefit.client_id,
        benefit_id=benefit.pk,
        kind=ClaimKind.RECOVERY,
        reason=ClaimReason.INCOME_REPORT,
        explanation=explanation,
        period_from=_first_of_month(month_from),
        period_to=min(_month_end(_first_of_month(month_to)), _today()),
        principal=principal,
        established_on=established_on,
        source_kind="income_report",
        source_id=benefit.pk,
    )


# --- Arrangements ------------------------------------------------------------------------------------------------


def arrangement_limit(*, claim: Claim, starts_on: date) -> tuple[Decimal | None, Decimal | None, str]:
    """The beslagvrije voet and the most a month may take from the benefit the claim names, from `starts_on`:
    (protected income, room, problem). (None, None, "") without a running benefit: the debtor's income is not
    known here."""
    benefit = claim.benefit
    if (
        benefit is None
        or benefit.started_on > _month_end(starts_on)
        or (benefit.ended_on and benefit.ended_on <= starts_on)
    ):
        return None, None, ""
    try:
        norm = income_selectors.benefit_calculation_get(
            benefit=benefit, month=_first_of_month(starts_on), earnings_month=None
        ).norm
    except CalculationError as error:
        return None, None, str(error)
    protected = recovery_rules.protected_income(norm)
    return protected, recovery_rules.room_left(income=norm, protected=protected), ""


@transaction.atomic
def arrangement_agree(
    *,
    actor,
    claim: Claim,
    kind: str,
    monthly_amount: Decimal,
    starts_on: date,
    agreed_on: date,
    ends_on: date | None = None,
) -> ClaimArrangement:
    """A payment plan or settlement against the benefit from a month on; the monthly amount may not leave the
    debtor on the benefit less than the beslagvrije voet."""
    claim = _locked(claim)
    errors = _may_manage(actor, claim.household_id, claim.organisation_id)
    if claim.status != ClaimStatus.OPEN:
        errors["claim"] = _("Een afspraak maakt u alleen over een openstaande vordering.")
    if kind not in ArrangementKind.values:
        errors["kind"] = _("Kies een betalingsregeling of verrekening met de uitkering.")
    if monthly_amount is None or monthly_amount <= 0:
        errors["monthly_amount"] = _("Vul een bedrag per maand in dat groter is dan 0.")
    if starts_on is None:
        errors["starts_on"] = _("Vul de datum in.")
    else:
        starts_on = _first_of_month(starts_on) if kind == ArrangementKind.SETTLEMENT else starts_on
    errors = (
        _day_errors("agreed_on", agreed_on, not_before=claim.established_on, label=_("het besluit over de vordering"))
        | errors
    )
    if ends_on is not None and starts_on is not None and ends_on <= starts_on:
        errors["ends_on"] = _("De einddatum ligt niet na de begindatum.")
    if ClaimArrangement.objects.filter(claim=claim, ends_on__isnull=True).exists():
        errors["claim"] = _("Deze vordering heeft al een lopende afspraak. Beëindig die eerst.")
    protected = None
    if starts_on is not None and "monthly_amount" not in errors:
        protected, room, problem = arrangement_limit(claim=claim, starts_on=starts_on)
        if problem:
            errors["starts_on"] = _("De beslagvrije voet kan niet worden berekend: %(why)s") % {"why": problem}
        elif kind == ArrangementKind.SETTLEMENT and protected is None:
            errors["kind"] = _("Verrekenen kan alleen met een uitkering die in die maand loopt.")
        elif room is not None and monthly_amount > room:
            errors["monthly_amount"] = _(
                "Dit laat de inwoner minder dan de beslagvrije voet van %(protected)s; ten hoogste %(room)s per maand."
            ) % {"protected": euro(protected), "room": euro(room)}
        elif monthly_amount > claim_balance(claim):
            errors["monthly_amount"] = _("Het bedrag per maand is hoger dan het saldo van de vordering.")
    arrangement = ClaimArrangement(
        claim=claim,
        kind=kind,
        monthly_amount=money(monthly_amount) if not errors.get("monthly_amount") else monthly_amount,
        protected_income=protected,
        starts_on=starts_on,
        ends_on=ends_on,
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    if not errors:
        _clean(arrangement, errors, exclude=["claim", "recorded_by"])
    _raise(errors)
    arrangement.save()
    _record(
        actor=actor,
        claim=claim,
        action="claim_arrangement.agreed",
        subject=arrangement,
        after={
            "kind": kind,
            "monthly_amount": arrangement.monthly_amount,
            "protected_income": protected,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    return arrangement


@transaction.atomic
def arrangement_end(*, actor, arrangement: ClaimArrangement, ends_on: date) -> ClaimArrangement:
    """The arrangement stops from `ends_on` (the debtor pays otherwise, or the benefit ended)."""
    arrangement = ClaimArrangement.objects.select_for_update(of=("self",)).get(pk=arrangement.pk)
    claim = Claim.objects.select_related("debtor").get(pk=arrangement.claim_id)
    errors = _may_manage(actor, claim.household_id, claim.organisation_id)
    if arrangement.ends_on is not None:
        errors["ends_on"] = _("Deze afspraak is al beëindigd.")
    elif ends_on is None:
        errors["ends_on"] = _("Vul de datum in.")
    elif ends_on <= arrangement.starts_on:
        errors["ends_on"] = _("De einddatum ligt niet na de begindatum.")
    _raise(errors)
    arrangement.ends_on = ends_on
    arrangement.save(update_fields=["ends_on"])
    _record(
        actor=actor,
        claim=claim,
        action="claim_arrangement.ended",
        subject=arrangement,
        after={"kind": arrangement.kind, "ends_on": ends_on},
    )
    return arrangement


# --- Movements -------------------------------------------------------------------------------------------------


def _settle_status(claim: Claim, balance: Decimal) -> None:
    if balance == 0 and claim.status == ClaimStatus.OPEN:
        claim.status = MACHINE.check(claim.status, ClaimStatus.PAID)
        claim.save(update_fields=["status"])


def _amount_errors(field: str, amount: Decimal | None) -> dict[str, str]:
    if amount is None or amount <= 0:
        return {field: _("Vul een bedrag in dat groter is dan 0.")}
    return {}


def _open_errors(claim: Claim, field: str) -> dict[str, str]:
    if claim.status != ClaimStatus.OPEN:
        return {field: MACHINE.refusal(claim.status, ClaimStatus.PAID)}
    return {}


def _movement_book(
    *,
    actor,
    claim: Claim,
    errors: dict[str, str],
    balance: Decimal,
    kind: str,
    sign: int,
    amount: Decimal | None,
    day: tuple[str, date],
    note: str,
    action: str,
) -> ClaimMovement:
    """Checks, saves and records one movement of the balance, the same way for a payment and a correction: the
    movement carries `sign * amount` (a payment lowers the balance), the event the amount as it was entered."""
    day_field, on = day
    movement = ClaimMovement(
        claim=claim,
        on=on,
        kind=kind,
        amount=sign * money(amount) if not errors else ZERO,
        note=note,
        recorded_by=actor,
    )
    if not errors:
        _clean(movement, errors, exclude=["claim", "recorded_by", "payment_line"])
    _raise(errors)
    movement.save()
    _settle_status(claim, balance + movement.amount)
    _record(
        actor=actor,
        claim=claim,
        action=action,
        after={"amount": sign * movement.amount, day_field: on, "balance": balance + movement.amount},
    )
    return movement


@transaction.atomic
def payment_record(*, actor, claim: Claim, amount: Decimal, received_on: date, note: str = "") -> ClaimMovement:
    """A transfer received from the debtor; a claim paid off in full becomes paid."""
    claim = _locked(claim)
    errors = _may_manage(actor, claim.household_id, claim.organisation_id) | _open_errors(claim, "amount")
    errors = _amount_errors("amount", amount) | errors
    errors = (
        _day_errors(
            "received_on", received_on, not_before=claim.established_on, label=_("het besluit over de vordering")
        )
        | errors
    )
    balance = claim_balance(claim)
    if not errors and amount > balance:
        errors["amount"] = _("Het bedrag is hoger dan het saldo van %(balance)s.") % {"balance": euro(balance)}
    return _movement_book(
        actor=actor,
        claim=claim,
        errors=errors,
        balance=balance,
        kind=MovementKind.PAYMENT,
        sign=-1,
        amount=amount,
        day=("received_on", received_on),
        note=(note or "").strip(),
        action="claim.payment_recorded",
    )


@transaction.atomic
def claim_write_off(*, actor, claim: Claim, reason: str, written_off_on: date | None = None) -> Claim:
    """Buiten invordering stellen (Pw art. 58 lid 8): the balance is no longer collected; the reason is kept on
    the movement (not in the event)."""
    claim = _locked(claim)
    written_off_on = written_off_on or _today()
    errors = _may_manage(actor, claim.household_id, claim.organisation_id) | _open_errors(claim, "reason")
    reason = (reason or "").strip()
    if not reason and "reason" not in errors:
        errors["reason"] = _("Schrijf waarom de vordering buiten invordering wordt gesteld.")
    elif len(reason) > ClaimMovement._meta.get_field("note").max_length:
        errors["reason"] = _("Houd de reden korter dan 200 tekens.")
    errors = (
        _day_errors(
            "written_off_on", written_off_on, not_before=claim.established_on, label=_("het besluit over de vordering")
        )
        | errors
    )
    _raise(errors)
    balance = claim_balance(claim)
    if balance > 0:
        ClaimMovement.objects.create(
            claim=claim, on=written_off_on, kind=MovementKind.WRITE_OFF, amount=-balance, note=reason, recorded_by=actor
        )
    claim.status = MACHINE.check(claim.status, ClaimStatus.WRITTEN_OFF)
    claim.save(update_fields=["status"])
    ClaimArrangement.objects.filter(claim=claim, ends_on__isnull=True, starts_on__lt=written_off_on).update(
        ends_on=written_off_on
    )
    _record(
        actor=actor,
        claim=claim,
        action="claim.written_off",
        after={"amount": balance, "written_off_on": written_off_on},
    )
    return claim


@transaction.atomic
def claim_correct(*, actor, claim: Claim, amount: Decimal, corrected_on: date, note: str) -> ClaimMovement:
    """A correction of the balance either way (a recomputed period, a payment booked twice); never below zero."""
    claim = _locked(claim)
    errors = _may_manage(actor, claim.household_id, claim.organisation_id) | _open_errors(claim, "amount")
    if amount is None or amount == 0:
        errors.setdefault("amount", _("Vul een bedrag in: positief verhoogt, negatief verlaagt het saldo."))
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Schrijf waarom het saldo wordt gecorrigeerd.")
    errors = (
        _day_errors(
            "corrected_on", corrected_on, not_before=claim.established_on, label=_("het besluit over de vordering")
        )
        | errors
    )
    balance = claim_balance(claim)
    if not errors and balance + amount < 0:
        errors["amount"] = _("Het saldo kan niet onder 0 komen; het is nu %(balance)s.") % {"balance": euro(balance)}
    return _movement_book(
        actor=actor,
        claim=claim,
        errors=errors,
        balance=balance,
        kind=MovementKind.CORRECTION,
        sign=1,
        amount=amount,
        day=("corrected_on", corrected_on),
        note=note,
        action="claim.corrected",
    )


# --- The payment run ---------------------------------------------------------------------------------------------


def settlements_due(*, benefit_ids, month: date, amounts_due: dict[int, Decimal]) -> dict[int, tuple[int, Decimal]]:
    """For each benefit with an open claim under a settlement arrangement running in `month`: (claim id,
    deduction), the deduction the least of the arrangement's amount, the balance and what the beslagvrije voet
    leaves of `amounts_due[benefit]`. One claim per benefit (the oldest open first); a benefit whose deduction
    would be 0 is left out. One query for any number of benefits."""
    month = _first_of_month(month)
    rows = (
        ClaimArrangement.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=month),
            kind=ArrangementKind.SETTLEMENT,
            claim__benefit_id__in=list(benefit_ids),
            claim__status=ClaimStatus.OPEN,
            starts_on__lte=_month_end(month),
            protected_income__isnull=False,
        )
        .annotate(balance=balance_expression("claim_id"))
        .order_by("claim__established_on", "claim_id")
        .values_list("claim__benefit_id", "claim_id", "monthly_amount", "protected_income", "balance")
    )
    due: dict[int, tuple[int, Decimal]] = {}
    for benefit_id, claim_id, monthly, protected, balance in rows:
        balance = money(balance)
        if benefit_id in due or balance <= 0 or benefit_id not in amounts_due:
            continue
        amount = recovery_rules.deduction(
            monthly=monthly, balance=balance, income=amounts_due[benefit_id], protected=protected
        )
        if amount > 0:
            due[benefit_id] = (claim_id, amount)
    return due


@transaction.atomic
def settlements_book(*, actor, lines) -> None:
    """The approved run's deductions: one "deduction" movement per payment line with a deduction (a line booked
    before is skipped), claims paid off become paid. A fixed number of queries for any number of lines; one event
    for the batch (amounts and counts only), the debtors' processing logged."""
    lines = [line for line in lines if line.deduction and line.deduction > 0 and line.claim_id]
    if not lines:
        return
    booked = set(
        ClaimMovement.objects.filter(payment_line_id__in=[line.pk for line in lines]).values_list(
            "payment_line_id", flat=True
        )
    )
    lines = [line for line in lines if line.pk not in booked]
    if not lines:
        return
    today = _today()
    ClaimMovement.objects.bulk_create(
        [
            ClaimMovement(
                claim_id=line.claim_id,
                on=today,
                kind=MovementKind.DEDUCTION,
                amount=-line.deduction,
                payment_line_id=line.pk,
                recorded_by=actor,
            )
            for line in lines
        ]
    )
    claims = list(
        Claim.objects.filter(pk__in={line.claim_id for line in lines})
        .select_related("debtor")
        .annotate(balance=balance_expression())
    )
    for claim in claims:
        claim.balance = money(claim.balance)
    negative = [c.reference for c in claims if c.balance < 0]
    if negative:
        raise ValidationError(
            {"deduction": _("De verrekening is hoger dan het saldo van %(claims)s.") % {"claims": ", ".join(negative)}}
        )
    paid = [c.pk for c in claims if c.balance == 0 and c.status == ClaimStatus.OPEN]
    if paid:
        MACHINE.check(ClaimStatus.OPEN, ClaimStatus.PAID)
        Claim.objects.filter(pk__in=paid).update(status=ClaimStatus.PAID)
    audit.action_record(
        actor=actor,
        action="claim.settlements_booked",
        subject=("paymentrun", lines[0].run_id),
        after={
            "lines": len(lines),
            "claims": len(claims),
            "total": sum((line.deduction for line in lines), ZERO),
            "claims_paid": len(paid),
        },
        purpose=PURPOSE,
        domain=Domain.PARTICIPATION,
        residents=[c.debtor for c in claims],
    )
