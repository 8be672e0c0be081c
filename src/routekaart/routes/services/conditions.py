"""Recording a condition of a step: the UWV advice, the Dienst's decision, the parents' consent, …"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.dates import After, not_before_refuse
from ...organisations.roles import Domain
from ...residents.life_phase import age_on
from .. import selectors, workflow
from ..models import Condition, ConditionRecord, Trajectory
from ..selectors import ACTIVITY
from ..workflow import Outcome
from ._shared import _age_text, _lock, _may_record, _steps, _today


def _age_check(*, action, trajectory: Trajectory, on: date) -> None:
    age = selectors.age_in_years(trajectory.resident.birth_date, on)
    if action.max_age is not None and age >= float(action.max_age):
        raise ValidationError(
            _("Dit geldt voor wie jonger is dan %(limit)s jaar; de inwoner is op %(date)s %(age)s jaar.")
            % {
                "limit": _age_text(action.max_age),
                "date": on.strftime("%d-%m-%Y"),
                "age": age_on(trajectory.resident.birth_date, on),
            }
        )
    if action.min_age is not None and age < float(action.min_age):
        raise ValidationError(
            _("Dit geldt vanaf %(limit)s jaar; de inwoner is op %(date)s %(age)s jaar.")
            % {
                "limit": _age_text(action.min_age),
                "date": on.strftime("%d-%m-%Y"),
                "age": age_on(trajectory.resident.birth_date, on),
            }
        )
    if action.school_kind and trajectory.school_kind and action.school_kind != trajectory.school_kind:
        raise ValidationError(
            _("Dit geldt alleen voor leerlingen van het %(kind)s.") % {"kind": action.school_kind.upper()}
        )


@transaction.atomic
def condition_record(
    *,
    actor,
    trajectory: Trajectory,
    condition: str,
    outcome: str,
    recorded_on: date | None = None,
    note: str = "",
) -> ConditionRecord:
    """Record a condition of the seed: the UWV advice, the Dienst's decision, the parents' consent, …

    The step that holds it must be under way; the party that acts in its line (or the regie holder) records it;
    the line's age limits and school kind must fit the resident; the Dienst decides only on a recorded UWV advice.
    """
    on = recorded_on or _today()
    trajectory = _lock(trajectory)
    if condition in workflow.RECORDED_BY_SERVICE:
        raise ValidationError(
            {"condition": _("Dit wordt niet hier vastgelegd, maar volgt uit de route of de wachtlijst.")}
        )
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    if condition in workflow.POSITIVE_TO_CONTINUE and outcome == Outcome.RECORDED:
        raise ValidationError({"outcome": _("Kies positief of negatief.")})
    steps, progress = _steps(trajectory)
    holding = [(s, a) for s in steps.values() for a in s.actions.all() if a.condition == condition]
    if not holding:
        raise ValidationError(
            {"condition": _("Deze voorwaarde hoort niet bij route %(route)s.") % {"route": trajectory.route.name}}
        )
    step, action = holding[0]
    if progress[step.number].state not in workflow.OPEN:
        raise ValidationError(
            _("Leg dit vast terwijl stap %(number)s (%(name)s) bezig is.") % {"number": step.number, "name": step.name}
        )
    _may_record(
        actor=actor,
        trajectory=trajectory,
        step=step,
        action=action,
        organisations=selectors.trajectory_party_organisations(trajectory),
    )
    needed = workflow.RECORD_NEEDS.get(condition)
    if needed and needed not in selectors.condition_records_latest(trajectory):
        raise ValidationError(
            _("%(condition)s volgt op %(needed)s: leg dat eerst vast.")
            % {"condition": Condition(condition).label, "needed": Condition(needed).label.lower()}
        )
    if on > _today():
        raise ValidationError({"recorded_on": _("De datum ligt in de toekomst.")})
    not_before_refuse(on, "recorded_on", After(trajectory.started_on, _("de start van het traject")))
    _age_check(action=action, trajectory=trajectory, on=on)
    record = ConditionRecord.objects.create(
        trajectory=trajectory,
        step=step,
        condition=condition,
        outcome=outcome,
        recorded_on=on,
        note=(note or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="trajectory.condition_recorded",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"step": step.number, "condition": condition, "outcome": outcome, "recorded_on": on},
        purpose=ACTIVITY,
        residents=[trajectory.resident],
    )
    return record
