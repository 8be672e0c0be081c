"""The event stream as a change signal for the steering refresh (insights): the last event's id, and which kinds of
subject had events after a given one. Ids and subject types only; no event's content leaves this module."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max

from .models import Event


def event_watermark() -> int:
    """The id of the last event written (0 when there is none)."""
    return Event.objects.aggregate(last=Max("id"))["last"] or 0


def subject_types_since(*, watermark: int, subject_types: Iterable[str], until: int | None = None) -> set[str]:
    """Which of `subject_types` had an event after `watermark` (and up to `until`): one query."""
    events = Event.objects.filter(id__gt=watermark, subject_type__in=list(subject_types))
    if until is not None:
        events = events.filter(id__lte=until)
    return set(events.values_list("subject_type", flat=True).distinct().order_by())
