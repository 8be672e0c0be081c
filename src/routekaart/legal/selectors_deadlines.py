"""The one deadline dashboard of klantbeheer: every legal term still running, with its days left, overdue first.

What it holds: the objections' terms (receipt confirmation, pro-forma completion, hearing, decision term, a running
penalty after a notice of default, the appeal term after the decision, an appeal's defence and session; see
`selectors.objection_terms`) and the conduct complaints' decision terms (Awb 9:11, read from StaffComplaint's
stored last day: the same app). The legal team sees all of their organisation's; a coordinator sees the objections
of their own households only, and no complaint (a complaint may be about them).

A fixed number of queries whatever the number of matters: the objections (one), their hearings, appeals and notices
(three), the complaints (one), and the handlers for the filter (one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from ..organisations.roles import Role
from .models import OPEN_OBJECTION_STATUSES, OPEN_STAFF_COMPLAINT_STATUSES, Objection, StaffComplaint
from .selectors import (
    DECIDED_WINDOW,
    LABELS,
    Deadline,
    _legal_organisations,
    deadline,
    objection_handlers,
    objection_terms,
    objections_visible,
)


@dataclass(frozen=True)
class DeadlineRow:
    """One term on the dashboard, with the matter it belongs to (an objection or a conduct complaint)."""

    term: Deadline
    reference: str
    matter: str  # "objection" | "complaint"
    matter_id: int
    handler_id: int | None
    handler_name: str


def _handler_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _objections(*, user, on: date, handler_id: int | None) -> list[Objection]:
    running = (
        Q(status__in=OPEN_OBJECTION_STATUSES)
        | Q(status="decided", decided_on__gte=on - DECIDED_WINDOW)
        | Q(appeals__isnull=False, appeals__judgment_on__isnull=True)
        | Q(default_notices__isnull=False, default_notices__penalty_decided_on__isnull=True)
    )
    objections = objections_visible(user=user, on=on, personal=False).filter(running)
    if handler_id:
        objections = objections.filter(handler_id=handler_id)
    ids = objections.values("pk")
    return list(
        Objection.objects.filter(pk__in=ids)
        .select_related("handler")
        .prefetch_related("hearings", "appeals", "default_notices")
        .order_by("id")
    )


def _complaints(*, user, handler_id: int | None) -> list[StaffComplaint]:
    organisations = _legal_organisations(user)
    if not organisations:
        return []
    complaints = StaffComplaint.objects.filter(
        organisation_id__in=organisations, status__in=OPEN_STAFF_COMPLAINT_STATUSES
    ).select_related("handler")
    if handler_id:
        complaints = complaints.filter(handler_id=handler_id)
    return list(complaints)


def deadline_rows(*, user, on: date, handler_id: int | None = None) -> list[DeadlineRow]:
    """Every running term `user` may see, sorted by days left (overdue first), then by reference."""
    rows: list[DeadlineRow] = []
    objections = _objections(user=user, on=on, handler_id=handler_id)
    for objection in objections:
        for term in objection_terms(objection, on):
            rows.append(
                DeadlineRow(
                    term,
                    objection.reference,
                    "objection",
                    objection.pk,
                    objection.handler_id,
                    _handler_name(objection.handler),
                )
            )
    for complaint in _complaints(user=user, handler_id=handler_id):
        term = deadline("complaint", LABELS["complaint"], complaint.decision_due_on, on)
        rows.append(
            DeadlineRow(
                term,
                complaint.reference,
                "complaint",
                complaint.pk,
                complaint.handler_id,
                _handler_name(complaint.handler),
            )
        )
    return sorted(rows, key=lambda row: (row.term.days_left, row.reference, row.term.kind))


def deadline_handlers(*, user, on: date) -> list[tuple[int, str]]:
    """Whom the dashboard can be filtered on: the handlers of the visible objections and (legal team) complaints."""
    handlers = dict(objection_handlers(user=user, on=on))
    organisations = _legal_organisations(user)
    if organisations and Role.LEGAL in user.roles:
        rows = (
            StaffComplaint.objects.filter(organisation_id__in=organisations, handler__isnull=False)
            .values_list("handler_id", "handler__first_name", "handler__last_name", "handler__username")
            .distinct()
        )
        for pk, first, last, username in rows:
            handlers.setdefault(pk, f"{first} {last}".strip() or username)
    return sorted(handlers.items(), key=lambda item: item[1])
