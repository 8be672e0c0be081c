"""Aggregates of income for insights' yardsticks (seed 004, the memo on bestaanszekerheid): benefits started
(whether a young applicant entered the benefit), the yearly conversation's coverage, and non-take-up found by the
regulations check and resolved since. Pseudonymous facts and group-by counts, one query each, never a name; the
area is that of the benefit client's address, or of the household's present members.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from ..residents.selectors_facts_yardsticks import household_area, resident_area
from .models import NonTakeUp, RegulationUse, ReviewStatus, SocialAssistance, UseStatus


def benefit_starts(
    *, since: date, until: date, municipality_id: int | None = None, district_id: int | None = None
) -> dict[int, list[date]]:
    """Per household, the days its benefits started from `since` to `until` (inclusive). One query."""
    rows = (
        SocialAssistance.objects.filter(started_on__range=(since, until))
        .filter(household_area(municipality_id=municipality_id, district_id=district_id))
        .values_list("household_id", "started_on")
        .order_by()
    )
    starts: dict[int, list[date]] = defaultdict(list)
    for household_id, started_on in rows:
        starts[household_id].append(started_on)
    return dict(starts)


@dataclass(frozen=True)
class ReviewCoverage:
    year: int
    until: date  # the last day counted (the year's end, or the period's end in a year not yet over)
    benefits: int  # benefits running from 1 January to `until`
    held: int  # of those, with a yearly conversation held from 1 January to `until`


def annual_review_coverage(
    *, years: list[tuple[int, date]], municipality_id: int | None = None, district_id: int | None = None
) -> list[ReviewCoverage]:
    """For each (year, last day): the benefits running all that part of the year, and how many of them had their
    yearly conversation held in it (seed 004: at least once a year). One query, a LEFT JOIN to the conversations by
    their indexed benefit column with two conditional counts per year (no correlated subquery: it grew with the square
    of the benefits on SQLite)."""
    if not years:
        return []
    counts = {}
    for year, until in years:
        first = date(year, 1, 1)
        running = Q(started_on__lte=first) & (Q(ended_on__isnull=True) | Q(ended_on__gt=until))
        held = Q(annual_reviews__status=ReviewStatus.HELD, annual_reviews__held_on__range=(first, until))
        # Joined to the conversations, so a benefit counts once however many rows the join gives it.
        counts[f"b{year}"] = Count("id", distinct=True, filter=running)
        counts[f"h{year}"] = Count("id", distinct=True, filter=running & held)
    area = resident_area(municipality_id=municipality_id, district_id=district_id, resident="client")
    totals = SocialAssistance.objects.filter(area).aggregate(**counts)
    return [ReviewCoverage(year, until, totals[f"b{year}"], totals[f"h{year}"]) for year, until in years]


@dataclass(frozen=True)
class NonTakeUpResolution:
    code: str
    name: str
    found: int  # households the check found entitled but not using the regulation
    resolved: int  # of those, households granted it since (applied on or after the check's day)


def non_take_up_resolution(
    *, since: date, until: date, municipality_id: int | None = None, district_id: int | None = None
) -> list[NonTakeUpResolution]:
    """Per regulation, the households the regulations checks of `since` to `until` found not using it, and how
    many of them were granted it on an application made on or after that check. One query."""
    granted = Exists(
        RegulationUse.objects.filter(
            household_id=OuterRef("household_id"),
            regulation__code=OuterRef("regulation__code"),
            status__in=[UseStatus.GRANTED, UseStatus.ENDED],
            applied_on__gte=OuterRef("run__as_of"),
        )
    )
    rows = (
        NonTakeUp.objects.filter(run__as_of__range=(since, until))
        .filter(household_area(municipality_id=municipality_id, district_id=district_id))
        .annotate(granted=granted)
        .values("regulation__code", "regulation__name")
        .annotate(
            found=Count("household_id", distinct=True),
            resolved=Count("household_id", distinct=True, filter=Q(granted=True)),
        )
        .order_by("regulation__code")
    )
    return [NonTakeUpResolution(r["regulation__code"], r["regulation__name"], r["found"], r["resolved"]) for r in rows]
