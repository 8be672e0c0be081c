"""A resident's own satisfaction surveys, for the portal: the open one to link from the home, one to answer."""

from __future__ import annotations

from django.utils import timezone

from .models import Survey, SurveyStatus


def resident_open_survey(*, resident_id: int) -> Survey | None:
    """The resident's oldest survey still to answer (sent, not past its last day): one query."""
    return (
        Survey.objects.filter(resident_id=resident_id, status=SurveyStatus.SENT, expires_on__gte=timezone.localdate())
        .order_by("sent_on", "id")
        .first()
    )


def resident_survey_get(*, resident_id: int, survey_id: int) -> Survey | None:
    """One survey of this resident, whatever its status; None for another's or an unknown one."""
    return Survey.objects.filter(resident_id=resident_id, pk=survey_id).first()
