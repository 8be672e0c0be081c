"""The legal terms of bezwaar en beroep, hand-counted on the calendar (Algemene termijnenwet: a last day on a
Saturday, Sunday or public holiday moves to the next working day), and their properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routekaart.core.terms import is_day_off
from routekaart.legal import terms

# -- the decision term (Awb 7:10) ---------------------------------------------------------------------------------


def test_decision_term_is_six_weeks_after_the_objection_term_ended():
    # objection term ends Monday 2 March 2026; six weeks later: Monday 13 April 2026 (no holiday)
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 3, 2), received_on=date(2026, 2, 20)) == date(
        2026, 4, 13
    )


def test_decision_term_ending_on_a_saturday_moves_to_monday():
    # Saturday 7 March + 6 weeks = Saturday 18 April 2026 → Monday 20 April
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 3, 7), received_on=date(2026, 3, 1)) == date(
        2026, 4, 20
    )


def test_decision_term_ending_on_a_sunday_moves_to_monday():
    # Sunday 8 March + 6 weeks = Sunday 19 April 2026 → Monday 20 April
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 3, 8), received_on=date(2026, 3, 1)) == date(
        2026, 4, 20
    )


def test_decision_term_ending_on_easter_monday_moves_to_tuesday():
    # Easter 2026 is Sunday 5 April; Easter Monday 6 April. 23 February + 6 weeks = Monday 6 April → Tuesday 7 April
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 2, 23), received_on=date(2026, 2, 1)) == date(
        2026, 4, 7
    )


def test_decision_term_ending_on_ascension_day_moves_to_friday():
    # Ascension Day 2026: Thursday 14 May. 2 April + 6 weeks = Thursday 14 May → Friday 15 May
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 4, 2), received_on=date(2026, 3, 20)) == date(
        2026, 5, 15
    )


def test_decision_term_ending_on_kings_day_moves_to_the_next_day():
    # King's Day 2026: Monday 27 April. 16 March + 6 weeks = Monday 27 April → Tuesday 28 April
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 3, 16), received_on=date(2026, 3, 1)) == date(
        2026, 4, 28
    )


def test_decision_term_ending_on_christmas_skips_both_days():
    # Friday 13 November 2026 + 6 weeks = Friday 25 December (Eerste Kerstdag); Saturday 26 (Tweede Kerstdag),
    # Sunday 27 → Monday 28 December
    assert terms.decision_term_end(objection_term_ends_on=date(2026, 11, 13), received_on=date(2026, 11, 1)) == date(
        2026, 12, 28
    )


def test_a_committee_gives_twelve_weeks():
    # Monday 2 March + 12 weeks = Monday 25 May 2026 (Whit Monday, tweede Pinksterdag) → Tuesday 26 May
    assert terms.decision_term_end(
        objection_term_ends_on=date(2026, 3, 2), received_on=date(2026, 2, 20), committee=True
    ) == date(2026, 5, 26)


def test_the_extension_adds_six_weeks_once():
    # Monday 2 March + 6 + 6 weeks = Monday 25 May (Whit Monday) → Tuesday 26 May
    assert terms.decision_term_end(
        objection_term_ends_on=date(2026, 3, 2), received_on=date(2026, 2, 20), extended=True
    ) == date(2026, 5, 26)


def test_consent_adds_the_weeks_agreed():
    # Monday 2 March + 6 + 6 + 3 weeks = Monday 15 June 2026
    assert terms.decision_term_end(
        objection_term_ends_on=date(2026, 3, 2), received_on=date(2026, 2, 20), extended=True, postponed_weeks=3
    ) == date(2026, 6, 15)


def test_a_late_objection_counts_from_its_receipt():
    # objection term ended 2 March; received late on Wednesday 11 March: 6 weeks later, Wednesday 22 April
    assert terms.decision_term_end(
        objection_term_ends_on=date(2026, 3, 2), received_on=date(2026, 3, 11), late=True
    ) == date(2026, 4, 22)


@pytest.mark.parametrize(
    ("committee", "extended", "postponed", "weeks"),
    [(False, False, 0, 6), (True, False, 0, 12), (False, True, 0, 12), (True, True, 2, 20)],
)
def test_decision_weeks_come_from_the_data_file(committee, extended, postponed, weeks):
    assert terms.decision_weeks(committee=committee, extended=extended, postponed_weeks=postponed) == weeks


def test_the_term_counts_days_left_and_overdue_at_n_minus_one_n_and_n_plus_one():
    ends = date(2026, 4, 13)
    assert terms.decision_term(decision_due_on=ends, on=ends - timedelta(days=1)).days_left == 1
    on_the_day = terms.decision_term(decision_due_on=ends, on=ends)
    assert (on_the_day.days_left, on_the_day.is_overdue) == (0, False)
    after = terms.decision_term(decision_due_on=ends, on=ends + timedelta(days=1))
    assert (after.days_left, after.is_overdue, after.days_late) == (-1, True, 1)


# -- the objection's own steps ------------------------------------------------------------------------------------


def test_the_objection_term_is_access_own():
    # sent Monday 1 June 2026: the last day is Monday 13 July
    assert terms.objection_term_end(date(2026, 6, 1)) == date(2026, 7, 13)


def test_a_pro_forma_objection_has_four_weeks_to_complete():
    # received Wednesday 4 March + 4 weeks = Wednesday 1 April 2026
    assert terms.completion_due(date(2026, 3, 4)) == date(2026, 4, 1)


def test_the_receipt_is_confirmed_within_five_working_days():
    assert terms.acknowledgement_due(date(2026, 3, 2)) == date(2026, 3, 9)  # Monday → next Monday
    assert terms.acknowledgement_due(date(2026, 3, 6)) == date(2026, 3, 13)  # Friday → next Friday
    # Wednesday 23 December: 24 (1), 25-27 off, 28 (2), 29 (3), 30 (4), 31 (5)
    assert terms.acknowledgement_due(date(2026, 12, 23)) == date(2026, 12, 31)


def test_the_appeal_term_is_six_weeks_after_the_decision_on_the_objection_was_sent():
    assert terms.appeal_term_end(date(2026, 6, 1)) == date(2026, 7, 13)
    # Friday 13 November + 6 weeks = Christmas → Monday 28 December
    assert terms.appeal_term_end(date(2026, 11, 13)) == date(2026, 12, 28)


# -- notice of default and penalty (Awb 4:17) ---------------------------------------------------------------------


def test_a_notice_counts_only_after_the_decision_term_passed():
    due = date(2026, 4, 13)
    assert not terms.notice_counts(notice_received_on=due - timedelta(days=1), decision_due_on=due)
    assert not terms.notice_counts(notice_received_on=due, decision_due_on=due)
    assert terms.notice_counts(notice_received_on=due + timedelta(days=1), decision_due_on=due)


def test_the_penalty_runs_from_the_day_after_the_two_weeks_after_receipt():
    # notice received Monday 1 June: the two weeks run 2 to 15 June; the penalty from Tuesday 16 June
    assert terms.penalty_from(date(2026, 6, 1)) == date(2026, 6, 16)
    assert terms.penalty(date(2026, 6, 1), None, date(2026, 6, 15)) == (0, Decimal("0.00"))
    assert terms.penalty(date(2026, 6, 1), None, date(2026, 6, 16)) == (1, Decimal("23.00"))


@pytest.mark.parametrize(
    ("days", "amount"),
    [
        (13, "299.00"),  # 13 x 23
        (14, "322.00"),  # 14 x 23
        (15, "357.00"),  # 322 + 35
        (27, "777.00"),
        (28, "812.00"),  # 322 + 14 x 35
        (29, "857.00"),  # 812 + 45
        (41, "1397.00"),
        (42, "1442.00"),  # the most: 322 + 490 + 630
        (43, "1442.00"),  # capped at 42 days
    ],
)
def test_the_penalty_amount_per_tier(days, amount):
    assert terms.penalty_amount(days) == Decimal(amount)


@pytest.mark.parametrize(("on_day", "days"), [(41, 41), (42, 42), (43, 42), (60, 42)])
def test_the_penalty_stops_after_42_days(on_day, days):
    received = date(2026, 6, 1)
    first = terms.penalty_from(received)
    assert terms.penalty(received, None, first + timedelta(days=on_day - 1))[0] == days


def test_the_day_of_the_decision_does_not_count():
    received = date(2026, 6, 1)
    first = terms.penalty_from(received)  # 16 June
    # decided on the 15th day of penalty: 14 days owed
    assert terms.penalty(received, first + timedelta(days=14), date(2026, 12, 1)) == (14, Decimal("322.00"))
    # decided before the penalty began: nothing
    assert terms.penalty(received, first, date(2026, 12, 1)) == (0, Decimal("0.00"))


def test_every_number_has_its_legal_basis():
    for name in terms.NUMBERS.names():
        assert terms.NUMBERS.source(name).strip()
    assert terms.NUMBERS.version


# -- properties ---------------------------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(days, st.booleans(), st.booleans(), st.integers(min_value=0, max_value=52))
def test_a_decision_term_never_ends_on_a_day_off(start, committee, extended, postponed):
    end = terms.decision_term_end(
        objection_term_ends_on=start,
        received_on=start,
        committee=committee,
        extended=extended,
        postponed_weeks=postponed,
    )
    assert not is_day_off(end)
    assert end > start


@given(days, st.booleans(), st.integers(min_value=0, max_value=52), st.integers(min_value=1, max_value=52))
def test_an_extension_or_postponement_never_shortens_the_term(start, committee, postponed, more):
    base = terms.decision_term_end(
        objection_term_ends_on=start, received_on=start, committee=committee, postponed_weeks=postponed
    )
    extended = terms.decision_term_end(
        objection_term_ends_on=start, received_on=start, committee=committee, extended=True, postponed_weeks=postponed
    )
    longer = terms.decision_term_end(
        objection_term_ends_on=start, received_on=start, committee=committee, postponed_weeks=postponed + more
    )
    assert extended > base
    assert longer > base


@given(days, st.integers(min_value=0, max_value=120))
def test_the_penalty_never_exceeds_its_cap_and_grows_with_time(received, later):
    on = received + timedelta(days=later)
    count, amount = terms.penalty(received, None, on)
    more, more_amount = terms.penalty(received, None, on + timedelta(days=1))
    assert 0 <= count <= 42 and amount <= Decimal("1442.00")
    assert more >= count and more_amount >= amount
