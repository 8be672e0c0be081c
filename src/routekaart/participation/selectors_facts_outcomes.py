"""Pseudonymous facts for insights' "what works for whom": internal ids, dates and codes of assignments and distance
assessments, never a name, BSN or free text. Read in bulk by the insights refresh (processing activity
management-information, logged by the refresh), one query each, so the refresh's joins run in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from django.db.models import F

from .models import Assignment, AssignmentStatus, DistanceAssessment, DistanceCategory, DistanceChange, Instrument

STARTED = (AssignmentStatus.ACTIVE, AssignmentStatus.ENDED)
CHUNK = 5000


class AssignmentFact(NamedTuple):
    resident_id: int
    municipality_id: int
    instrument: str  # the instrument's code
    started_on: date
    ended_on: date | None
    placement: bool  # its result counts as a placement (work found)
    left_social_assistance: bool


class AssessmentFact(NamedTuple):
    resident_id: int
    assessed_on: date
    category: str  # the DistanceCategory code
    smaller: bool  # the distance fell compared with the assessment before


def assignment_start_facts(*, started_from: date | None = None) -> Iterator[AssignmentFact]:
    """Every assignment that started (running or ended), from `started_from` on; one query, streamed."""
    rows = Assignment.objects.filter(status__in=STARTED, started_on__isnull=False)
    if started_from:
        rows = rows.filter(started_on__gte=started_from)
    values = rows.values_list(
        "resident_id",
        "municipality_id",
        F("instrument__code"),
        "started_on",
        "ended_on",
        F("result__is_placement"),
        "left_social_assistance",
    ).order_by()
    for resident, municipality, code, started, ended, placement, left in values.iterator(chunk_size=CHUNK):
        yield AssignmentFact(resident, municipality, code, started, ended, bool(placement), bool(left))


def distance_assessment_facts(*, resident_ids=None) -> Iterator[AssessmentFact]:
    """Every distance assessment (of these residents), oldest first; one query, streamed."""
    rows = DistanceAssessment.objects.all()
    if resident_ids is not None:
        rows = rows.filter(resident_id__in=list(resident_ids))
    values = rows.values_list("resident_id", "assessed_on", F("category__code"), "change").order_by(
        "resident_id", "assessed_on", "id"
    )
    for resident, assessed_on, category, change in values.iterator(chunk_size=CHUNK):
        yield AssessmentFact(resident, assessed_on, category, change == DistanceChange.SMALLER)


def instrument_names() -> dict[str, str]:
    """Instrument code -> name, in the configured order."""
    return dict(Instrument.objects.order_by("order").values_list("code", "name"))


def distance_category_names() -> dict[str, str]:
    """Distance category code -> name, from the smallest distance to the largest."""
    return dict(DistanceCategory.objects.order_by("order").values_list("code", "name"))


def distance_category_on(*, resident_id: int, on: date) -> str | None:
    """The code of the resident's last distance category assessed on or before `on` (None: never assessed); the
    caller has checked access to the resident and logs the read."""
    return (
        DistanceAssessment.objects.filter(resident_id=resident_id, assessed_on__lte=on)
        .order_by("-assessed_on", "-id")
        .values_list("category__code", flat=True)
        .first()
    )
