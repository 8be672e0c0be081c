"""The betaalrun: prepare a month's payment lines, cancel them, approve them (four eyes) into one pain.001 file.

Preparing reads every benefit running in the month at once (`payment_calculation.benefits_payable`), holds back the
holiday allowance (payments.yaml), asks recovery what to settle against a claim (`recovery.settlements_due`, which
keeps the beslagvrije voet) and writes the lines with one bulk insert. A benefit without a valid IBAN or already
paid for the month is skipped and listed by id and reason code. The yearly holiday-allowance run pays, per benefit,
what was reserved in approved monthly lines since its last holiday-allowance line; benefits that ended during the
year are paid too (to their last known account), so no reserve stays behind.

Approval is by a second client_admin (the database's check constraint backs the service's Dutch message), builds the
file with sepaxml, checks its NbOfTxs and CtrlSum against the lines before keeping its SHA-256, and books the
settlements (`recovery.settlements_book`) in the same transaction. Events `payment_run.<verb>` carry the month,
kind, counts and total: never names or account numbers.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from importlib import import_module

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...audit import services as audit
from ...core.workflow import StateMachine
from ...organisations.roles import Role
from .. import payment_calculation as calc
from .. import sepa
from ..bulk import insert_many
from ..models import PaymentLine, PaymentLineKind, PaymentRun, PaymentRunKind, PaymentRunStatus, SocialAssistance

PURPOSE = "payment-administration"
LOG_CHUNK = 10_000
DESCRIPTIONS = {
    PaymentRunKind.MONTHLY: "Uitkering Participatiewet {month:%m-%Y}",
    PaymentRunKind.HOLIDAY_ALLOWANCE: "Vakantietoeslag Participatiewet {month:%Y}",
}
LINE_KIND = {
    PaymentRunKind.MONTHLY: PaymentLineKind.BENEFIT,
    PaymentRunKind.HOLIDAY_ALLOWANCE: PaymentLineKind.HOLIDAY_ALLOWANCE,
}

RUN_STEPS = StateMachine(
    PaymentRunStatus,
    {
        "approve": {PaymentRunStatus.PREPARED: PaymentRunStatus.APPROVED},
        "cancel": {PaymentRunStatus.PREPARED: PaymentRunStatus.CANCELLED},
    },
    messages={
        "approve": gettext_lazy("Alleen een klaargezette betaalrun kan worden gefiatteerd."),
        "cancel": gettext_lazy("Alleen een betaalrun die nog niet is gefiatteerd kan worden geannuleerd."),
    },
    field="status",
)


def _recovery(name: str):
    """Recovery's settlement function `name`, or None while the recovery services are not installed."""
    try:
        module = import_module(f"{__package__}.recovery")
    except ModuleNotFoundError as error:
        if error.name != f"{__package__}.recovery":
            raise
        return None
    return getattr(module, name, None)


def _is_client_admin_at(user, organisation_id: int) -> bool:
    return any(a.organisation_id == organisation_id and a.role == Role.CLIENT_ADMIN for a in user.affiliations_held())


def _message_id(month: date, kind: str) -> str:
    return f"RK{month:%Y%m}{'V' if kind == PaymentRunKind.HOLIDAY_ALLOWANCE else 'M'}{uuid.uuid4().hex[:20]}"


def _end_to_end_id(month: date, kind: str, benefit_id: int) -> str:
    return f"RK{month:%Y%m}{'V' if kind == PaymentRunKind.HOLIDAY_ALLOWANCE else 'M'}{benefit_id}"


def _log(*, actor, run: PaymentRun, action: str, bsns: list[str], operation: str = audit.Operation.WRITE) -> None:
    """The run's event and the processing log of its payees (pseudonyms, in chunks); no personal data in after{}."""
    after = {
        "month": run.month,
        "kind": run.kind,
        "status": run.status,
        "lines": run.line_count,
        "skipped": len(run.skipped),
        "total": str(run.total),
    }
    subjects = [audit.pseudonym(b) for b in bsns] or [""]
    audit.action_record(
        actor=actor,
        action=action,
        subject=run,
        after=after,
        purpose=PURPOSE,
        data_subjects=subjects[:LOG_CHUNK],
        operation=operation,
        channel="batch",
    )
    for start in range(LOG_CHUNK, len(subjects), LOG_CHUNK):
        audit.processing_record(
            actor=actor,
            activity=PURPOSE,
            data_subjects=subjects[start : start + LOG_CHUNK],
            operation=operation,
            channel="batch",
        )


def _prepare_errors(*, actor, organisation, month: date, kind: str, execution_on: date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not _is_client_admin_at(actor, organisation.pk):
        errors["organisation"] = _("Alleen klantbeheer van deze Dienst zet een betaalrun klaar.")
    if kind not in PaymentRunKind.values:
        errors["kind"] = _("Kies een soort betaalrun.")
    elif kind == PaymentRunKind.HOLIDAY_ALLOWANCE and month.month != calc.payment_number("holiday_allowance_month"):
        errors["month"] = _("De vakantietoeslag wordt jaarlijks betaald in maand %(month)d.") % {
            "month": calc.payment_number("holiday_allowance_month")
        }
    if execution_on is None:
        errors["execution_on"] = _("Vul de uitvoeringsdatum in.")
    elif execution_on < timezone.localdate():
        errors["execution_on"] = _("De uitvoeringsdatum ligt niet in het verleden.")
    if (
        "month" not in errors
        and PaymentRun.objects.filter(
            organisation=organisation,
            month=month,
            kind=kind,
            status__in=[PaymentRunStatus.PREPARED, PaymentRunStatus.APPROVED],
        ).exists()
    ):
        errors["month"] = _("Voor deze maand is al een betaalrun klaargezet of gefiatteerd.")
    return errors


def _holiday_payables(*, organisation_id: int, month: date) -> tuple[list[calc.Payable], list[dict]]:
    """Per benefit of the Dienst: the holiday allowance reserved in approved monthly lines up to `month` since its
    last holiday-allowance line (benefits that ended meanwhile included). Two queries."""
    last = PaymentLine.objects.filter(benefit_id=OuterRef("benefit_id"), kind=PaymentLineKind.HOLIDAY_ALLOWANCE)
    reserved = {
        pk: calc.money(total)
        for pk, total in PaymentLine.objects.filter(
            kind=PaymentLineKind.BENEFIT,
            run__organisation_id=organisation_id,
            run__status=PaymentRunStatus.APPROVED,
            month__lte=month,
        )
        .annotate(last=Subquery(last.order_by("-month").values("month")[:1]))
        .filter(Q(last__isnull=True) | Q(month__gt=F("last")))
        .values("benefit_id")
        .annotate(total=Sum("holiday_reserved"))
        .filter(total__gt=0)
        .order_by()
        .values_list("benefit_id", "total")
    }
    payable, skipped = [], []
    rows = SocialAssistance.objects.filter(pk__in=list(reserved)).order_by("pk")
    for pk, household_id, client_id, bsn, iban, holder in rows.values_list(
        "pk", "household_id", "client_id", "client__bsn", "iban", "account_holder"
    ):
        problem = calc.iban_problem(calc.iban_normalised(iban))
        if problem or not holder.strip():
            skipped.append({"benefit": pk, "reason": problem or calc.NO_ACCOUNT_HOLDER})
            continue
        payable.append(calc.Payable(pk, household_id, client_id, bsn, calc.iban_normalised(iban), holder, reserved[pk]))
    return payable, skipped


@transaction.atomic
def payment_run_prepare(
    *, actor, organisation, month: date, kind: str = PaymentRunKind.MONTHLY, execution_on: date | None = None
) -> PaymentRun:
    """Prepare the Dienst's payment run for `month`: one line per benefit to pay, in one transaction."""
    month = calc.month_first(month)
    errors = _prepare_errors(actor=actor, organisation=organisation, month=month, kind=kind, execution_on=execution_on)
    if errors:
        raise ValidationError(errors)
    if kind == PaymentRunKind.HOLIDAY_ALLOWANCE:
        payable, skipped = _holiday_payables(organisation_id=organisation.pk, month=month)
    else:
        payable, skipped = calc.benefits_payable(organisation_id=organisation.pk, month=month)
    line_kind = LINE_KIND[kind]
    paid = set(
        PaymentLine.objects.filter(
            benefit_id__in=[p.benefit_id for p in payable], month=month, kind=line_kind
        ).values_list("benefit_id", flat=True)
    )
    skipped += [{"benefit": p.benefit_id, "reason": calc.ALREADY_PAID} for p in payable if p.benefit_id in paid]
    payable = [p for p in payable if p.benefit_id not in paid]
    reserves = {
        p.benefit_id: calc.holiday_reserve(p.due) if kind == PaymentRunKind.MONTHLY else calc.ZERO for p in payable
    }
    settlements: dict[int, tuple[int, Decimal]] = {}
    settlements_due = _recovery("settlements_due") if kind == PaymentRunKind.MONTHLY else None
    if settlements_due is not None and payable:
        settlements = settlements_due(
            benefit_ids=[p.benefit_id for p in payable],
            month=month,
            amounts_due={p.benefit_id: p.due - reserves[p.benefit_id] for p in payable},
        )
    run = PaymentRun.objects.create(
        organisation=organisation,
        month=month,
        kind=kind,
        execution_on=execution_on,
        prepared_by=actor,
        prepared_at=timezone.now(),
        message_id=_message_id(month, kind),
    )
    lines = []
    for p in payable:
        claim_id, deduction = settlements.get(p.benefit_id, (None, calc.ZERO))
        amount = p.due - reserves[p.benefit_id] - deduction
        if amount <= 0:
            skipped.append({"benefit": p.benefit_id, "reason": calc.NOTHING_DUE})
            continue
        lines.append(
            PaymentLine(
                run=run,
                benefit_id=p.benefit_id,
                household_id=p.household_id,
                payee_id=p.payee_id,
                month=month,
                kind=line_kind,
                due=p.due,
                holiday_reserved=reserves[p.benefit_id],
                deduction=deduction,
                claim_id=claim_id if deduction else None,
                amount=amount,
                iban=p.iban,
                account_holder=p.account_holder[:70],
                end_to_end_id=_end_to_end_id(month, kind, p.benefit_id),
            )
        )
    _lines_insert(lines)
    run.line_count = len(lines)
    run.total = sum((line.amount for line in lines), calc.ZERO)
    run.skipped = sorted(skipped, key=lambda s: s["benefit"])
    run.save(update_fields=["line_count", "total", "skipped"])
    paid_ids = {line.benefit_id for line in lines}
    _log(
        actor=actor,
        run=run,
        action="payment_run.prepared",
        bsns=[p.payee_bsn for p in payable if p.benefit_id in paid_ids],
    )
    return run


LINE_COLUMNS = (
    "run",
    "benefit",
    "household",
    "payee",
    "month",
    "kind",
    "due",
    "holiday_reserved",
    "deduction",
    "claim",
    "amount",
    "iban",
    "account_holder",
    "end_to_end_id",
)


def _lines_insert(lines: list[PaymentLine]) -> None:
    """Insert the lines in bulk (`bulk.insert_many`: one parametrised INSERT executed per chunk; Django's bulk_create
    costs about 0.4 ms a row in field machinery, 20 s for 50,000 lines).

    Every amount is due - reserved - deduction in exact decimals, checked here before the database's own check
    (`payment_line_amount_adds_up`, exact to the cent on both databases) sees it."""
    for line in lines:
        if line.amount != line.due - line.holiday_reserved - line.deduction:
            raise ValueError(f"payment line for benefit {line.benefit_id} does not add up")
    rows = (tuple(getattr(line, PaymentLine._meta.get_field(c).attname) for c in LINE_COLUMNS) for line in lines)
    insert_many(PaymentLine, LINE_COLUMNS, rows)


def _locked(run: PaymentRun) -> PaymentRun:
    return PaymentRun.objects.select_for_update().get(pk=run.pk)


def _payee_bsns(run: PaymentRun) -> list[str]:
    return list(run.lines.order_by("id").values_list("payee__bsn", flat=True))


@transaction.atomic
def payment_run_cancel(*, actor, run: PaymentRun) -> PaymentRun:
    """Cancel a run that is not yet approved: its lines go, so the month can be prepared again."""
    run = _locked(run)
    if not _is_client_admin_at(actor, run.organisation_id):
        raise ValidationError({"status": _("Alleen klantbeheer van deze Dienst annuleert een betaalrun.")})
    run.status = RUN_STEPS.check(run.status, "cancel")
    bsns = _payee_bsns(run)
    run.lines.all().delete()
    run.cancelled_at = timezone.now()
    run.save(update_fields=["status", "cancelled_at"])
    _log(actor=actor, run=run, action="payment_run.cancelled", bsns=bsns)
    return run


def _transfers(run: PaymentRun):
    description = DESCRIPTIONS[run.kind].format(month=run.month)
    for iban, holder, amount, end_to_end_id in (
        run.lines.order_by("id").values_list("iban", "account_holder", "amount", "end_to_end_id").iterator(2000)
    ):
        yield sepa.Transfer(iban, holder, amount, end_to_end_id, f"{description} {end_to_end_id}")


def _build(run: PaymentRun, *, validate: bool) -> bytes:
    return sepa.credit_transfer_file(
        message_id=run.message_id,
        created_at=run.file_created_at,
        execution_on=run.execution_on,
        transfers=_transfers(run),
        validate=validate,
    )


@transaction.atomic
def payment_run_approve(*, actor, run: PaymentRun) -> PaymentRun:
    """Approve a prepared run (a second client_admin), build and check its file, and book the settlements."""
    run = _locked(run)
    if not _is_client_admin_at(actor, run.organisation_id):
        raise ValidationError({"status": _("Alleen klantbeheer van deze Dienst fiatteert een betaalrun.")})
    approved = RUN_STEPS.check(run.status, "approve")
    if actor.pk == run.prepared_by_id:
        raise ValidationError({"status": _("Fiattering door een tweede medewerker: niet door wie de run klaarzette.")})
    if not sepa.debtor().iban or not sepa.debtor().name:
        raise ValidationError(
            {"status": _("Het rekeningnummer van de Dienst voor betalingen is niet ingesteld; vraag de beheerder.")}
        )
    if run.line_count == 0:
        raise ValidationError({"status": _("Deze betaalrun heeft geen betalingen; annuleer hem.")})
    run.file_created_at = timezone.now().replace(microsecond=0)
    content = _build(run, validate=True)
    count, control_sum = sepa.file_totals(content)
    totals = run.lines.aggregate(total=Sum("amount"), count=Count("id"))
    if count != totals["count"] or control_sum != calc.money(totals["total"] or 0) or control_sum != run.total:
        raise ValidationError(
            {"status": _("Het betaalbestand klopt niet met de betaalregels; er is niets gefiatteerd.")}
        )
    run.status = approved
    run.approved_by = actor
    run.approved_at = timezone.now()
    run.file_sha256 = sepa.sha256(content)
    run.save(update_fields=["status", "approved_by", "approved_at", "file_created_at", "file_sha256"])
    settlements_book = _recovery("settlements_book")
    if settlements_book is not None:
        settlements_book(actor=actor, lines=list(run.lines.filter(deduction__gt=0).order_by("id")))
    _log(actor=actor, run=run, action="payment_run.approved", bsns=_payee_bsns(run))
    return run


def payment_run_file(run: PaymentRun) -> bytes:
    """The approved run's pain.001 file, built again from its lines; refused when it differs from the approved one."""
    if run.status != PaymentRunStatus.APPROVED or not run.file_sha256:
        raise ValidationError({"status": _("Er is pas een betaalbestand na fiattering.")})
    content = _build(run, validate=False)
    if sepa.sha256(content) != run.file_sha256:
        raise ValidationError({"status": _("Het betaalbestand wijkt af van het gefiatteerde bestand.")})
    return content


@transaction.atomic
def payment_run_file_download(*, actor, run: PaymentRun) -> bytes:
    """The file for the bank, handed to `actor`: its payees' names and accounts leave the system, so it is logged."""
    if not _is_client_admin_at(actor, run.organisation_id):
        raise ValidationError({"status": _("Alleen klantbeheer van deze Dienst haalt het betaalbestand op.")})
    content = payment_run_file(run)
    _log(
        actor=actor,
        run=run,
        action="payment_run.file_downloaded",
        bsns=_payee_bsns(run),
        operation=audit.Operation.EXPORT,
    )
    return content
