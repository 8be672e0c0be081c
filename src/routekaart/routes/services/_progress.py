"""What happens as steps start and finish: parties involved, regie moved where a step says, a place on the
sheltered-work waitlist, and the trajectory completed with its aftercare term. Private to the services package."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation
from ...organisations.roles import Domain
from ...residents import services as resident_services
from ...residents.models import Involvement, InvolvementKind
from .. import workflow
from ..models import Condition, ConditionRecord, Step, StepProgress, Trajectory, WaitlistEntry
from ..workflow import Outcome, StepState, TrajectoryStatus
from ._shared import _involve
from .handovers import _regie_move

AFTERCARE_CONDITIONS = (Condition.AFTERCARE_TWO_YEARS, Condition.EXIT_MONITOR_AFTER_ONE_YEAR)


def _start_step(*, actor, trajectory: Trajectory, progress: StepProgress, on: date, organisations) -> None:
    progress.state = workflow.transition_check(step=progress.step, state=progress.state, transition="start")
    progress.started_on = on
    progress.save(update_fields=["state", "started_on"])
    trajectory.current_step = progress.step
    trajectory.save(update_fields=["current_step"])
    step = progress.step
    for party in step.parties:
        if party.code in organisations:
            _involve(actor=actor, trajectory=trajectory, organisation=organisations[party.code], party=party, on=on)
    if step.regie_id and step.regie_id != trajectory.regie_party_id:
        _regie_move(
            actor=actor,
            trajectory=trajectory,
            to_party=step.regie,
            to_organisation=organisations.get(step.regie.code),
            step=step,
            reason="route",
        )
    if Condition.WAITLIST in step.conditions:
        _waitlist_place(actor=actor, trajectory=trajectory, on=on)


def _next_startable(steps: dict[int, Step], progress: dict[int, StepProgress]) -> StepProgress | None:
    states = {number: p.state for number, p in progress.items()}
    for number in sorted(steps):
        p = progress[number]
        if p.state == StepState.PENDING and all(states.get(n) in workflow.FINISHED for n in steps[number].requires):
            return p
    return None


def _finish_if_done(*, actor, trajectory: Trajectory, progress: dict[int, StepProgress], on: date) -> None:
    if any(p.state not in workflow.FINISHED for p in progress.values()):
        return
    trajectory.status = workflow.trajectory_end(trajectory.status, TrajectoryStatus.COMPLETED)
    trajectory.ended_on = on
    trajectory.current_step = None
    trajectory.aftercare_until = _aftercare_until(trajectory, progress)
    trajectory.save(update_fields=["status", "ended_on", "current_step", "aftercare_until"])
    audit.action_record(
        actor=actor,
        action="trajectory.completed",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"status": trajectory.status, "ended_on": on, "aftercare_until": trajectory.aftercare_until},
    )
    if trajectory.aftercare_until and trajectory.school_id:
        _school_aftercare_limit(actor=actor, trajectory=trajectory)


def _aftercare_until(trajectory: Trajectory, progress: dict[int, StepProgress]) -> date | None:
    """The school's aftercare runs from the step that names it, for the route's term (two years in seed 004)."""
    if not trajectory.route.aftercare_months:
        return None
    for p in progress.values():
        if any(c in AFTERCARE_CONDITIONS for c in p.step.conditions) and p.finished_on:
            return p.finished_on + relativedelta(months=trajectory.route.aftercare_months)
    return None


def _school_aftercare_limit(*, actor, trajectory: Trajectory) -> None:
    """After the hand-over the school sees its former pupil only for the aftercare term: its involvement ends then."""
    open_ended = Involvement.objects.filter(
        household_id=trajectory.household_id, organisation_id=trajectory.school_id, kind=InvolvementKind.SCHOOL_PUPIL
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=trajectory.aftercare_until))
    for involvement in open_ended:
        resident_services.involvement_end(actor=actor, involvement=involvement, valid_to=trajectory.aftercare_until)


def _municipality_of(trajectory: Trajectory) -> Organisation | None:
    address = trajectory.resident.address
    if address is not None and address.district_id:
        return address.district.municipality
    if trajectory.school_id and trajectory.school.municipality_id:
        return trajectory.school.municipality
    return None


def _waitlist_place(*, actor, trajectory: Trajectory, on: date) -> WaitlistEntry:
    decision = (
        ConditionRecord.objects.filter(
            trajectory=trajectory, condition=Condition.DIENST_DECISION, outcome=Outcome.POSITIVE
        )
        .order_by("-recorded_on", "-id")
        .first()
    )
    if decision is None:
        raise ValidationError(_("Op de wachtlijst komt alleen wie een positief besluit van de Dienst heeft."))
    municipality = _municipality_of(trajectory)
    if municipality is None:
        raise ValidationError(
            _("Leg eerst de gemeente van de inwoner vast (adres in een wijk): de wachtlijst is per gemeente.")
        )
    entry = WaitlistEntry.objects.create(
        trajectory=trajectory, municipality=municipality, indication_date=decision.recorded_on, placed_on=on
    )
    audit.action_record(
        actor=actor,
        action="trajectory.waitlist_placed",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"municipality": municipality.code, "indication_date": decision.recorded_on, "placed_on": on},
    )
    return entry
