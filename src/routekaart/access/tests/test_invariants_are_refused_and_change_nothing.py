"""The principles as rules: each invariant is refused with a clear Dutch message and leaves the database as it was."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import Case, CaseStatus, Decision, Plan, PlanStatus, ResidentAgreement
from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.models import Involvement, InvolvementKind

from . import journey

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    """Row counts of every table of this app, plus the events, the log and the involvements."""
    counts = {m._meta.label: m.objects.count() for m in apps.get_app_config("access").get_models()}
    counts["events"] = Event.objects.count()
    counts["log"] = ProcessingLogEntry.objects.count()
    counts["involvements"] = Involvement.objects.count()
    return counts


def refused(call, field: str, text: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        call()
    messages = caught.value.message_dict
    assert field in messages, messages
    assert text in " ".join(messages[field]), messages
    assert snapshot() == before


def test_a_second_active_plan_for_the_household_is_refused(planned_case, coordinator):
    # Another case of the same household (an old one, closed without its plan closed) still holds an active plan.
    old = Case.objects.create(
        household=planned_case.household, status=CaseStatus.CLOSED, opened_on=datetime.date(2020, 1, 1)
    )
    active = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    Plan.objects.filter(pk=active.pk).update(case=old)
    draft = services.plan_draft(
        actor=coordinator, case=planned_case, goals=[services.GoalSpec("finances", "Rust in de financiën")]
    )

    refused(
        lambda: services.plan_activate(actor=coordinator, plan=draft, resident_agreement=ResidentAgreement.AGREED),
        "plan",
        "Dit huishouden heeft al een actief plan van aanpak",
    )
    assert Plan.objects.filter(household=planned_case.household, status=PlanStatus.ACTIVE).count() == 1


def test_the_database_refuses_a_second_active_plan_too(planned_case):
    active = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            case=planned_case,
            household=planned_case.household,
            version=99,
            status=PlanStatus.ACTIVE,
            resident_agreement=ResidentAgreement.AGREED,
            activated_on=active.activated_on,
            next_review_on=active.next_review_on,
            created_by=active.created_by,
        )


def test_a_decision_without_an_active_plan_is_refused(catalog, case, coordinator, household):
    journey.intake(coordinator, case)
    refused(
        lambda: services.decision_record(
            actor=coordinator, case=case, addressee=household.mother, provisions=[journey.guidance()]
        ),
        "plan",
        "Een beschikking vraagt om een actief plan van aanpak, behalve spoedhulp",
    )
    assert not Decision.objects.exists()


def test_a_household_without_a_coordinator_is_refused(household):
    """Someone who is not a coordinator records a signal and names no coordinator: no case without one."""
    clerk = UserFactory(role=Role.JOB_COACH)
    refused(
        lambda: journey.melding(clerk, household),
        "coordinator",
        "Een huishouden met een open casus heeft precies één regisseur",
    )
    assert not Case.objects.exists()


def test_the_database_refuses_a_second_coordinator_for_the_household(case, coordinator):
    """The case's coordinator is the household's one coordinator involvement; a second open one is refused."""
    present = Involvement.objects.get(household=case.household, kind=InvolvementKind.COORDINATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(
            household=case.household,
            organisation=present.organisation,
            user=coordinator,
            kind=InvolvementKind.COORDINATOR,
            valid_from=present.valid_from,
        )
    assert Involvement.objects.filter(household=case.household, kind=InvolvementKind.COORDINATOR).count() == 1


def test_a_provision_that_ends_before_it_starts_is_refused(planned_case, coordinator, household):
    today = timezone.localdate()
    refused(
        lambda: services.decision_record(
            actor=coordinator,
            case=planned_case,
            addressee=household.mother,
            provisions=[journey.guidance(starts_on=today, ends_on=today - datetime.timedelta(days=1))],
        ),
        "provisions-0-ends_on",
        "De einddatum ligt vóór de ingangsdatum.",
    )


def test_the_database_refuses_an_end_before_the_start_too(planned_case, coordinator, household):
    result = services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    provision = result.decision.provisions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(provision).objects.filter(pk=provision.pk).update(ends_on=provision.starts_on - datetime.timedelta(days=1))
