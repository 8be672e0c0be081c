"""The yearly conversation planner: every client once a year, spread evenly over each coordinator's working days.

Set-based by design (400,000 clients nationally): two queries read every client and their last conversation,
numpy sorts and spreads them per coordinator, and the service writes the plan with bulk inserts. No query or
Python step per client beyond building the rows to insert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from dateutil.easter import easter
from django.db.models import Exists, Max, OuterRef, Q

from ..residents.selectors import coordinator_column
from .models import AnnualReview, ReviewStatus, SocialAssistance


def holidays(year: int, practice: dict) -> set[date]:
    """The public holidays of the practice file for one year (fixed days, and days relative to Easter)."""
    spec = practice["annual_review"]["holidays"]
    days: set[date] = set()
    for fixed in spec.get("fixed", []):
        month, day = (int(part) for part in str(fixed).split("-"))
        holiday = date(year, month, day)
        if (month, day) == (4, 27) and holiday.weekday() == 6:
            holiday = holiday - timedelta(days=1)  # Koningsdag moves to Saturday when the 27th is a Sunday
        days.add(holiday)
    sunday = easter(year)
    days |= {sunday + timedelta(days=int(offset)) for offset in spec.get("easter_offsets", [])}
    return days


def working_days(*, year: int, practice: dict, start: date | None = None) -> np.ndarray:
    """Ordinals of the working days from `start` (default 1 January) to 31 December."""
    first = max(start or date(year, 1, 1), date(year, 1, 1))
    last = date(year, 12, 31)
    weekdays = {int(d) for d in practice["annual_review"]["working_weekdays"]}
    off = holidays(year, practice)
    days = [
        d.toordinal()
        for d in (first + timedelta(days=i) for i in range((last - first).days + 1))
        if d.weekday() in weekdays and d not in off
    ]
    if not days:
        raise ValueError("no working days left in the year")
    return np.asarray(days, dtype=np.int64)


def spread_evenly(*, coordinators: np.ndarray, anchors: np.ndarray, days: np.ndarray) -> np.ndarray:
    """A planned day (ordinal) per client: per coordinator, clients sorted by anchor (the longest ago first) take
    slots spread evenly over `days`: client k of n gets day floor(k * len(days) / n). Vectorised: no loop over
    coordinators or clients."""
    n = len(coordinators)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    order = np.lexsort((anchors, coordinators))
    sorted_coordinators = coordinators[order]
    starts = np.flatnonzero(np.r_[True, sorted_coordinators[1:] != sorted_coordinators[:-1]])
    sizes = np.diff(np.r_[starts, n])
    rank = np.arange(n) - np.repeat(starts, sizes)
    group_size = np.repeat(sizes, sizes)
    slots = (rank * len(days)) // group_size
    planned = np.empty(n, dtype=np.int64)
    planned[order] = days[slots]
    return planned


@dataclass
class Schedule:
    benefit_ids: np.ndarray
    household_ids: np.ndarray
    coordinator_ids: np.ndarray
    planned: np.ndarray
    client_bsns: list[str]


def annual_reviews_schedule(*, year: int, start: date | None, practice: dict) -> Schedule:
    """Who needs a conversation in `year` and on which day: benefits running on the first planning day without a
    conversation for the year yet. The anchor is the last conversation held, or the start of the benefit."""
    days = working_days(year=year, practice=practice, start=start)
    first_day = date.fromordinal(int(days[0]))
    planned_this_year = AnnualReview.objects.filter(benefit=OuterRef("pk"), year=year)
    rows = list(
        SocialAssistance.objects.filter(started_on__lte=date(year, 12, 31))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first_day))
        .filter(~Exists(planned_this_year))
        # the fixed coordinator is the household's coordinator involvement (residents), read in the same query
        .annotate(coordinator_ref=coordinator_column())
        .filter(coordinator_ref__isnull=False)
        .order_by()
        .values_list("pk", "household_id", "coordinator_ref", "started_on", "client__bsn")
    )
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return Schedule(empty, empty, empty, empty, [])
    benefit_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    household_ids = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    coordinator_ids = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    anchors = np.fromiter((r[3].toordinal() for r in rows), dtype=np.int64, count=len(rows))
    held = (
        AnnualReview.objects.filter(status=ReviewStatus.HELD, held_on__isnull=False)
        .order_by()
        .values_list("benefit_id")
        .annotate(last=Max("held_on"))
    )
    held_rows = list(held)
    if held_rows:
        held_ids = np.fromiter((r[0] for r in held_rows), dtype=np.int64, count=len(held_rows))
        held_last = np.fromiter((r[1].toordinal() for r in held_rows), dtype=np.int64, count=len(held_rows))
        sort = np.argsort(held_ids)
        held_ids, held_last = held_ids[sort], held_last[sort]
        position = np.clip(np.searchsorted(held_ids, benefit_ids), 0, len(held_ids) - 1)
        found = held_ids[position] == benefit_ids
        anchors = np.where(found, np.maximum(anchors, held_last[position]), anchors)
    planned = spread_evenly(coordinators=coordinator_ids, anchors=anchors, days=days)
    return Schedule(benefit_ids, household_ids, coordinator_ids, planned, [r[4] for r in rows])
