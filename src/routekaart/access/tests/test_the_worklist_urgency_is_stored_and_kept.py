"""The worklist's order is stored on the case (access.urgency) and every service that changes what it depends on
keeps it equal to what the rows compute: an urgent signal, the earliest running deadline, live agreement or review,
and the day a case still waiting for its intake opened. The migration backfills it for cases from before."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routekaart.access import services
from routekaart.access.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Case,
    ClosureReason,
    Deadline,
    GatekeepingOutcome,
    ResidentAgreement,
    SignalKind,
)
from routekaart.access.urgency import urgency_computed, urgency_stored
from routekaart.organisations.roles import Domain

from . import journey
from .test_pages_run_fixed_queries import new_household

pytestmark = pytest.mark.django_db


def assert_kept() -> None:
    ids = list(Case.objects.values_list("pk", flat=True))
    assert urgency_stored(ids) == urgency_computed(ids)


def test_every_service_of_a_case_keeps_its_stored_urgency(catalog, coordinator):
    household = new_household()
    today = timezone.localdate()
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT).case
    assert_kept()
    stored = Case.objects.get(pk=case.pk)
    assert stored.urgency_on == case.opened_on and stored.overdue_from is not None  # waits for its intake
    deadline = Deadline.objects.filter(case=case, met_on__isnull=True).order_by("due_on").first()
    services.deadline_change(
        actor=coordinator, deadline=deadline, change="extension", days=14, reason="Advies arts", notified_on=today
    )
    assert_kept()
    journey.melding(coordinator, household, urgent=True)  # joins the open case
    assert_kept()
    assert Case.objects.get(pk=case.pk).urgent_signal
    journey.intake(coordinator, case)
    assert_kept()
    services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
    assert_kept()
    services.assessment_record(actor=coordinator, case=case, report="Begeleiding nodig.", complete=True)
    assert_kept()
    plan = services.plan_draft(
        actor=coordinator,
        case=case,
        goals=[services.GoalSpec("daily_living", "Zelf het huishouden doen")],
        agreements=journey.agreements(),
    )
    assert_kept()
    services.plan_activate(
        actor=coordinator,
        plan=plan,
        resident_agreement=ResidentAgreement.AGREED,
        next_review_on=today + datetime.timedelta(days=90),
    )
    assert_kept()
    agreement = services.agreement_add(
        actor=coordinator,
        plan=plan,
        spec=services.AgreementSpec("Post openen", AgreementParty.RESIDENT, today + datetime.timedelta(days=2)),
    )
    assert_kept()
    assert Case.objects.get(pk=case.pk).overdue_from == today + datetime.timedelta(days=2)
    services.agreement_status_set(actor=coordinator, agreement=agreement, status=AgreementStatus.DONE)
    assert_kept()
    services.decision_record(actor=coordinator, case=case, addressee=household.mother, provisions=[journey.guidance()])
    assert_kept()
    services.review_record(actor=coordinator, case=case, note="Evaluatie", scores=journey.scores(4))
    assert_kept()
    services.case_close(actor=coordinator, case=case, reason=ClosureReason.GOALS_REACHED)
    assert_kept()


def test_an_overdue_agreement_is_found_by_the_stored_column_and_shown_on_the_page(catalog, coordinator):
    from routekaart.access import selectors

    late = journey.to_active_plan(coordinator, new_household())
    calm = journey.to_active_plan(coordinator, new_household())
    agreement = Agreement.objects.filter(plan__case=late).order_by("due_on").first()
    # a day passes: the agreement is now three days late (the stored date stays what it was: it is a due date)
    services.agreement_add(
        actor=coordinator,
        plan=agreement.plan,
        spec=services.AgreementSpec("Brief sturen", AgreementParty.RESIDENT, timezone.localdate()),
    )
    later = timezone.localdate() + datetime.timedelta(days=3)
    overdue = list(selectors.worklist(user=coordinator, overdue_only=True, on=later))
    assert [c.pk for c in overdue] == [late.pk]
    (row,) = selectors.worklist_rows(cases=overdue, user=coordinator, on=later)
    assert row.overdue and row.case.overdue_agreements == 1 and row.days_left == -3
    assert calm.pk in [c.pk for c in selectors.worklist(user=coordinator, on=later)]


def test_the_migration_backfills_the_stored_urgency_of_existing_cases(catalog, coordinator):
    urgent = journey.melding(coordinator, new_household(), urgent=True).case
    planned = journey.to_active_plan(coordinator, new_household())
    Case.objects.update(urgent_signal=False, urgency_on=None, overdue_from=None)  # as before the migration
    assert urgency_stored([urgent.pk, planned.pk]) != urgency_computed([urgent.pk, planned.pk])
    migration = importlib.import_module("routekaart.access.migrations.0005_case_stored_urgency")
    migration.backfill(apps, None)
    assert_kept()
    assert Case.objects.get(pk=urgent.pk).urgent_signal


# One case, driven by a random sequence of the services that change its urgency; after each step the stored columns
# equal what the rows compute.
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("signal"), st.booleans(), st.sampled_from([SignalKind.REPORT, SignalKind.APPLICATION])),
        st.tuples(st.just("agreement"), st.integers(min_value=-30, max_value=400)),
        st.tuples(st.just("agreement_done"), st.integers(min_value=0, max_value=5)),
        st.tuples(st.just("extend"), st.integers(min_value=1, max_value=28)),
        st.tuples(st.just("review"), st.integers(min_value=1, max_value=300)),
        st.tuples(st.just("close"), st.just(0)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS, review_days=st.integers(min_value=1, max_value=360))
def test_the_stored_urgency_equals_the_computed_one_after_any_steps(catalog, coordinator, steps, review_days):
    from django.core.exceptions import ValidationError

    today = timezone.localdate()
    household = new_household()
    case = journey.melding(coordinator, household).case
    journey.intake(coordinator, case)
    services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
    plan = services.plan_draft(
        actor=coordinator,
        case=case,
        goals=[services.GoalSpec("daily_living", "Zelf het huishouden doen")],
        agreements=journey.agreements(),
    )
    services.plan_activate(
        actor=coordinator,
        plan=plan,
        resident_agreement=ResidentAgreement.AGREED,
        next_review_on=today + datetime.timedelta(days=review_days),
    )
    assert_kept()
    for step in steps:
        kind, value, *rest = step
        try:
            if kind == "signal":
                journey.melding(coordinator, household, urgent=value, kind=rest[0], domain=Domain.SUPPORT)
            elif kind == "agreement":
                services.agreement_add(
                    actor=coordinator,
                    plan=plan,
                    spec=services.AgreementSpec(
                        "Afspraak", AgreementParty.RESIDENT, today + datetime.timedelta(days=value)
                    ),
                )
            elif kind == "agreement_done":
                live = list(Agreement.objects.filter(plan=plan, status=AgreementStatus.OPEN).order_by("pk"))
                if live:
                    services.agreement_status_set(
                        actor=coordinator, agreement=live[value % len(live)], status=AgreementStatus.DONE
                    )
            elif kind == "extend":
                deadline = Deadline.objects.filter(case__household=household, met_on__isnull=True).first()
                if deadline:
                    services.deadline_change(
                        actor=coordinator,
                        deadline=deadline,
                        change="extension",
                        days=value,
                        reason="Advies",
                        notified_on=today,
                    )
            elif kind == "review":
                services.review_record(
                    actor=coordinator,
                    case=Case.objects.get(pk=case.pk),
                    note="Evaluatie",
                    scores=journey.scores(3),
                    next_review_on=today + datetime.timedelta(days=value),
                )
            elif kind == "close":
                services.case_close(actor=coordinator, case=Case.objects.get(pk=case.pk), reason=ClosureReason.OTHER)
        except ValidationError:
            pass  # a step the case's state refuses changes nothing; the invariant must hold all the same
        assert_kept()
