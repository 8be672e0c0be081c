"""An assignment moves proposed → (granted) → active → ended, or lapses; other moves are refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import services, workflow
from routekaart.participation.models import Commitment

pytestmark = pytest.mark.django_db


def test_the_declared_transitions():
    assert workflow.allowed_actions("proposed") == ["decide", "start", "cancel", "record_advice"]
    assert workflow.allowed_actions("active") == ["end", "record_expenditure"]
    assert workflow.allowed_actions("ended") == ["record_expenditure"]
    assert workflow.allowed_actions("cancelled") == []


@freeze_time("2026-03-10")
def test_an_instrument_without_decision_starts_directly_and_an_ended_one_cannot_end_again(world):
    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("agency_matching"),
        provider=world.agency,
        municipality=world.municipality,
        planned_start=date(2026, 3, 1),
        planned_end=date(2026, 5, 31),
        monthly_cost=Decimal("250"),
    )
    with pytest.raises(ValidationError):
        services.assignment_decide(
            actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 3, 1), reference="X"
        )
    services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 3, 1))
    services.assignment_end(
        actor=world.user, assignment=assignment, ended_on=date(2026, 3, 9), result=world.result("regular_employer")
    )
    with pytest.raises(ValidationError):
        services.assignment_end(
            actor=world.user, assignment=assignment, ended_on=date(2026, 3, 9), result=world.result("no_result")
        )
    with pytest.raises(ValidationError):
        services.assignment_cancel(actor=world.user, assignment=assignment)


@freeze_time("2026-03-10")
def test_cancelling_releases_the_commitments(world):
    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("short_trajectory"),
        provider=world.learn_work,
        municipality=world.municipality,
        planned_start=date(2026, 4, 1),
        planned_end=date(2026, 6, 30),
        monthly_cost=Decimal("600"),
    )
    services.assignment_decide(
        actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 3, 10), reference="KT"
    )
    assert Commitment.objects.filter(assignment=assignment).count() == 3
    assert services.assignment_cancel(actor=world.user, assignment=assignment).status == "cancelled"
    assert not Commitment.objects.filter(assignment=assignment).exists()


@freeze_time("2026-03-10")
def test_the_provider_must_deliver_the_instrument(world):
    with pytest.raises(ValidationError) as refused:
        services.assignment_propose(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument("learn_work_place"),
            provider=world.care,
            municipality=world.municipality,
            planned_start=date(2026, 4, 1),
            planned_end=date(2026, 6, 30),
            monthly_cost=Decimal("600"),
        )
    assert "kies een leerwerkbedrijf" in " ".join(refused.value.message_dict["provider"])


@freeze_time("2026-03-10")
def test_ending_an_assignment_that_has_not_started_is_refused_and_changes_nothing(world):
    from routekaart.audit.models import Event

    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("agency_matching"),
        provider=world.agency,
        municipality=world.municipality,
        planned_start=date(2026, 3, 1),
        planned_end=date(2026, 5, 31),
        monthly_cost=Decimal("250"),
    )
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.assignment_end(
            actor=world.user, assignment=assignment, ended_on=date(2026, 3, 9), result=world.result("no_result")
        )
    assert refused.value.message_dict == {"status": ["Alleen een lopende opdracht kan worden afgesloten."]}
    assignment.refresh_from_db()
    assert assignment.status == "proposed" and assignment.ended_on is None
    assert Event.objects.count() == events
