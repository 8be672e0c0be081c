"""Moving a step through its state machine (workflow.py) and agreeing by when it is done."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from .. import selectors, workflow
from ..models import Condition, StepProgress, Trajectory
from ..selectors import ACTIVITY
from ._progress import _finish_if_done, _next_startable, _start_step
from ._shared import _lock, _may_act, _steps, _today


@transaction.atomic
def step_transition(
    *,
    actor,
    trajectory: Trajectory,
    number: int,
    transition: str,
    reason: str = "",
    outcome: str = "",
    on: date | None = None,
) -> StepProgress:
    """Move one step through the state machine of workflow.py; the next step starts when its predecessors are done."""
    on = on or _today()
    trajectory = _lock(trajectory)
    move = workflow.transition_get(transition)
    steps, progress = _steps(trajectory)
    if number not in progress:
        raise ValidationError(
            _("Route %(route)s heeft geen stap %(number)s.") % {"route": trajectory.route.name, "number": number}
        )
    current = progress[number]
    step = current.step
    organisations = selectors.trajectory_party_organisations(trajectory)
    _may_act(actor=actor, trajectory=trajectory, parties=step.parties, organisations=organisations, regie=True)
    target = workflow.transition_check(step=step, state=current.state, transition=move, reason=reason)
    if move.name == "start":
        workflow.predecessors_check(step=step, states={n: p.state for n, p in progress.items()}, steps_by_number=steps)
        busy = [p.step for p in progress.values() if p.state in workflow.OPEN]
        if busy:
            raise ValidationError(
                _("Stap %(number)s (%(name)s) is nog bezig; rond die eerst af of sla die over.")
                % {"number": busy[0].number, "name": busy[0].name}
            )
    if move.name == "complete":
        if Condition.WAITLIST in step.conditions:
            raise ValidationError(
                _("Deze stap is klaar zodra het beschut-werkbedrijf een plek aanbiedt: leg dat vast bij de wachtlijst.")
            )
        workflow.records_check(
            step=step,
            latest=selectors.condition_records_latest(trajectory),
            applies=lambda action: selectors.action_applies(action, trajectory, on),
        )
    before = {"step": number, "state": current.state}
    if move.name == "start":
        _start_step(actor=actor, trajectory=trajectory, progress=current, on=on, organisations=organisations)
    else:
        current.state = target
        if target in workflow.FINISHED:
            current.finished_on = on
        if move.name == "complete":
            current.outcome = (outcome or "").strip()
        if move.name == "block":
            current.blocked_reason = reason.strip()
        if move.name == "unblock":
            current.blocked_reason = ""
        if move.name == "skip":
            current.skipped_reason = reason.strip()
        current.save()
    audit.action_record(
        actor=actor,
        action=f"trajectory.step_{move.name}",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"step": number, "state": current.state},
        purpose=ACTIVITY,
        residents=[trajectory.resident],
    )
    if move.target in workflow.FINISHED:
        if trajectory.current_step_id == step.pk:
            trajectory.current_step = None
            trajectory.save(update_fields=["current_step"])
        following = _next_startable(steps, progress)
        if following is not None and not any(p.state in workflow.OPEN for p in progress.values()):
            _start_step(actor=actor, trajectory=trajectory, progress=following, on=on, organisations=organisations)
            audit.action_record(
                actor=actor,
                action="trajectory.step_start",
                subject=trajectory,
                household_id=trajectory.household_id,
                domain=Domain.GENERAL,
                after={"step": following.step.number, "state": following.state},
            )
        _finish_if_done(actor=actor, trajectory=trajectory, progress=progress, on=on)
    return current


@transaction.atomic
def step_due_set(*, actor, trajectory: Trajectory, number: int, due_on: date | None) -> StepProgress:
    """The regie holder agrees by when a step is done; the dashboards show it as overdue after that."""
    trajectory = _lock(trajectory)
    if trajectory.regie_organisation_id not in selectors.actor_organisations(actor):
        raise ValidationError(
            _("Alleen de regiehouder (%(regie)s) spreekt termijnen af.") % {"regie": trajectory.regie_party.name}
        )
    progress = StepProgress.objects.select_related("step").filter(trajectory=trajectory, step__number=number).first()
    if progress is None:
        raise ValidationError(
            _("Route %(route)s heeft geen stap %(number)s.") % {"route": trajectory.route.name, "number": number}
        )
    if progress.state in workflow.FINISHED:
        raise ValidationError(_("Stap %(number)s is al klaar.") % {"number": number})
    if due_on is not None and due_on < trajectory.started_on:
        raise ValidationError({"due_on": _("De termijn ligt vóór de start van het traject.")})
    before = {"step": number, "due_on": progress.due_on}
    progress.due_on = due_on
    progress.save(update_fields=["due_on"])
    audit.action_record(
        actor=actor,
        action="trajectory.step_due_set",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"step": number, "due_on": due_on},
    )
    return progress
