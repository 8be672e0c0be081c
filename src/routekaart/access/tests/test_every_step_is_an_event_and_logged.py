"""Each step appends one event for the timeline and logs the write; events carry no BSN, name or free text."""

import pytest
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import AgreementStatus, Plan, PlanStatus
from routekaart.audit.models import Event, Operation, ProcessingLogEntry

from . import journey

pytestmark = pytest.mark.django_db


def test_the_whole_journey_is_on_the_timeline_without_personal_data(planned_case, coordinator, household):
    plan = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    services.agreement_status_set(actor=coordinator, agreement=plan.agreements.first(), status=AgreementStatus.DONE)
    services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    services.review_record(actor=coordinator, case=planned_case, note="Gaat beter", scores=journey.scores(4))
    actions = list(Event.objects.filter(household_id=household.pk).order_by("pk").values_list("action", flat=True))
    for step in [
        "case.opened",
        "signal.received",
        "intake.recorded",
        "gatekeeping.recorded",
        "plan.drafted",
        "plan.activated",
        "agreement.status_changed",
        "decision.recorded",
        "review.recorded",
    ]:
        assert step in actions, (step, actions)
    assert actions.index("signal.received") < actions.index("intake.recorded") < actions.index("decision.recorded")
    dump = " ".join(str(e.after) + str(e.before) + e.reason for e in Event.objects.all())
    for secret in (household.mother.bsn, household.son.bsn, "Noor", "Hendriks", "thuis niet meer", "kookt"):
        assert secret not in dump
    writes = ProcessingLogEntry.objects.filter(actor=coordinator, operation=Operation.WRITE)
    assert writes.filter(activity_id="household-file").exists()
    assert writes.filter(activity_id="social-support").exists()  # the Wmo melding and decision
    assert not writes.filter(data_subjects__pseudonym=household.mother.bsn).exists()


def test_the_event_of_a_decision_names_its_law_domain(planned_case, coordinator, household):
    services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    event = Event.objects.get(action="decision.recorded")
    assert event.after["domain"] == "W"
    assert event.occurred_at.date() <= timezone.now().date()
