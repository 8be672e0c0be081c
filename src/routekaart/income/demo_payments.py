"""The payment run in the demo municipality: accounts for the demo benefits, last month's run approved, this month's
prepared by `handhaving` and waiting for `administratie` (four eyes).

Registered in settings.ROUTEKAART_DEMO_GENERATORS after income's generator. The accounts are valid test IBANs
(schwifty computes the check digits; no real bank account), written in one bulk update; one benefit in forty keeps
none, so the run shows what it skips and why. The runs go through the real services. Last month's run is prepared
today (the service takes no execution date in the past), then dated back to last month's execution day with its
file's hash computed again: the demo's history, not a path the pages offer. A second call changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from schwifty import IBAN

from ..organisations.selectors import organisation_list
from .models import PaymentRun, PaymentRunKind, PaymentRunStatus, SocialAssistance
from .payment_calculation import month_first, payment_number
from .services import payments

DIENST = "dienst-weidebeek"
PREPARER, APPROVER = "handhaving", "administratie"
WITHOUT_ACCOUNT_EVERY = 40


def demo_iban(benefit_id: int) -> str:
    """A valid Dutch test IBAN per benefit (not a real account)."""
    return str(IBAN.generate("NL", bank_code="INGB", account_code=f"{7_000_000_000 + benefit_id:010d}"))


def _accounts_ensure(organisation) -> int:
    """Give the Dienst's demo benefits without an account one (but one in forty): one bulk update."""
    benefits = []
    rows = (
        SocialAssistance.objects.filter(organisation=organisation, iban="")
        .order_by("pk")
        .values_list("pk", "client__given_names", "client__name_prefix", "client__family_name")
    )
    for pk, given, prefix, family in rows:
        if pk % WITHOUT_ACCOUNT_EVERY == 0:
            continue
        initials = "".join(f"{part[0]}." for part in (given or "").split())
        holder = " ".join(p for p in (initials, prefix, family) if p)[:70]
        benefits.append(SocialAssistance(pk=pk, iban=demo_iban(pk), account_holder=holder))
    SocialAssistance.objects.bulk_update(benefits, ["iban", "account_holder"], batch_size=1000)
    return len(benefits)


def _execution_on(month: date, today: date) -> date:
    day = month.replace(day=min(int(payment_number("execution_day")), 28))
    return max(day, today)


def _run_exists(organisation, month: date) -> bool:
    return (
        PaymentRun.objects.filter(organisation=organisation, month=month, kind=PaymentRunKind.MONTHLY)
        .exclude(status=PaymentRunStatus.CANCELLED)
        .exists()
    )


@transaction.atomic
def demo_payments_ensure(*, stdout=None) -> dict[str, int]:
    organisation = organisation_list().filter(code=DIENST).first()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[PREPARER, APPROVER])}
    if organisation is None or len(users) < 2:
        return {}
    accounts = _accounts_ensure(organisation)
    today = timezone.localdate()
    this_month = month_first(today)
    last_month = month_first(this_month - timedelta(days=1))
    created = 0
    if not _run_exists(organisation, last_month):
        run = payments.payment_run_prepare(
            actor=users[PREPARER], organisation=organisation, month=last_month, execution_on=today
        )
        if run.line_count:
            run = payments.payment_run_approve(actor=users[APPROVER], run=run)
            run.execution_on = last_month.replace(day=min(int(payment_number("execution_day")), 28))
            run.file_sha256 = payments.sepa.sha256(payments._build(run, validate=False))
            run.save(update_fields=["execution_on", "file_sha256"])
        created += 1
    if not _run_exists(organisation, this_month):
        payments.payment_run_prepare(
            actor=users[PREPARER],
            organisation=organisation,
            month=this_month,
            execution_on=_execution_on(this_month, today),
        )
        created += 1
    if stdout is not None:
        stdout.write(f"betaalruns: {created} klaargezet, {accounts} rekeningnummers vastgelegd\n")
    return {"payment_runs": created, "accounts": accounts}
