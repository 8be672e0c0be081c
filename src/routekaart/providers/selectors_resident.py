"""What Mijn Routekaart shows a resident of the care providers deliver them: their assignments (toewijzingen), how far
each got, the provider's latest progress report, and the complaints filed about them.

The portal imports no models: it reads through these functions, which take the person's id and the law domains the
portal user may see of that person (portal.scope), so an assignment outside them is never found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from .complaint_terms import ComplaintTerm, complaint_term
from .models import Assignment, Complaint, ProgressReport
from .models.complaints import ComplaintStatus
from .selectors_household import AssignmentRow

CLOSED = (ComplaintStatus.DECIDED, ComplaintStatus.WITHDRAWN)

# A complaint's status as the resident reads it (B1: what happens now, not the Awb step's name).
COMPLAINT_STATUS_PLAIN = {
    ComplaintStatus.RECEIVED: _("Ontvangen"),
    ComplaintStatus.ACKNOWLEDGED: _("In behandeling"),
    ComplaintStatus.HEARD: _("In behandeling, u bent gehoord"),
    ComplaintStatus.DECIDED: _("Afgehandeld"),
    ComplaintStatus.WITHDRAWN: _("Ingetrokken"),
}


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    term: ComplaintTerm

    @property
    def status(self) -> str:
        return str(COMPLAINT_STATUS_PLAIN.get(self.complaint.status, self.complaint.get_status_display()))

    @property
    def open(self) -> bool:
        return self.complaint.status not in CLOSED


@dataclass(frozen=True)
class CareRow(AssignmentRow):
    """One assignment as the resident sees it: AssignmentRow's volume and stop reason, and its complaints."""

    complaints: list[ComplaintRow] = field(default_factory=list)


def complaint_row(complaint: Complaint, *, on: date) -> ComplaintRow:
    """A complaint with its decision term as it stands on `on` (complaint_terms)."""
    term = complaint_term(
        received_on=complaint.received_on,
        committee=complaint.committee,
        extended=complaint.extended_on is not None,
        on=on,
    )
    return ComplaintRow(complaint=complaint, term=term)


def resident_care(*, resident_id: int, laws: Iterable[str], on: date) -> list[CareRow]:
    """The person's assignments under the laws the portal user sees, newest first, each with its latest progress
    report and its complaints: three queries, whatever the person's history."""
    laws = sorted(set(laws))
    assignments = list(
        Assignment.objects.filter(resident_id=resident_id, law__in=laws)
        .select_related("provider", "product")
        .order_by("-starts_on", "-id")
    )
    latest: dict[int, ProgressReport] = {}
    complaints: dict[int, list[ComplaintRow]] = {}
    if assignments:
        for report in ProgressReport.objects.filter(
            assignment__resident_id=resident_id, assignment__law__in=laws
        ).order_by("assignment_id", "-reported_on", "-id"):
            latest.setdefault(report.assignment_id, report)
        for complaint in Complaint.objects.filter(
            assignment__resident_id=resident_id, assignment__law__in=laws
        ).order_by("-received_on", "-id"):
            complaints.setdefault(complaint.assignment_id, []).append(complaint_row(complaint, on=on))
    return [CareRow(assignment=a, report=latest.get(a.pk), complaints=complaints.get(a.pk, [])) for a in assignments]


def resident_assignment_get(*, resident_id: int, laws: Iterable[str], assignment_id: int) -> Assignment:
    """One assignment of the person under the laws the portal user sees; Assignment.DoesNotExist otherwise."""
    return Assignment.objects.select_related("provider", "product", "contract_product").get(
        pk=assignment_id, resident_id=resident_id, law__in=sorted(set(laws))
    )


def resident_complaint_get(*, resident_id: int, laws: Iterable[str], assignment_id: int, complaint_id: int):
    """One complaint about an assignment of the person; Complaint.DoesNotExist otherwise."""
    return Complaint.objects.get(
        pk=complaint_id,
        assignment_id=assignment_id,
        assignment__resident_id=resident_id,
        assignment__law__in=sorted(set(laws)),
    )
