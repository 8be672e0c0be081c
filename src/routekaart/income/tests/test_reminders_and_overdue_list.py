"""Reminders before the yearly conversation (once), and the overdue list on the coordinator's worklist."""

from datetime import date

import pytest
from freezegun import freeze_time

from routekaart.income import selectors, services
from routekaart.income.models import Reminder

from .factories import AnnualReviewFactory, SocialAssistanceFactory

pytestmark = pytest.mark.django_db


def test_coordinator_and_client_are_reminded_once_in_the_two_weeks_before():
    soon = AnnualReviewFactory(planned_on=date(2026, 3, 12))
    later = AnnualReviewFactory(planned_on=date(2026, 5, 1))
    with freeze_time("2026-03-02"):
        assert services.annual_review_reminders_send(on=date(2026, 3, 2)) == 1
        assert services.annual_review_reminders_send(on=date(2026, 3, 2)) == 0
    reminders = Reminder.objects.filter(annual_review=soon)
    assert sorted(r.audience for r in reminders) == ["client", "coordinator"]
    # addressed to the household's coordinator, whoever that is (no copy of the name)
    assert reminders.get(audience="coordinator").recipient is None
    assert Reminder.objects.of_user(soon.coordinator).filter(annual_review=soon).count() == 1
    assert not Reminder.objects.filter(annual_review=later).exists()
    soon.refresh_from_db()
    assert soon.reminded_on == date(2026, 3, 2)


def test_the_worklist_shows_overdue_and_due_conversations_and_clients_without_one_for_a_year():
    overdue = AnnualReviewFactory(planned_on=date(2026, 2, 10))
    coordinator = overdue.coordinator
    due = AnnualReviewFactory(
        benefit=SocialAssistanceFactory(organisation=overdue.benefit.organisation, coordinator=coordinator),
        planned_on=date(2026, 3, 9),
    )
    forgotten = SocialAssistanceFactory(
        organisation=overdue.benefit.organisation, coordinator=coordinator, started_on=date(2023, 5, 1)
    )
    with freeze_time("2026-03-02"):
        worklist = selectors.worklist_get(user=coordinator)
    assert worklist.overdue == [overdue]
    assert worklist.due_soon == [due]
    assert worklist.not_planned_overdue == [forgotten]
    assert worklist.client_count == 3
