"""The worklist and the household page run the same number of queries for a small and a large caseload/history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from routekaart.access import services
from routekaart.access.models import ClosureReason
from routekaart.access.urgency import urgency_refresh
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

from . import journey

pytestmark = pytest.mark.django_db


def new_household(size: int = 2):
    household = HouseholdFactory()
    members = [ResidentFactory(birth_date=datetime.date(1980 + i, 1, 1)) for i in range(size)]
    for resident in members:
        MembershipFactory(household=household, resident=resident, valid_from=datetime.date(2015, 1, 1))
    household.mother, household.son = members[0], members[-1]
    return household


def _session_write(sql: str) -> bool:
    """The idle timeout's stamp: the session is saved now and then, not per page, so it is no query of the page."""
    return sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) or sql.startswith('UPDATE "django_session"')


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len([q for q in captured.captured_queries if not _session_write(q["sql"])])


def counts_at_3_and_30_households(client, coordinator, urls: list[str]) -> list[int]:
    """The queries of each url with 3 open plans, then with 30: [url1 at 3, url2 at 3, ..., url1 at 30, ...]."""
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    counts = []
    for n in (3, 27):
        for _ in range(n):
            journey.to_active_plan(coordinator, new_household())
        counts.extend(queries(client, url) for url in urls)
    return counts


def test_the_worklist_runs_the_same_queries_for_3_or_30_households(catalog, client, demo_login, coordinator):
    worklist = reverse("access:worklist")
    counts = counts_at_3_and_30_households(client, coordinator, [worklist, worklist + "?overdue=on&domain=W"])
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    assert counts[0] <= 16  # the page's figures are one query for its 25 rows, the order reads stored columns


def test_the_api_case_list_runs_the_same_queries_for_3_or_30_households(catalog, client, demo_login, coordinator):
    counts = counts_at_3_and_30_households(client, coordinator, ["/api/v1/cases/"])
    assert counts[0] == counts[1], counts


def test_the_worklist_puts_the_most_urgent_first(catalog, coordinator):
    calm = journey.to_active_plan(coordinator, new_household())
    waiting = journey.melding(coordinator, new_household()).case  # wmo research due in six weeks
    late = journey.to_active_plan(coordinator, new_household())
    agreement = late.plans.get().agreements.order_by("due_on").first()
    type(agreement).objects.filter(pk=agreement.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=3))
    urgency_refresh(late)  # the update above bypasses the services, which keep the stored order
    urgent = journey.melding(coordinator, new_household(), urgent=True).case
    from routekaart.access import selectors

    order = [c.pk for c in selectors.worklist(user=coordinator)]
    assert order[0] == urgent.pk
    assert order.index(late.pk) < order.index(calm.pk)
    assert waiting.pk in order
    rows = selectors.worklist_rows(cases=selectors.worklist(user=coordinator, overdue_only=True), user=coordinator)
    assert [r.case.pk for r in rows] == [late.pk]
    assert rows[0].overdue and rows[0].days_left == -3


def test_the_household_page_runs_the_same_queries_for_a_new_case_or_ten_years(catalog, client, demo_login, coordinator):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    fresh = new_household()
    fresh_case = journey.to_active_plan(coordinator, fresh)
    services.decision_record(
        actor=coordinator, case=fresh_case, addressee=fresh.mother, provisions=[journey.guidance()]
    )
    long = new_household(size=5)
    start = timezone.localdate() - datetime.timedelta(days=3650)
    for year in range(10):
        with freeze_time(start + datetime.timedelta(days=365 * year)):
            case = journey.to_active_plan(coordinator, long)
            services.decision_record(
                actor=coordinator, case=case, addressee=long.mother, provisions=[journey.guidance()]
            )
            services.review_record(actor=coordinator, case=case, note="Jaarlijkse evaluatie", scores=journey.scores(4))
            services.case_close(actor=coordinator, case=case, reason=ClosureReason.GOALS_REACHED)
    current = journey.to_active_plan(coordinator, long)
    services.decision_record(actor=coordinator, case=current, addressee=long.mother, provisions=[journey.guidance()])
    small = queries(client, reverse("access:household", args=[fresh.pk]))
    large = queries(client, reverse("access:household", args=[long.pk]))
    assert small == large, (small, large)
    assert small <= 40
