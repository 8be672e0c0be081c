"""When a schedule's slots fall: the latest slot that is due and the next one, in local time.

A slot is the moment a job is due (02:00 on a day, 03:00 on 2 January). The scheduler queues the latest due slot of
each schedule once (the unique (job, slot) of JobRun), and only within CATCH_UP of it: a worker that was down for a
week runs each job once when it comes back, not seven times, and a yearly job loaded in June does not run at once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

CATCH_UP = timedelta(hours=12)


def _at(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _yearly(year: int, month: int, day: int, at: time) -> datetime:
    while True:  # 29 February in a year without it falls on 28 February
        try:
            return _at(date(year, month, day), at)
        except ValueError:
            day -= 1


def slot_latest(*, every: str, at: time, month: int | None, day: int | None, now: datetime) -> datetime:
    """The latest slot at or before `now`."""
    local = timezone.localtime(now)
    if every == "year":
        slot = _yearly(local.year, month or 1, day or 1, at)
        return slot if slot <= now else _yearly(local.year - 1, month or 1, day or 1, at)
    slot = _at(local.date(), at)
    return slot if slot <= now else _at(local.date() - timedelta(days=1), at)


def slot_next(*, every: str, at: time, month: int | None, day: int | None, now: datetime) -> datetime:
    """The first slot after `now`."""
    local = timezone.localtime(now)
    if every == "year":
        slot = _yearly(local.year, month or 1, day or 1, at)
        return slot if slot > now else _yearly(local.year + 1, month or 1, day or 1, at)
    slot = _at(local.date(), at)
    return slot if slot > now else _at(local.date() + timedelta(days=1), at)


def slot_due(*, every: str, at: time, month: int | None, day: int | None, now: datetime) -> datetime | None:
    """The slot to queue now, if any: the latest one, when it is no older than CATCH_UP."""
    slot = slot_latest(every=every, at=at, month=month, day=day, now=now)
    return slot if now - slot <= CATCH_UP else None
