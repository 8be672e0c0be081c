"""Terms set by law, counted one way: N weeks from a day, on to the next working day when the last day is a
Saturday, a Sunday or a public holiday (Algemene termijnenwet art. 1 and 3).

An objection term (access.objection_term) and a complaint's term (providers.complaint_terms) both end here, so a
holiday added below moves every term alike. Dependency-free: the standard library only.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

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


def term_end(start: date, weeks: int) -> date:
    """The last day of a term of `weeks` weeks that runs from the day after `start`: the same weekday `weeks`
    weeks later, or the next day that is no day off."""
    end = start + timedelta(weeks=weeks)
    while is_day_off(end):
        end += timedelta(days=1)
    return end
