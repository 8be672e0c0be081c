"""The yearly conversation planner: every client once a year, evenly over each coordinator's working days."""

from collections import Counter
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.income import selectors, services
from routekaart.income.models import AnnualReview, ReviewStatus
from routekaart.income.planning import holidays, spread_evenly, working_days

from .factories import AnnualReviewFactory, SocialAssistanceFactory, coordinator_at

PRACTICE = {
    "annual_review": {
        "working_weekdays": [0, 1, 2, 3, 4],
        "holidays": {"fixed": ["01-01", "04-27", "05-05", "12-25", "12-26"], "easter_offsets": [-2, 1, 39, 50]},
    }
}


def test_dutch_holidays_2026():
    assert holidays(2026, PRACTICE) == {
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_working_days_skip_weekends_and_holidays():
    days = [date.fromordinal(int(d)) for d in working_days(year=2026, practice=PRACTICE)]
    assert all(d.weekday() < 5 for d in days)
    assert date(2026, 4, 6) not in days and date(2026, 4, 7) in days
    assert len(days) == 261 - 8  # 261 weekdays in 2026; 8 holidays fall on a weekday (26 December is a Saturday)


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=6), seed=st.integers(0, 10_000))
def test_each_coordinators_clients_are_spread_evenly(sizes, seed):
    rng = np.random.default_rng(seed)
    coordinators = np.repeat(np.arange(len(sizes)), sizes)
    rng.shuffle(coordinators)
    anchors = rng.integers(700_000, 740_000, size=len(coordinators))
    days = working_days(year=2026, practice=PRACTICE)
    planned = spread_evenly(coordinators=coordinators, anchors=anchors, days=days)
    for coordinator, size in enumerate(sizes):
        mine = planned[coordinators == coordinator]
        per_day = Counter(mine.tolist())
        # never more than ceil(n / working days) conversations on one day for one coordinator
        assert max(per_day.values()) <= -(-size // len(days))
        # the oldest anchors get the earliest days
        order = np.argsort(anchors[coordinators == coordinator], kind="stable")
        assert (np.diff(mine[order]) >= 0).all()
        # spread over the year: the gap between consecutive days is at most one "slot" plus a weekend/holiday run
        if size >= 12:
            months = Counter(date.fromordinal(int(d)).month for d in mine)
            assert max(months.values()) - min(months.values()) <= size / 12 * 0.4 + 2


@pytest.mark.django_db
def test_the_planner_plans_every_client_once_including_the_exempt_and_is_idempotent():
    first = SocialAssistanceFactory(work_obligation="exempt")
    colleague = coordinator_at(first.organisation)
    for _ in range(3):
        SocialAssistanceFactory(organisation=first.organisation, coordinator=first.coordinator)
    for _ in range(2):
        SocialAssistanceFactory(organisation=first.organisation, coordinator=colleague)
    ended = SocialAssistanceFactory(started_on=date(2020, 1, 1), ended_on=date(2025, 6, 1))
    report = services.annual_reviews_plan(year=2026, start=date(2026, 1, 1))
    assert report.planned == 6 and report.coordinators == 2
    assert not AnnualReview.objects.filter(benefit=ended).exists()
    assert AnnualReview.objects.filter(benefit=first).count() == 1
    assert services.annual_reviews_plan(year=2026, start=date(2026, 1, 1)).planned == 0
    mine = sorted(AnnualReview.objects.of_coordinator(first.coordinator).values_list("planned_on", flat=True))
    assert len(set(mine)) == 4 and mine[0] < date(2026, 2, 1) and mine[-1] > date(2026, 9, 1)


@pytest.mark.django_db
def test_who_spoke_longest_ago_comes_first():
    recent = SocialAssistanceFactory(started_on=date(2020, 1, 1))
    AnnualReviewFactory(
        benefit=recent, year=2025, planned_on=date(2025, 11, 1), status=ReviewStatus.HELD, held_on=date(2025, 11, 20)
    )
    long_ago = SocialAssistanceFactory(
        organisation=recent.organisation, coordinator=recent.coordinator, started_on=date(2021, 1, 1)
    )
    services.annual_reviews_plan(year=2026, start=date(2026, 1, 1))
    first = AnnualReview.objects.get(benefit=long_ago, year=2026).planned_on
    second = AnnualReview.objects.get(benefit=recent, year=2026).planned_on
    assert first < second


@pytest.mark.django_db
def test_planning_runs_a_fixed_number_of_queries_whatever_the_number_of_clients(django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count: int) -> int:
        benefit = SocialAssistanceFactory()
        for _ in range(count - 1):
            SocialAssistanceFactory(organisation=benefit.organisation, coordinator=benefit.coordinator)
        with CaptureQueriesContext(connection) as captured:
            services.annual_reviews_plan(year=2027, start=date(2027, 1, 1))
        AnnualReview.objects.filter(year=2027).delete()
        return len(captured)

    small = queries_for(2)
    large = queries_for(40)
    assert large == small
    assert selectors.practice()
