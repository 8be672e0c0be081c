"""A VSO leaver walks route Beschut werk from the school's registration to a sheltered job: every rule of seed 004
on the way, and an event for each change."""

import pytest

from routekaart.audit.models import Event
from routekaart.residents.access import household_access
from routekaart.routes import services
from routekaart.routes.models import RegieHandover, StepProgress, WaitlistEntry
from routekaart.routes.workflow import Outcome, TrajectoryStatus

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


def states(trajectory) -> list[str]:
    return list(
        StepProgress.objects.filter(trajectory=trajectory).order_by("step__number").values_list("state", flat=True)
    )


@pytest.fixture
def started(network, pupil):
    return services.trajectory_start(
        actor=network.school_user,
        resident=pupil,
        route=exit_route("sheltered_work"),
        organisations=network.organisations(),
        school_kind="vso",
        exit_profile="sheltered_work",
        internships="Stage bij de kringloopwinkel",
    )


def test_the_school_registers_and_holds_regie_until_the_dienst_takes_it_over(network, started):
    assert started.regie_party.code == "school" and started.regie_organisation == network.school
    assert states(started) == ["current", "pending", "pending", "pending", "pending", "pending"]
    handover = RegieHandover.objects.get(trajectory=started)
    assert (handover.state, handover.to_party.code, handover.to_organisation) == ("proposed", "dienst", network.dienst)
    # the Dienst is involved so that it sees the proposal; the sheltered-work company is not yet
    assert household_access(user=network.dienst_user, household_id=started.household_id).domains
    assert not household_access(user=network.company_user, household_id=started.household_id).domains
    services.regie_handover_accept(actor=network.dienst_user, handover=handover)
    started.refresh_from_db()
    assert started.regie_party.code == "dienst" and started.regie_organisation == network.dienst


def test_the_whole_route_to_step_six(network, started):
    handover = RegieHandover.objects.get(trajectory=started)
    services.regie_handover_accept(actor=network.dienst_user, handover=handover)
    services.step_transition(actor=network.school_user, trajectory=started, number=1, transition="complete")
    services.condition_record(
        actor=network.school_user, trajectory=started, condition="exit_meeting", outcome=Outcome.RECORDED
    )
    services.step_transition(actor=network.school_user, trajectory=started, number=2, transition="complete")
    services.condition_record(
        actor=network.school_user,
        trajectory=started,
        condition="uwv_work_capacity_assessment",
        outcome=Outcome.RECORDED,
    )
    services.step_transition(actor=network.school_user, trajectory=started, number=3, transition="complete")
    services.condition_record(
        actor=network.dienst_user, trajectory=started, condition="uwv_advice", outcome=Outcome.POSITIVE
    )
    services.condition_record(
        actor=network.dienst_user, trajectory=started, condition="dienst_decision", outcome=Outcome.POSITIVE
    )
    services.step_transition(actor=network.dienst_user, trajectory=started, number=4, transition="complete")
    entry = WaitlistEntry.objects.get(trajectory=started)
    assert entry.municipality == network.municipality
    assert states(started) == ["done", "done", "done", "done", "current", "pending"]
    # the sheltered-work company now acts (step 5 names it in its text, step 6 as a party): involved at step 6
    services.waitlist_place_offer(actor=network.dienst_user, entry=entry)
    assert states(started) == ["done", "done", "done", "done", "done", "current"]
    started.refresh_from_db()
    assert started.current_step.number == 6
    assert household_access(user=network.company_user, household_id=started.household_id).domains
    services.step_transition(actor=network.company_user, trajectory=started, number=6, transition="complete")
    started.refresh_from_db()
    assert started.status == TrajectoryStatus.COMPLETED
    assert started.aftercare_until is not None
    actions = set(
        Event.objects.filter(subject_type="trajectory", subject_id=str(started.pk)).values_list("action", flat=True)
    )
    assert {
        "trajectory.started",
        "trajectory.regie_proposed",
        "trajectory.regie_handed_over",
        "trajectory.step_complete",
        "trajectory.step_start",
        "trajectory.condition_recorded",
        "trajectory.waitlist_placed",
        "trajectory.waitlist_place_offered",
        "trajectory.completed",
    } <= actions


def test_events_carry_references_never_the_residents_name_or_bsn(network, started):
    import json

    services.step_transition(actor=network.school_user, trajectory=started, number=1, transition="complete")
    services.condition_record(
        actor=network.school_user,
        trajectory=started,
        condition="exit_meeting",
        outcome=Outcome.RECORDED,
        note=f"Besproken met de moeder van {started.resident.given_names}",
    )
    for event in Event.objects.filter(subject_type="trajectory"):
        text = json.dumps([event.before, event.after, event.reason])
        for secret in (started.resident.bsn, started.resident.given_names, started.resident.family_name):
            assert secret not in text
