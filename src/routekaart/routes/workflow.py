"""States of a trajectory and of each of its steps, and the allowed transitions: declared once, checked here,
called only by services.py.

A step moves pending → current → done; a current step can be blocked (with a reason) and unblocked; a step the
seed makes conditional (`Step.optional`) can be skipped (with a reason). A step starts only when the steps the
template names in `Step.requires` are done or skipped: the template's order, unless the template allows another.
Some conditions of the seed must be on record before their step is done (`RECORD_BEFORE_DONE`); some need an
earlier record (`RECORD_NEEDS`); some must be positive to go on (`POSITIVE_TO_CONTINUE`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models.templates import Condition, Step


class TrajectoryStatus(models.TextChoices):
    ACTIVE = "active", _("Loopt")
    COMPLETED = "completed", _("Afgerond")
    SWITCHED = "switched", _("Overgestapt op een andere route")
    STOPPED = "stopped", _("Gestopt")


class StepState(models.TextChoices):
    PENDING = "pending", _("Nog niet begonnen")
    CURRENT = "current", _("Bezig")
    BLOCKED = "blocked", _("Geblokkeerd")
    DONE = "done", _("Klaar")
    SKIPPED = "skipped", _("Overgeslagen")


class Outcome(models.TextChoices):
    """What a recorded condition says: an advice or decision is positive or negative; a fact is just recorded."""

    POSITIVE = "positive", _("Positief / ja")
    NEGATIVE = "negative", _("Negatief / nee")
    RECORDED = "recorded", _("Vastgelegd")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("start", _("beginnen"), frozenset({StepState.PENDING}), StepState.CURRENT),
        Transition("complete", _("afronden"), frozenset({StepState.CURRENT}), StepState.DONE),
        Transition("block", _("blokkeren"), frozenset({StepState.CURRENT}), StepState.BLOCKED, needs_reason=True),
        Transition("unblock", _("deblokkeren"), frozenset({StepState.BLOCKED}), StepState.CURRENT),
        Transition(
            "skip",
            _("overslaan"),
            frozenset({StepState.PENDING, StepState.CURRENT}),
            StepState.SKIPPED,
            needs_reason=True,
        ),
    )
}
# The steps' machine: the transitions above, and the waitlist's own completion of the waiting step when a place is
# offered (also from blocked; a service step, not offered to users).
STEP_MACHINE = StateMachine(
    StepState,
    {
        **{t.name: dict.fromkeys(t.sources, t.target) for t in TRANSITIONS.values()},
        "place_offered": {StepState.CURRENT: StepState.DONE, StepState.BLOCKED: StepState.DONE},
    },
    message=_("Stap %(number)s (%(name)s) is %(state)s en kan niet %(action)s."),
)
# A trajectory ends once: completed, switched to another route, or stopped.
TRAJECTORY_MACHINE = StateMachine.from_targets(
    TrajectoryStatus,
    {TrajectoryStatus.ACTIVE: (TrajectoryStatus.COMPLETED, TrajectoryStatus.SWITCHED, TrajectoryStatus.STOPPED)},
    message=_("Dit traject is %(state)s; er verandert niets meer."),
)
FINISHED = frozenset({StepState.DONE, StepState.SKIPPED})
OPEN = frozenset({StepState.CURRENT, StepState.BLOCKED})

# Conditions that must be on record before the step that holds them is done.
RECORD_BEFORE_DONE = frozenset(
    {
        Condition.UWV_WORK_CAPACITY_ASSESSMENT,
        Condition.UWV_ADVICE,
        Condition.DIENST_DECISION,
        Condition.TARGET_GROUP_REGISTER,
        Condition.WARM_HANDOVER_WITH_PARENTAL_CONSENT,
        Condition.YOUTH_CARE_INDICATION_BEFORE_18,
        Condition.PLACE_OFFERED,
    }
)
# A condition that may be recorded only after another one is (the Dienst decides on the UWV advice).
RECORD_NEEDS = {Condition.DIENST_DECISION: Condition.UWV_ADVICE}
# Conditions whose latest record must be positive before their step is done.
POSITIVE_TO_CONTINUE = frozenset(
    {Condition.DIENST_DECISION, Condition.WARM_HANDOVER_WITH_PARENTAL_CONSENT, Condition.UWV_ADVICE}
)
# Conditions not recorded by hand: the waitlist's own service places and offers, the waitlist entry says what the
# resident gets meanwhile, the quota is data, regie passes by the route, the switch to route Werk is an action of
# its own, and the aftercare term follows from the step that names it.
RECORDED_BY_SERVICE = frozenset(
    {
        Condition.PLACE_OFFERED,
        Condition.WAITLIST,
        Condition.SOCIAL_ASSISTANCE_WHILE_WAITING,
        Condition.DAY_ACTIVITIES_WHILE_WAITING,
        Condition.NATIONAL_QUOTA,
        Condition.OWN_REGIE,
        Condition.HANDOVER_TO_ROUTE_WORK,
        Condition.AFTERCARE_TWO_YEARS,
        Condition.EXIT_MONITOR_AFTER_ONE_YEAR,
    }
)


def transition_get(name: str) -> Transition:
    if name not in TRANSITIONS:
        raise ValidationError({"transition": gettext("Deze stapwijziging bestaat niet.")})
    return TRANSITIONS[name]


def transition_check(*, step: Step, state: str, transition: Transition | str, reason: str = "") -> str:
    """Refuse a transition the state machine does not allow, with the reason in Dutch; return the state it leads
    to. `transition` is one of TRANSITIONS or a service step of STEP_MACHINE."""
    name = transition if isinstance(transition, str) else transition.name
    label = TRANSITIONS[name].label if name in TRANSITIONS else name
    target = STEP_MACHINE.check(
        state, name, number=step.number, name=step.name, state=StepState(state).label.lower(), action=label
    )
    if name == "skip" and not step.optional:
        raise ValidationError(
            gettext("Stap %(number)s (%(name)s) is geen voorwaardelijke stap en kan niet worden overgeslagen.")
            % {"number": step.number, "name": step.name}
        )
    if name in TRANSITIONS and TRANSITIONS[name].needs_reason and not reason.strip():
        raise ValidationError({"reason": gettext("Geef een reden op.")})
    return target


def trajectory_end(status: str, target: str) -> str:
    """The state a trajectory ends in; refused (in Dutch) when it has already ended."""
    return TRAJECTORY_MACHINE.check(status, target, state=TrajectoryStatus(status).label.lower())


def predecessors_check(*, step: Step, states: dict[int, str], steps_by_number: dict[int, Step]) -> None:
    """A step starts only when the steps it requires are done or skipped."""
    missing = [number for number in step.requires if states.get(number) not in FINISHED]
    if missing:
        names = ", ".join(f"{n} ({steps_by_number[n].name})" for n in missing)
        raise ValidationError(
            gettext("Stap %(number)s (%(name)s) kan pas beginnen als stap %(missing)s klaar is.")
            % {"number": step.number, "name": step.name, "missing": names}
        )


def records_check(*, step: Step, latest: dict[str, str], applies) -> None:
    """Before a step is done, the conditions it holds that need a record have one, and positive where it counts.

    `latest` maps a condition code to the outcome of its latest record in this trajectory; `applies(action)` says
    whether a line holds for this resident (its age limits and school kind): "jeugdhulp vóór 18" is not asked of an
    18-year-old, who applies for Wmo or Wlz instead.
    """
    for action in step.actions.all():
        condition = action.condition
        if condition not in RECORD_BEFORE_DONE or not applies(action):
            continue
        label = Condition(condition).label
        if condition not in latest:
            raise ValidationError(
                gettext("Leg eerst vast: %(condition)s (stap %(number)s).")
                % {"condition": label, "number": step.number}
            )
        if condition in POSITIVE_TO_CONTINUE and latest[condition] == Outcome.NEGATIVE:
            raise ValidationError(
                gettext(
                    "%(condition)s is negatief: deze route gaat hier niet verder. "
                    "Kies een andere route of stop het traject."
                )
                % {"condition": label}
            )
