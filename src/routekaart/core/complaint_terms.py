"""The term within which a complaint is decided (Awb chapter 9), counted one way for every complaint: about a
provider (providers) and about the conduct of staff (legal). Dependency-free: the standard library and `core.terms`.

Awb art. 9:11 lid 1: the complaint is decided within six weeks of receiving it, or within ten weeks when an advisory
committee (klachtadviescommissie, art. 9:14) hears it. Art. 9:11 lid 2: the decision may be postponed once, by at
most four weeks, with written notice to the complainant and to the one the complaint is about. The term runs from
the day after receipt and ends on the same weekday N weeks later, on to the next working day when that is a
Saturday, a Sunday or a public holiday (Algemene termijnenwet art. 1 and 3: `core.terms`, as the objection term).

An extension is always the full four weeks: the complaint keeps the day it was postponed, not a number of weeks,
so the last day is counted as receipt + 6 (or 10) + 4 weeks, and the Algemene termijnenwet moves only that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .terms import term_end

DECISION_WEEKS = 6  # Awb art. 9:11 lid 1
COMMITTEE_WEEKS = 10  # Awb art. 9:11 lid 1 with a committee of art. 9:14
EXTENSION_WEEKS = 4  # Awb art. 9:11 lid 2: once, at most four weeks


def decision_weeks(*, committee: bool, extended: bool) -> int:
    """The weeks from receipt within which the complaint is decided."""
    return (COMMITTEE_WEEKS if committee else DECISION_WEEKS) + (EXTENSION_WEEKS if extended else 0)


def decision_term_end(*, received_on: date, committee: bool, extended: bool) -> date:
    """The last day on which the complaint is decided in time."""
    return term_end(received_on, decision_weeks(committee=committee, extended=extended))


@dataclass(frozen=True)
class ComplaintTerm:
    """A complaint's decision term, seen on one day."""

    ends_on: date  # the last day the decision is in time (inclusive)
    days_left: int  # 0 on the last day, negative once it has passed

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        """Days past the last day (0 while in time)."""
        return max(0, -self.days_left)


def complaint_term(*, received_on: date, committee: bool, extended: bool, on: date) -> ComplaintTerm:
    """The decision term of a complaint received on `received_on`, as it stands on `on` (today)."""
    ends_on = decision_term_end(received_on=received_on, committee=committee, extended=extended)
    return ComplaintTerm(ends_on=ends_on, days_left=(ends_on - on).days)
