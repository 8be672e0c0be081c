"""Enforcement's reads: klantbeheer's worklists (signals, investigations) of its own organisations, one signal or
investigation with what its page shows (the read logged for the activity "enforcement"), and the resident's own
investigations for Mijn Routekaart (only those they have been informed of).

The lists name the person concerned, so each page of a list is logged as one read with its people as data subjects.
A record of another organisation answers 404, the same as one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from ..audit import services as audit
from .enforcement_rules import PURPOSE, client_admin_organisations
from .fines import FineCalculation, fine_calculate
from .models import (
    EnforcementSignal,
    EnforcementSignalStatus,
    Investigation,
    InvestigationOutcome,
    InvestigationStatus,
)

PAGE_SIZE = 50


def enforcement_home_counts(user) -> dict[str, int]:
    """New signals to assess, investigations open: of the user's klantbeheer organisations (one query each)."""
    organisations = client_admin_organisations(user)
    if not organisations:
        return {"signals_new": 0, "investigations_open": 0}
    signals = EnforcementSignal.objects.filter(organisation_id__in=organisations, status=EnforcementSignalStatus.NEW)
    investigations = Investigation.objects.filter(organisation_id__in=organisations).aggregate(
        open=Count("pk", filter=Q(status=InvestigationStatus.OPEN))
    )
    return {"signals_new": signals.count(), "investigations_open": investigations["open"]}


def _log_read(user, people) -> None:
    """One processing-log entry for the people a page shows (none named: an entry naming no one)."""
    subjects = [audit.pseudonym(person.bsn) for person in people if person is not None]
    audit.processing_record(actor=user, activity=PURPOSE, data_subjects=subjects or [""])


def _page(user, queryset: QuerySet, page_number) -> Page:
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number)
    _log_read(user, [row.resident for row in page.object_list])
    return page


def _first(status: str) -> Case:
    """Order the rows in `status` before the others."""
    return Case(When(status=status, then=Value(0)), default=Value(1), output_field=IntegerField())


def signals_visible(*, user, status: str = "") -> QuerySet[EnforcementSignal]:
    """The signals of the user's klantbeheer organisations, new ones first then the newest."""
    signals = EnforcementSignal.objects.filter(organisation_id__in=client_admin_organisations(user))
    if status in EnforcementSignalStatus.values:
        signals = signals.filter(status=status)
    return signals.select_related("resident").order_by(_first(EnforcementSignalStatus.NEW), "-received_on", "-id")


def investigations_visible(*, user, status: str = "") -> QuerySet[Investigation]:
    """The investigations of the user's klantbeheer organisations, open ones first then the newest."""
    investigations = Investigation.objects.filter(organisation_id__in=client_admin_organisations(user))
    if status in InvestigationStatus.values:
        investigations = investigations.filter(status=status)
    return investigations.select_related("resident", "investigator").order_by(
        _first(InvestigationStatus.OPEN), "-opened_on", "-id"
    )


def enforcement_read_log(*, user, rows) -> None:
    """Log the read of a page of signals or investigations: its people as the data subjects."""
    _log_read(user, [row.resident for row in rows])


def signal_page(*, user, status: str = "", page_number: int | str | None = 1) -> Page:
    """One page of the organisation's signals: two queries (count and page)."""
    return _page(user, signals_visible(user=user, status=status), page_number)


def investigation_page(*, user, status: str = "", page_number: int | str | None = 1) -> Page:
    """One page of the organisation's investigations: two queries (count and page)."""
    return _page(user, investigations_visible(user=user, status=status), page_number)


def signal_get(*, user, signal_id: int) -> EnforcementSignal:
    """One signal of the user's organisations, with its investigations; the read logged."""
    signal = (
        EnforcementSignal.objects.filter(organisation_id__in=client_admin_organisations(user), pk=signal_id)
        .select_related("resident", "recorded_by")
        .first()
    )
    if signal is None:
        raise Http404
    signal.investigation_list = list(signal.investigations.order_by("-opened_on", "-id"))
    _log_read(user, [signal.resident])
    return signal


def investigation_get(*, user, investigation_id: int) -> Investigation:
    """One investigation of the user's organisations; the read logged."""
    investigation = (
        Investigation.objects.filter(organisation_id__in=client_admin_organisations(user), pk=investigation_id)
        .select_related("resident", "investigator", "signal")
        .first()
    )
    if investigation is None:
        raise Http404
    _log_read(user, [investigation.resident])
    return investigation


def fine_preview(investigation: Investigation, on: date | None = None) -> FineCalculation | None:
    """What the fine rules say for the findings recorded so far (None before the culpability is known)."""
    if not investigation.culpability:
        return None
    day = investigation.closed_on or on or timezone.localdate()
    return fine_calculate(
        harm=investigation.harm_amount,
        culpability=investigation.culpability,
        repeat_offence=investigation.repeat_offence,
        on=day,
    )


# --- the resident's view ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidentInvestigation:
    """What Mijn Routekaart shows of one investigation: nothing of the findings' text or the signal."""

    reference: str
    question: str
    opened_on: date
    informed_on: date
    heard_on: date | None
    closed_on: date | None
    outcome: str
    outcome_label: str
    outcome_reasoning: str
    fine_amount: Decimal | None
    harm_amount: Decimal | None
    claim_id: int | None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def investigations_of_resident(*, resident_ids) -> list[ResidentInvestigation]:
    """The investigations of these persons that they were informed of, newest first: one query. Nothing before the
    resident is informed. A pure read: the portal page logs it (channel portal)."""
    rows = Investigation.objects.filter(
        resident_id__in=list(resident_ids), resident_informed_on__isnull=False
    ).order_by("-resident_informed_on", "-id")
    investigations = list(rows)
    return [
        ResidentInvestigation(
            reference=i.reference,
            question=i.question,
            opened_on=i.opened_on,
            informed_on=i.resident_informed_on,
            heard_on=i.heard_on,
            closed_on=i.closed_on,
            outcome=i.outcome,
            outcome_label=str(InvestigationOutcome(i.outcome).label) if i.outcome else "",
            outcome_reasoning=i.outcome_reasoning,
            fine_amount=i.fine_amount,
            harm_amount=i.harm_amount,
            claim_id=i.claim_id,
        )
        for i in investigations
    ]
