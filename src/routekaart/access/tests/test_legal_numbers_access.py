"""The access app's fixed numbers are data with a source, and each rule turns at the number itself.

The worklist asks to plan the evaluation from `review_soon_days` before it is due: tested N+1, N and N-1 days
before, N read from data/legal_numbers.yaml and the dates derived from the plan's evaluation date, so the test
follows the data and fails when the rule is changed.
"""

from datetime import date, timedelta

import pytest

from routekaart.access import rules_data, selectors, services, workflow
from routekaart.access.models import AgreementStatus, Plan, PlanStatus

pytestmark = pytest.mark.django_db
REVIEW_SOON_DAYS = rules_data.value("review_soon_days")


def test_every_number_has_a_value_and_a_source_and_the_file_a_version():
    numbers = rules_data.NUMBERS
    assert numbers.version and isinstance(numbers.effective_from, date)
    assert numbers.names() == ["review_soon_days"]
    assert "plan_review" in numbers.source("review_soon_days")


def next_action(user, on: date) -> str:
    (row,) = selectors.worklist_rows(cases=selectors.worklist(user=user, on=on), user=user, on=on)
    return row.next_action


@pytest.fixture
def plan(planned_case, coordinator):
    """The active plan, its agreements done, so nothing but the evaluation asks for an action."""
    plan = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    for agreement in plan.agreements.all():
        services.agreement_status_set(actor=coordinator, agreement=agreement, status=AgreementStatus.DONE)
    return plan


@pytest.mark.parametrize(
    ("days_before", "review_soon"),
    [(REVIEW_SOON_DAYS + 1, False), (REVIEW_SOON_DAYS, True), (REVIEW_SOON_DAYS - 1, True)],
)
def test_the_worklist_asks_to_plan_the_evaluation_from_the_review_window(plan, coordinator, days_before, review_soon):
    on = plan.next_review_on - timedelta(days=days_before)
    expected = workflow.NEXT_ACTION_REVIEW if review_soon else workflow.NEXT_ACTION[plan.case.status]
    assert next_action(coordinator, on) == expected
    assert workflow.NEXT_ACTION[plan.case.status] != workflow.NEXT_ACTION_REVIEW


def test_the_rule_reads_its_window_from_the_data(plan, coordinator, monkeypatch):
    monkeypatch.setattr(rules_data, "value", {"review_soon_days": REVIEW_SOON_DAYS - 1}.__getitem__)
    on = plan.next_review_on - timedelta(days=REVIEW_SOON_DAYS)
    assert next_action(coordinator, on) == workflow.NEXT_ACTION[plan.case.status]
