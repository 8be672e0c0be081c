"""The legal team's home figures: objections open, decision terms ending within a week, terms passed, and conduct
complaints open. Three queries (the objections' figures in one aggregate)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import OPEN_OBJECTION_STATUSES, OPEN_STAFF_COMPLAINT_STATUSES, StaffComplaint
from .selectors import _legal_organisations, objections_visible

WEEK = timedelta(days=7)


def legal_home_counts(user) -> dict[str, int]:
    """Objections open, decision terms ending within 7 days, terms passed, conduct complaints open."""
    on = timezone.localdate()
    figures = (
        objections_visible(user=user, on=on, personal=False)
        .filter(status__in=OPEN_OBJECTION_STATUSES)
        .aggregate(
            objections_open=Count("pk"),
            due_this_week=Count("pk", filter=Q(decision_due_on__gte=on, decision_due_on__lte=on + WEEK)),
            overdue=Count("pk", filter=Q(decision_due_on__lt=on)),
        )
    )
    organisations = _legal_organisations(user)
    complaints = (
        StaffComplaint.objects.filter(
            organisation_id__in=organisations, status__in=OPEN_STAFF_COMPLAINT_STATUSES
        ).count()
        if organisations
        else 0
    )
    return {
        "objections_open": figures["objections_open"] or 0,
        "due_this_week": figures["due_this_week"] or 0,
        "overdue": figures["overdue"] or 0,
        "complaints_open": complaints,
    }
