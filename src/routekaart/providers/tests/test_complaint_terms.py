"""A complaint's decision term (Awb 9:11): six weeks from receipt, ten with an advisory committee, four more once
postponed; the last day moves past a weekend day or public holiday (Algemene termijnenwet). Dates counted by hand
on a calendar of 2026."""

from datetime import date, timedelta

import pytest

from routekaart.providers.complaint_terms import complaint_term, decision_term_end

RECEIVED_MONDAY = date(2026, 2, 2)


@pytest.mark.parametrize(
    ("committee", "extended", "last_day"),
    [
        (False, False, date(2026, 3, 16)),  # 6 weeks
        (True, False, date(2026, 4, 13)),  # 10 weeks (committee)
        (False, True, date(2026, 4, 13)),  # 6 + 4 weeks
        (True, True, date(2026, 5, 11)),  # 10 + 4 weeks
    ],
)
def test_the_term_ends_on_the_same_weekday_n_weeks_after_receipt(committee, extended, last_day):
    assert decision_term_end(received_on=RECEIVED_MONDAY, committee=committee, extended=extended) == last_day


@pytest.mark.parametrize(
    ("committee", "extended", "last_day"),
    [
        (False, False, date(2026, 3, 16)),
        (True, False, date(2026, 4, 13)),
        (False, True, date(2026, 4, 13)),
        (True, True, date(2026, 5, 11)),
    ],
)
@pytest.mark.parametrize(("offset", "days_left", "overdue"), [(-1, 1, False), (0, 0, False), (1, -1, True)])
def test_the_day_before_on_and_after_the_last_day(committee, extended, last_day, offset, days_left, overdue):
    term = complaint_term(
        received_on=RECEIVED_MONDAY, committee=committee, extended=extended, on=last_day + timedelta(days=offset)
    )
    assert (term.ends_on, term.days_left, term.is_overdue) == (last_day, days_left, overdue)


def test_a_term_ending_on_kings_day_runs_on_to_the_next_working_day():
    # received Monday 16 March: six weeks end on Monday 27 April 2026, King's Day; the term runs to Tuesday 28 April
    assert decision_term_end(received_on=date(2026, 3, 16), committee=False, extended=False) == date(2026, 4, 28)


def test_a_term_ending_on_a_saturday_runs_on_to_monday():
    assert decision_term_end(received_on=date(2026, 2, 7), committee=False, extended=False) == date(2026, 3, 23)
