"""The conduct complaints klantbeheer handles: the list (open ones first, by their last day) and one complaint.

The list names no complainant (reference, about which team, dates, status); the complaint's page does, for the
one who handles it, and that read is logged for conduct-complaint-handling with the linked resident as its subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from ..audit import services as audit
from ..core.complaint_terms import ComplaintTerm
from .models import OPEN_STAFF_COMPLAINT_STATUSES, StaffComplaint

PAGE_SIZE = 50
PURPOSE = "conduct-complaint-handling"


@dataclass(frozen=True)
class ComplaintRow:
    complaint: StaffComplaint
    term: ComplaintTerm | None  # None once decided or withdrawn


def term_of(complaint: StaffComplaint, on: date) -> ComplaintTerm | None:
    """The complaint's decision term on `on` (its stored last day); None once it is closed."""
    if complaint.status not in OPEN_STAFF_COMPLAINT_STATUSES:
        return None
    return ComplaintTerm(ends_on=complaint.decision_due_on, days_left=(complaint.decision_due_on - on).days)


def _ordered(complaints: QuerySet[StaffComplaint]) -> QuerySet[StaffComplaint]:
    is_open = Q(status__in=OPEN_STAFF_COMPLAINT_STATUSES)
    return complaints.annotate(
        closed=Case(When(is_open, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("closed", "decision_due_on", "-received_on", "-id")


def complaint_page(*, on: date, page_number: int | str | None = 1) -> tuple[Page, list[ComplaintRow]]:
    """One page of the conduct complaints with each open one's term on `on`: two queries (count and page)."""
    complaints = _ordered(StaffComplaint.objects.select_related("about_team", "about_user"))
    page = Paginator(complaints, PAGE_SIZE).get_page(page_number)
    return page, [ComplaintRow(complaint, term_of(complaint, on)) for complaint in page.object_list]


def complaint_get(*, user, complaint_id: int) -> StaffComplaint:
    """One complaint with what its page shows, its read logged (the complainant's name and contact are on it)."""
    complaint = get_object_or_404(
        StaffComplaint.objects.select_related("about_team", "about_user", "handler", "organisation", "resident"),
        pk=complaint_id,
    )
    subjects = [audit.pseudonym(complaint.resident.bsn)] if complaint.resident_id else [""]
    audit.processing_record(actor=user, activity=PURPOSE, data_subjects=subjects)
    return complaint


def open_complaint_count() -> int:
    """Conduct complaints not yet decided or withdrawn (the legal team's home)."""
    return StaffComplaint.objects.filter(status__in=OPEN_STAFF_COMPLAINT_STATUSES).count()


def resident_complaints(*, resident_id: int) -> list[StaffComplaint]:
    """The conduct complaints a resident filed or is linked to, newest first (the portal)."""
    return list(StaffComplaint.objects.filter(resident_id=resident_id).order_by("-received_on", "-id"))
