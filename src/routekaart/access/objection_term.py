"""The objection term (bezwaartermijn) of a decision: until when a resident may object, in one function.

Awb art. 6:7: the term is six weeks (a decision may name another number: `Decision.objection_weeks`).
Awb art. 6:8 lid 1: it starts the day after the decision was sent (bekendgemaakt). Six weeks from that day end on
the same weekday as the sending day, six weeks later: sent on Monday 1 June, the last day is Monday 13 July.
Algemene termijnenwet art. 1 lid 1: a term that ends on a Saturday, a Sunday or a generally recognised public
holiday (art. 3) runs on to the next day that is none of these.

The portal's decisions page and, later, the legal app's objection intake read the term here, never compute it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

OBJECTION_WEEKS = 6  # Awb art. 6:7

# Algemene termijnenwet art. 3: the generally recognised public holidays (lid 1) and Goede Vrijdag (lid 2). Fixed
# dates as (month, day); the Christian feasts as days from Easter Sunday. King's Day (27 April, or 26 April when the
# 27th is a Sunday) is computed in `public_holidays`.
FIXED_HOLIDAYS = ((1, 1), (5, 5), (12, 25), (12, 26))  # Nieuwjaarsdag, 5 mei, eerste en tweede Kerstdag
DAYS_FROM_EASTER = (-2, 1, 39, 50)  # Goede Vrijdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag
# Art. 3 lid 3: days a royal decree equates with a holiday, published in the Staatscourant for three years at a time
# (such as the Friday after Ascension Day). Add them here as they are published; none is assumed.
EQUATED_DAYS: frozenset[date] = frozenset()


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[date]:
    """The public holidays of `year` on which no term ends (Algemene termijnenwet art. 3)."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it is celebrated the day before
        kings_day = date(year, 4, 26)
    return frozenset(
        [date(year, month, day) for month, day in FIXED_HOLIDAYS]
        + [easter + timedelta(days=n) for n in DAYS_FROM_EASTER]
        + [kings_day]
        + [day for day in EQUATED_DAYS if day.year == year]
    )


def is_day_off(day: date) -> bool:
    """A Saturday, a Sunday or a public holiday: no term ends on it (Algemene termijnenwet art. 1)."""
    return day.weekday() >= 5 or day in public_holidays(day.year)


def objection_term_end(sent_on: date, weeks: int = OBJECTION_WEEKS) -> date:
    """The last day on which an objection is in time, for a decision sent on `sent_on`."""
    end = sent_on + timedelta(weeks=weeks)
    while is_day_off(end):
        end += timedelta(days=1)
    return end


@dataclass(frozen=True)
class ObjectionTerm:
    """The objection term of one decision, seen on one day."""

    ends_on: date  # the last day an objection is in time (inclusive)
    days_left: int  # days after `on` up to and including `ends_on`; 0 on the last day, negative after it

    @property
    def is_open(self) -> bool:
        return self.days_left >= 0

    @property
    def is_late(self) -> bool:
        """An objection now comes after the term: it asks why (Awb art. 6:11)."""
        return self.days_left < 0


def objection_term(*, sent_on: date, weeks: int = OBJECTION_WEEKS, on: date) -> ObjectionTerm:
    """The objection term of a decision sent on `sent_on`, as it stands on `on` (today)."""
    ends_on = objection_term_end(sent_on, weeks)
    return ObjectionTerm(ends_on=ends_on, days_left=(ends_on - on).days)
