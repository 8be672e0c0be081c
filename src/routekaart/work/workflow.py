"""The placement lifecycle, declared once: which step may follow which. Only `services/placements.py` moves a
placement.

proposed → introduced → trial (proefplaatsing) → contracted → coaching (jobcoaching) ⇄ contracted → ended
A trial is not always needed (introduced → contracted); an introduction or trial that does not lead to work ends
as declined (before work) or ended (after a trial). The checks at 6 and 12 months run beside the states.
"""

from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models import PlacementState
from .models import PlacementState as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.INTRODUCED, S.DECLINED}),
    S.INTRODUCED: frozenset({S.TRIAL, S.CONTRACTED, S.DECLINED}),
    S.TRIAL: frozenset({S.CONTRACTED, S.ENDED}),
    S.CONTRACTED: frozenset({S.COACHING, S.ENDED}),
    S.COACHING: frozenset({S.CONTRACTED, S.ENDED}),
    S.ENDED: frozenset(),
    S.DECLINED: frozenset(),
}
# States in which the candidate holds (or is about to hold) this job: a second such placement is refused.
ACTIVE = frozenset({S.PROPOSED, S.INTRODUCED, S.TRIAL, S.CONTRACTED, S.COACHING})
WORKING = frozenset({S.CONTRACTED, S.COACHING})
FINAL = frozenset({S.ENDED, S.DECLINED})


MACHINE = StateMachine.from_targets(
    PlacementState, TRANSITIONS, message=_("Van “%(current)s” kan een plaatsing niet naar “%(target)s”.")
)


def allowed(current: str) -> frozenset[str]:
    return frozenset(MACHINE.allowed(current))


def check_transition(current: str, target: str) -> str:
    """Refuse a step that does not follow from the current state, with the Dutch names of both; return the target."""
    return MACHINE.check(current, target)
