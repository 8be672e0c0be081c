"""The complaints Beheer markt handles: the list (open ones first, by their last day) and one complaint's file.

The list names no complainant (reference, provider, dates, status); the file does, for the one who handles it, and
that read is logged for complaint handling with the linked resident as its data subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Case, DateField, DurationField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import ExpressionWrapper
from django.shortcuts import get_object_or_404

from ..audit import services as audit
from .complaint_terms import COMMITTEE_WEEKS, DECISION_WEEKS, EXTENSION_WEEKS, ComplaintTerm, complaint_term
from .models import Complaint, ComplaintStatus

PAGE_SIZE = 50
OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.HEARD)


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    term: ComplaintTerm | None  # None once decided or withdrawn

    @property
    def is_open(self) -> bool:
        return self.term is not None


def term_of(complaint: Complaint, on: date) -> ComplaintTerm | None:
    """The complaint's decision term on `on`; None once it is closed."""
    if complaint.status not in OPEN_STATUSES:
        return None
    return complaint_term(
        received_on=complaint.received_on,
        committee=complaint.committee,
        extended=complaint.extended_on is not None,
        on=on,
    )


def _ordered(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Open complaints first, by their last day before the Algemene termijnenwet moves it (a day or two at most);
    then the closed ones, newest first."""
    weeks = Case(
        When(committee=True, then=Value(timedelta(weeks=COMMITTEE_WEEKS))),
        default=Value(timedelta(weeks=DECISION_WEEKS)),
        output_field=DurationField(),
    )
    extension = Case(
        When(extended_on__isnull=False, then=Value(timedelta(weeks=EXTENSION_WEEKS))),
        default=Value(timedelta(0)),
        output_field=DurationField(),
    )
    is_open = Q(status__in=OPEN_STATUSES)
    return complaints.annotate(
        closed=Case(When(is_open, then=Value(0)), default=Value(1), output_field=IntegerField()),
        due=ExpressionWrapper(F("received_on") + weeks + extension, output_field=DateField()),
    ).order_by("closed", Case(When(is_open, then=F("due"))).asc(nulls_last=True), "-received_on", "-id")


def complaint_page(*, on: date, page_number: int | str | None = 1) -> tuple[Page, list[ComplaintRow]]:
    """One page of the complaints with each open one's term on `on`: two queries (count and page)."""
    complaints = _ordered(Complaint.objects.select_related("provider"))
    page = Paginator(complaints, PAGE_SIZE).get_page(page_number)
    return page, [ComplaintRow(complaint, term_of(complaint, on)) for complaint in page.object_list]


def complaint_get(*, user, complaint_id: int) -> Complaint:
    """One complaint with what its page shows, its read logged (the complainant's name and contact are on it)."""
    complaint = get_object_or_404(
        Complaint.objects.select_related("provider", "contract", "product", "assignment", "resident", "handled_by"),
        pk=complaint_id,
    )
    subjects = [audit.pseudonym(complaint.resident.bsn)] if complaint.resident_id else [""]
    audit.processing_record(actor=user, activity="complaint-handling", data_subjects=subjects)
    return complaint
