"""Aggregates of the toegang for insights' yardsticks: young people's applications under the Participatiewet
(seed 004: half of them were kept from entering the benefit) and statutory terms met in time. Pseudonymous facts
and group-by counts, one query each, never a name; the area is that of the resident's (or household's) address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Q

from ..organisations.roles import Domain
from ..residents.selectors_facts_yardsticks import household_area, resident_area
from .models import Deadline, DeadlineKind, Signal, SignalKind


@dataclass(frozen=True)
class Application:
    signal_id: int
    household_id: int
    received_on: date


def youth_participation_applications(
    *,
    since: date,
    until: date,
    under_age: int,
    municipality_id: int | None = None,
    district_id: int | None = None,
) -> list[Application]:
    """Applications under the Participatiewet received from `since` to `until` (inclusive) for a resident younger
    than `under_age` on the day it came in. One query; the birth date narrows it in SQL and decides here, and
    never leaves this module."""
    rows = (
        Signal.objects.filter(
            kind=SignalKind.APPLICATION,
            domain=Domain.PARTICIPATION,
            received_on__range=(since, until),
            resident__birth_date__gt=since - relativedelta(years=under_age),
        )
        .filter(resident_area(municipality_id=municipality_id, district_id=district_id))
        .values_list("pk", "household_id", "received_on", "resident__birth_date")
        .order_by("received_on", "pk")
    )
    return [
        Application(pk, household_id, received_on)
        for pk, household_id, received_on, born in rows
        if received_on < born + relativedelta(years=under_age)
    ]


@dataclass(frozen=True)
class DeadlineResult:
    """The statutory terms of one law whose last day fell in the period and has passed."""

    law: str
    in_time: int  # met on or before the last day
    late: int  # met after the last day
    missed: int  # passed the last day without being met (still open, or lapsed only afterwards)
    fell_away: int  # lapsed before the last day without being met (the case closed, the plan was replaced)

    @property
    def ended(self) -> int:
        """The terms that ran out: met in time, met late or missed (the denominator of "in time")."""
        return self.in_time + self.late + self.missed


def deadline_results(
    *, since: date, until: date, on: date, municipality_id: int | None = None, district_id: int | None = None
) -> list[DeadlineResult]:
    """Per law, the statutory terms (kind deadline, not waiting periods or reviews) whose last day lies from
    `since` to `until` and before `on`. One query."""
    unmet = Q(met_on__isnull=True)
    area = {"municipality_id": municipality_id, "district_id": district_id}
    rows = (
        Deadline.objects.filter(rule__kind=DeadlineKind.DEADLINE, due_on__range=(since, until), due_on__lt=on)
        .filter(household_area(household="case__household_id", **area))
        .values("law")
        .annotate(
            in_time=Count("id", filter=Q(met_on__lte=F("due_on"))),
            late=Count("id", filter=Q(met_on__gt=F("due_on"))),
            missed=Count("id", filter=unmet & (Q(lapsed_on__isnull=True) | Q(lapsed_on__gt=F("due_on")))),
            fell_away=Count("id", filter=unmet & Q(lapsed_on__lte=F("due_on"))),
        )
        .order_by("law")
    )
    return [DeadlineResult(r["law"], r["in_time"], r["late"], r["missed"], r["fell_away"]) for r in rows]
