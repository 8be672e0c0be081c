"""The objection term (bezwaartermijn) of a decision: until when a resident may object, in one function.

Awb art. 6:7: the term is six weeks (a decision may name another number: `Decision.objection_weeks`).
Awb art. 6:8 lid 1: it starts the day after the decision was sent (bekendgemaakt). Six weeks from that day end on
the same weekday as the sending day, six weeks later: sent on Monday 1 June, the last day is Monday 13 July.
Algemene termijnenwet art. 1 lid 1: a term that ends on a Saturday, a Sunday or a generally recognised public
holiday (art. 3) runs on to the next day that is none of these: `core.terms` counts it, for every term of the product.

The portal's decisions page and, later, the legal app's objection intake read the term here, never compute it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.terms import easter_sunday, is_day_off, public_holidays, term_end

__all__ = [
    "OBJECTION_WEEKS",
    "ObjectionTerm",
    "easter_sunday",
    "is_day_off",
    "objection_term",
    "objection_term_end",
    "public_holidays",
]

OBJECTION_WEEKS = 6  # Awb art. 6:7


def objection_term_end(sent_on: date, weeks: int = OBJECTION_WEEKS) -> date:
    """The last day on which an objection is in time, for a decision sent on `sent_on`."""
    return term_end(sent_on, weeks)


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
