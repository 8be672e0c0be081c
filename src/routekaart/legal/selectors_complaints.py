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
from ..organisations.roles import Role
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


def legal_organisations(user) -> set[int]:
    """The organisations whose legal desk `user` works at: their complaints are the ones `user` handles."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {a.organisation_id for a in user.affiliations_held() if a.role == Role.LEGAL}


def complaints_visible(*, user) -> QuerySet[StaffComplaint]:
    """The conduct complaints of the user's legal desks (none for anyone else)."""
    return StaffComplaint.objects.filter(organisation_id__in=legal_organisations(user))


def complaint_page(*, user, on: date, page_number: int | str | None = 1) -> tuple[Page, list[ComplaintRow]]:
    """One page of the user's desks' conduct complaints with each open one's term on `on`: two queries (count and
    page) after the user's affiliations."""
    complaints = _ordered(complaints_visible(user=user).select_related("about_team", "about_user"))
    page = Paginator(complaints, PAGE_SIZE).get_page(page_number)
    return page, [ComplaintRow(complaint, term_of(complaint, on)) for complaint in page.object_list]


def complaint_get(*, user, complaint_id: int) -> StaffComplaint:
    """One complaint of the user's desks (else 404) with what its page shows, its read logged (the complainant's
    name and contact are on it)."""
    complaint = get_object_or_404(
        complaints_visible(user=user).select_related("about_team", "about_user", "handler", "organisation", "resident"),
        pk=complaint_id,
    )
    subjects = [audit.pseudonym(complaint.resident.bsn)] if complaint.resident_id else [""]
    audit.processing_record(actor=user, activity=PURPOSE, data_subjects=subjects)
    return complaint


def resident_complaints(*, resident_id: int) -> list[StaffComplaint]:
    """The conduct complaints a resident filed or is linked to, newest first (the portal)."""
    return list(StaffComplaint.objects.filter(resident_id=resident_id).order_by("-received_on", "-id"))
