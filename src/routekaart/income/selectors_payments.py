"""The payment run's reads: the runs of the Dienst where the user is klantbeheer, one run with a page of its lines
(accounts masked: only the last four characters on screen), and the home page's count of runs awaiting approval.

A run's page shows who is paid (names, amounts): reading it is logged under payment administration with the
payees of the page shown. Fixed query counts: a run list is count + page, a run is one query, its lines count + page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

from ..audit import services as audit
from ..organisations.roles import Role
from .models import PaymentLine, PaymentRun, PaymentRunStatus

PURPOSE = "payment-administration"
RUNS_PER_PAGE = 25
LINES_PER_PAGE = 50


def client_admin_organisation_ids(user) -> list[int]:
    """The Diensten where `user` is klantbeheer (client_admin): the runs they see and may prepare."""
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted({a.organisation_id for a in user.affiliations_held() if a.role == Role.CLIENT_ADMIN})


def client_admin_organisations(user) -> list:
    """The organisations themselves (from the affiliations the user object already holds: no query)."""
    seen: dict[int, object] = {}
    for affiliation in user.affiliations_held():
        if affiliation.role == Role.CLIENT_ADMIN:
            seen.setdefault(affiliation.organisation_id, affiliation.organisation)
    return list(seen.values())


def payment_home_counts(user) -> dict[str, int]:
    """Payment runs waiting for the second person's approval (not the ones this user prepared)."""
    organisation_ids = client_admin_organisation_ids(user)
    if not organisation_ids:
        return {"runs_awaiting_approval": 0}
    waiting = (
        PaymentRun.objects.filter(organisation_id__in=organisation_ids, status=PaymentRunStatus.PREPARED)
        .exclude(prepared_by=user)
        .count()
    )
    return {"runs_awaiting_approval": waiting}


def runs_of(user) -> QuerySet[PaymentRun]:
    return PaymentRun.objects.filter(organisation_id__in=client_admin_organisation_ids(user)).select_related(
        "organisation", "prepared_by", "approved_by"
    )


def run_page(*, user, page_number: int | str | None = 1) -> Page:
    """One page of the runs, newest month first: two queries (count and page). No personal data on it."""
    return Paginator(runs_of(user).order_by("-month", "-id"), RUNS_PER_PAGE).get_page(page_number)


def run_get(*, user, run_id: int) -> PaymentRun:
    """One run of a Dienst where the user is klantbeheer; any other answers 404 (one query)."""
    run = runs_of(user).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def iban_masked(iban: str) -> str:
    """Only the last four characters of an account: "•••• 4300"."""
    return f"•••• {iban[-4:]}" if iban else ""


@dataclass(frozen=True)
class LineRow:
    """One line as the run's page shows it: the account masked."""

    line: PaymentLine
    iban: str


@dataclass(frozen=True)
class RunSummary:
    due: Decimal
    holiday_reserved: Decimal
    deduction: Decimal


def run_lines_page(*, user, run: PaymentRun, page_number: int | str | None = 1) -> tuple[Page, list[LineRow]]:
    """One page of the run's lines (count and page: two queries) and the read of its payees logged (one entry)."""
    lines = PaymentLine.objects.filter(run=run).select_related("payee").order_by("id")
    page = Paginator(lines, LINES_PER_PAGE).get_page(page_number)
    rows = [LineRow(line, iban_masked(line.iban)) for line in page.object_list]
    subjects = [audit.pseudonym(row.line.payee.bsn) for row in rows] or [""]
    audit.processing_record(actor=user, activity=PURPOSE, data_subjects=subjects)
    return page, rows


def run_summary(run: PaymentRun) -> RunSummary:
    """The run's totals of due, reserved and deducted (one query)."""
    from django.db.models import Sum

    totals = PaymentLine.objects.filter(run=run).aggregate(
        due=Sum("due"), holiday_reserved=Sum("holiday_reserved"), deduction=Sum("deduction")
    )
    cent = Decimal("0.01")
    return RunSummary(*(Decimal(totals[k] or 0).quantize(cent) for k in ("due", "holiday_reserved", "deduction")))


def payments_of_resident(*, resident_id: int, limit: int = 24) -> list[LineRow]:
    """The person's own payments, newest first: the lines of approved runs that paid them (one query). A run not yet
    approved is not a payment: the resident sees it once the second person has approved it."""
    lines = (
        PaymentLine.objects.filter(payee_id=resident_id, run__status=PaymentRunStatus.APPROVED)
        .select_related("run")
        .order_by("-month", "-id")[:limit]
    )
    return [LineRow(line, iban_masked(line.iban)) for line in lines]
