"""A plan version and an agreement change status only through their machines (access/workflow.py): the legal
steps still work, an illegal one is refused in Dutch and nothing changes (no status, no event)."""

import pytest
from django.core.exceptions import ValidationError

from routekaart.access import services
from routekaart.access.models import AgreementParty, AgreementStatus, ClosureReason, Plan, PlanStatus
from routekaart.access.workflow import AGREEMENT_MACHINE, PLAN_MACHINE
from routekaart.audit.models import Event

pytestmark = pytest.mark.django_db

PLAN_FIELDS = ("status", "activated_on", "ended_on", "next_review_on", "resident_agreement")


def test_the_machines_declare_exactly_the_steps_the_services_take():
    assert PLAN_MACHINE.allowed(PlanStatus.DRAFT) == ["activate", "close"]
    assert PLAN_MACHINE.allowed(PlanStatus.ACTIVE) == ["supersede", "close"]
    assert PLAN_MACHINE.allowed(PlanStatus.SUPERSEDED) == []
    assert PLAN_MACHINE.allowed(PlanStatus.CLOSED) == []
    for state in AgreementStatus.values:
        assert sorted(AGREEMENT_MACHINE.allowed(state)) == sorted(set(AgreementStatus.values) - {state})


def test_a_done_agreement_may_be_opened_again(planned_case, coordinator):
    agreement = Plan.objects.get(case=planned_case).agreements.get(party=AgreementParty.RESIDENT)
    services.agreement_status_set(actor=coordinator, agreement=agreement, status=AgreementStatus.DONE)
    services.agreement_status_set(actor=coordinator, agreement=agreement, status=AgreementStatus.OPEN)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.done_on) == (AgreementStatus.OPEN, None)


def test_setting_an_agreement_to_the_status_it_has_is_refused_and_changes_nothing(planned_case, coordinator):
    agreement = Plan.objects.get(case=planned_case).agreements.get(party=AgreementParty.RESIDENT)
    services.agreement_status_set(actor=coordinator, agreement=agreement, status=AgreementStatus.DONE)
    before = Plan.objects.get(case=planned_case).agreements.values("status", "done_on").get(pk=agreement.pk)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.agreement_status_set(actor=coordinator, agreement=agreement, status=AgreementStatus.DONE)
    assert refused.value.message_dict == {"status": ["De afspraak heeft deze status al."]}
    assert Plan.objects.get(case=planned_case).agreements.values("status", "done_on").get(pk=agreement.pk) == before
    assert Event.objects.count() == events


def test_a_new_version_supersedes_the_active_one(planned_case, coordinator):
    first = Plan.objects.get(case=planned_case)
    draft = services.plan_draft(actor=coordinator, case=planned_case)
    services.plan_activate(actor=coordinator, plan=draft, resident_agreement="agreed")
    first.refresh_from_db()
    draft.refresh_from_db()
    assert (first.status, draft.status) == (PlanStatus.SUPERSEDED, PlanStatus.ACTIVE)
    assert first.ended_on == draft.activated_on


def test_activating_a_superseded_plan_is_refused_and_changes_nothing(planned_case, coordinator):
    first = Plan.objects.get(case=planned_case)
    draft = services.plan_draft(actor=coordinator, case=planned_case)
    services.plan_activate(actor=coordinator, plan=draft, resident_agreement="agreed")
    plans = list(Plan.objects.filter(case=planned_case).order_by("pk").values(*PLAN_FIELDS))
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.plan_activate(actor=coordinator, plan=first, resident_agreement="agreed")
    assert refused.value.message_dict == {"plan": ["Alleen een concept kan actief worden."]}
    assert list(Plan.objects.filter(case=planned_case).order_by("pk").values(*PLAN_FIELDS)) == plans
    assert Event.objects.count() == events


def test_activating_a_plan_of_a_closed_case_is_refused_and_changes_nothing(planned_case, coordinator):
    services.case_close(actor=coordinator, case=planned_case, reason=ClosureReason.GOALS_REACHED)
    plan = Plan.objects.get(case=planned_case)
    planned_case.refresh_from_db()
    assert (plan.status, plan.ended_on) == (PlanStatus.CLOSED, planned_case.closed_on)
    before = Plan.objects.values(*PLAN_FIELDS).get(pk=plan.pk)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.plan_activate(actor=coordinator, plan=plan, resident_agreement="agreed")
    assert refused.value.message_dict["plan"] == ["Alleen een concept kan actief worden."]
    assert Plan.objects.values(*PLAN_FIELDS).get(pk=plan.pk) == before
    assert Event.objects.count() == events
