"""The objection term: six weeks from the day after sending (Awb 6:7, 6:8), on to the next working day when it ends
on a weekend day or a public holiday (Algemene termijnenwet art. 1 and 3). Every date below is counted by hand on
a calendar of 2026."""

from datetime import date

import pytest

from routekaart.access.objection_term import easter_sunday, objection_term, objection_term_end, public_holidays

SENT_MONDAY = date(2026, 6, 1)  # the term runs from Tuesday 2 June; six weeks later: Monday 13 July
LAST_DAY = date(2026, 7, 13)


def test_six_weeks_from_the_day_after_sending_end_on_the_same_weekday_six_weeks_later():
    assert objection_term_end(SENT_MONDAY) == LAST_DAY


def test_the_day_before_the_last_day_one_day_is_left():
    term = objection_term(sent_on=SENT_MONDAY, on=date(2026, 7, 12))
    assert (term.ends_on, term.days_left, term.is_open, term.is_late) == (LAST_DAY, 1, True, False)


def test_on_the_last_day_the_objection_is_still_in_time():
    term = objection_term(sent_on=SENT_MONDAY, on=LAST_DAY)
    assert (term.days_left, term.is_open, term.is_late) == (0, True, False)


def test_the_day_after_the_last_day_the_objection_is_late():
    term = objection_term(sent_on=SENT_MONDAY, on=date(2026, 7, 14))
    assert (term.days_left, term.is_open, term.is_late) == (-1, False, True)


@pytest.mark.parametrize(
    ("sent_on", "last_day", "why"),
    [
        (date(2026, 6, 6), date(2026, 7, 20), "ends on Saturday 18 July: on to Monday"),
        (date(2026, 6, 7), date(2026, 7, 20), "ends on Sunday 19 July: on to Monday"),
        (date(2026, 2, 23), date(2026, 4, 7), "ends on Easter Monday 6 April: on to Tuesday"),
        (date(2026, 2, 20), date(2026, 4, 7), "ends on Good Friday 3 April: past the weekend and Easter Monday"),
        (date(2026, 3, 24), date(2026, 5, 6), "ends on 5 May (Tuesday): on to Wednesday"),
        (date(2026, 4, 2), date(2026, 5, 15), "ends on Ascension Day 14 May: on to Friday"),
        (date(2026, 4, 13), date(2026, 5, 26), "ends on Whit Monday 25 May: on to Tuesday"),
        (date(2026, 3, 16), date(2026, 4, 28), "ends on King's Day, Monday 27 April: on to Tuesday"),
        (date(2026, 11, 13), date(2026, 12, 28), "ends on Christmas Day, Friday: past Boxing Day and Sunday"),
        (date(2026, 11, 20), date(2027, 1, 4), "ends on New Year's Day 2027, a Friday: on to Monday"),
    ],
)
def test_a_term_ending_on_a_day_off_moves_to_the_next_working_day(sent_on, last_day, why):
    assert objection_term_end(sent_on) == last_day, why


def test_a_decision_may_name_another_number_of_weeks():
    assert objection_term_end(SENT_MONDAY, weeks=4) == date(2026, 6, 29)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))],
)
def test_easter_sunday_is_the_churches_date(year, easter):
    assert easter_sunday(year) == easter


def test_kings_day_on_a_sunday_is_celebrated_the_day_before():
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2025, 4, 27) not in public_holidays(2025)
