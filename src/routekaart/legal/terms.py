"""Every legal term of bezwaar en beroep, counted in one module: the services store the dates it gives, the pages
and the deadline dashboard show them. The numbers are data (data/terms.yaml, each with its article); the counting
of weeks is `core.terms.term_end` (Algemene termijnenwet: a last day on a Saturday, Sunday or public holiday moves
to the next working day), and the objection term is `access.objection_term`'s, never counted twice.

- Objection term (Awb 6:7, 6:8): six weeks (or what the decision names) from the day after the decision was sent.
- Decision term (Awb 7:10): six weeks, twelve with an advisory committee, from the day after the objection term
  ended (lid 1). A late objection (Awb 6:11) has its term from its receipt: the term cannot end before the
  objection came in (ABRvS case law), whether the lateness is then judged excusable or not; counted, as every term
  here, from the day after receipt. Extension once by six weeks (lid 3); further postponement only with the
  objector's consent (lid 4), by the weeks agreed. The weeks add up first and only the last day moves (as
  `core.complaint_terms` does), so an extension never shortens the term.
- Pro-forma completion (Awb 6:6) and receipt confirmation (Awb 6:14, "onverwijld": working days as house rule).
- Dwangsom (Awb 4:17): a notice of default counts only once the decision term has passed; the penalty is owed from
  the day after the two weeks following the day the notice was received (received + 15 days), for each day until
  the day before the decision, at most 42 days, in three tiers of fourteen days.
- Appeal term (Awb 6:7, 6:8): six weeks from the day after the decision on the objection was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from ..access.objection_term import objection_term, objection_term_end
from ..core.legal_numbers import LegalNumbers
from ..core.terms import is_day_off, term_end

__all__ = [
    "NUMBERS",
    "Term",
    "acknowledgement_due",
    "appeal_term",
    "appeal_term_end",
    "completion_due",
    "decision_term",
    "decision_term_end",
    "decision_term_start",
    "decision_weeks",
    "notice_counts",
    "objection_term",
    "objection_term_end",
    "penalty",
    "penalty_amount",
    "penalty_from",
    "value",
]

NUMBERS = LegalNumbers(Path(__file__).parent / "data" / "terms.yaml")


def value(name: str) -> int:
    """The number `name` of data/terms.yaml (read once per process)."""
    return int(NUMBERS.value(name))


@dataclass(frozen=True)
class Term:
    """A legal term seen on one day: its last day and the days left (0 on the last day, negative after)."""

    ends_on: date
    days_left: int

    @classmethod
    def of(cls, ends_on: date, on: date) -> Term:
        return cls(ends_on=ends_on, days_left=(ends_on - on).days)

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        """Days past the last day (0 while in time)."""
        return max(0, -self.days_left)


# -- the decision on the objection (Awb 7:10) ---------------------------------------------------------------------


def decision_weeks(*, committee: bool = False, extended: bool = False, postponed_weeks: int = 0) -> int:
    """The weeks of the decision term: six or twelve (lid 1), plus six once extended (lid 3), plus the weeks the
    objector agreed to (lid 4)."""
    weeks = value("committee_decision_weeks") if committee else value("decision_weeks")
    if extended:
        weeks += value("extension_weeks")
    return weeks + max(0, postponed_weeks)


def decision_term_start(*, objection_term_ends_on: date, received_on: date, late: bool) -> date:
    """The day after which the decision term runs: the objection term's last day, or for a late objection the day
    it was received."""
    return received_on if late else objection_term_ends_on


def decision_term_end(
    *,
    objection_term_ends_on: date,
    received_on: date,
    late: bool = False,
    committee: bool = False,
    extended: bool = False,
    postponed_weeks: int = 0,
) -> date:
    """The last day on which the decision on the objection is in time."""
    start = decision_term_start(objection_term_ends_on=objection_term_ends_on, received_on=received_on, late=late)
    return term_end(start, decision_weeks(committee=committee, extended=extended, postponed_weeks=postponed_weeks))


def decision_term(*, decision_due_on: date, on: date) -> Term:
    """The stored decision term of an objection, as it stands on `on` (today)."""
    return Term.of(decision_due_on, on)


# -- the objection's own steps ------------------------------------------------------------------------------------


def completion_due(received_on: date) -> date:
    """The last day to complete a pro-forma objection's grounds (Awb 6:6; weeks as data)."""
    return term_end(received_on, value("pro_forma_completion_weeks"))


def acknowledgement_due(received_on: date) -> date:
    """The day by which the receipt is confirmed (Awb 6:14 "onverwijld"): N working days after receipt."""
    day, left = received_on, value("acknowledgement_working_days")
    while left > 0:
        day += timedelta(days=1)
        if not is_day_off(day):
            left -= 1
    return day


def appeal_term_end(decided_on: date) -> date:
    """The last day to appeal to the court against the decision on the objection (sent on `decided_on`)."""
    return term_end(decided_on, value("appeal_weeks"))


def appeal_term(*, decided_on: date, on: date) -> Term:
    return Term.of(appeal_term_end(decided_on), on)


# -- notice of default and penalty (Awb 4:17) ---------------------------------------------------------------------


def notice_counts(*, notice_received_on: date, decision_due_on: date) -> bool:
    """A notice of default counts only when it comes after the decision term's last day (Awb 4:17 lid 1)."""
    return notice_received_on > decision_due_on


def penalty_from(notice_received_on: date) -> date:
    """The first day of penalty: the day after the two weeks that follow the day the notice was received."""
    return notice_received_on + timedelta(days=value("penalty_grace_days") + 1)


def penalty_amount(days: int) -> Decimal:
    """The penalty for `days` days in default: €23, €35 and €45 a day per tier of fourteen days, at most 42 days."""
    days = max(0, min(days, value("penalty_max_days")))
    tier = value("penalty_tier_days")
    rates = (
        value("penalty_first_tier_amount"),
        value("penalty_second_tier_amount"),
        value("penalty_third_tier_amount"),
    )
    total = sum(rates[min((day - 1) // tier, len(rates) - 1)] for day in range(1, days + 1))
    return Decimal(total).quantize(Decimal("0.01"))


def penalty(received_on: date, decided_on: date | None, on: date) -> tuple[int, Decimal]:
    """The days in default and the penalty owed, for a notice received on `received_on`, seen on `on`: every day
    from `penalty_from` up to the day before the decision (the decision's day does not count), at most 42."""
    first = penalty_from(received_on)
    last = on if decided_on is None else min(on, decided_on - timedelta(days=1))
    days = max(0, min((last - first).days + 1, value("penalty_max_days")))
    return days, penalty_amount(days)
