"""A warm handover changes the household's one coordinator for every app at once: the case, the benefit, the
planned yearly conversations and the coordinator's reminders read it; none keeps a copy that could stay behind or
run ahead. (A trajectory's regie is held by an organisation, never by a person, so it has no coordinator to follow.)
"""

import pytest
from django.utils import timezone

from routekaart.access.models import Case
from routekaart.income import selectors as income_selectors
from routekaart.income import services as income_services
from routekaart.income.models import AnnualReview, SocialAssistance
from routekaart.income.tests.factories import coordinator_at

from .test_warm_handover_keeps_one_coordinator import transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def benefit(case, coordinator, household):
    return income_services.social_assistance_grant(
        actor=coordinator,
        household=household,
        client=household.mother,
        organisation=coordinator.affiliations.get().organisation,
        coordinator=coordinator,
        started_on=timezone.localdate(),
    )


@pytest.fixture
def successor(coordinator):
    return coordinator_at(coordinator.affiliations.get().organisation, first_name="Joost", last_name="Opvolger")


@pytest.fixture
def planned(benefit, coordinator):
    """This year's conversation, planned for today (before any handover)."""
    return income_services.annual_review_unplanned_create(actor=coordinator, benefit=benefit, on=timezone.localdate())


def _debt_referral(actor, household, case):
    """A financieel-fit conversation in the case's intake that refers to debt assistance: a coordinator reminder."""
    income_services.financial_fitness_record(
        actor=actor,
        household=household,
        held_on=timezone.localdate(),
        makes_ends_meet="no",
        daily_meal=True,
        debts="yes",
        debt_referral=True,
        case_id=case.pk,
    )


def _worklist(user):
    worklist = income_selectors.worklist_get(user=user)
    return {r.pk for r in worklist.due_soon}, {r.kind for r in worklist.reminders}


def test_after_one_handover_every_app_shows_the_new_coordinator(case, benefit, planned, coordinator, successor):
    _debt_referral(coordinator, case.household, case)
    transfer(case, coordinator, successor)
    assert Case.objects.get(pk=case.pk).coordinator == successor
    assert SocialAssistance.objects.get(pk=benefit.pk).coordinator == successor
    assert AnnualReview.objects.get(pk=planned.pk).coordinator == successor
    assert _worklist(successor) == ({planned.pk}, {"debt_referral"})
    assert _worklist(coordinator) == (set(), set())


def test_a_reminder_without_a_benefit_follows_the_handover(case, coordinator, successor):
    """The debt referral of a case's intake (no benefit yet) is the coordinator's, whoever that is now."""
    _debt_referral(coordinator, case.household, case)
    transfer(case, coordinator, successor)
    assert _worklist(successor)[1] == {"debt_referral"}
    assert _worklist(coordinator)[1] == set()


def test_a_conversation_planned_after_the_handover_is_the_new_coordinators(case, benefit, coordinator, successor):
    transfer(case, coordinator, successor)
    review = income_services.annual_review_unplanned_create(
        actor=successor, benefit=SocialAssistance.objects.get(pk=benefit.pk), on=timezone.localdate()
    )
    assert AnnualReview.objects.get(pk=review.pk).coordinator == successor


def test_a_held_conversation_keeps_who_held_it(case, benefit, planned, coordinator, successor):
    income_services.annual_review_record(
        actor=coordinator,
        review=planned,
        held_on=timezone.localdate(),
        contact="in_person",
        life_changes=[],
        note="",
        situation={},
        makes_ends_meet="yes",
        daily_meal=True,
        debts="none",
    )
    transfer(case, coordinator, successor)
    assert AnnualReview.objects.get(pk=planned.pk).coordinator == coordinator
