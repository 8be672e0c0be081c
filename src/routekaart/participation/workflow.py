"""The states of an assignment and the transitions between them, declared once; only services call `transition_check`.

proposed ──decide(granted)──► granted ──start──► active ──end──► ended
    │  └─decide(refused)──► refused                ▲
    └──────────────start (no decision needed)──────┘
proposed / granted ──cancel──► cancelled
"""

from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models import AssignmentStatus

S = AssignmentStatus

# step -> {from state: to state(s)}; a step that records something keeps the state.
TRANSITIONS: dict[str, dict[str, str | frozenset[str]]] = {
    "decide": {S.PROPOSED: frozenset({S.GRANTED, S.REFUSED})},
    "start": {S.PROPOSED: S.ACTIVE, S.GRANTED: S.ACTIVE},
    "end": {S.ACTIVE: S.ENDED},
    "cancel": {S.PROPOSED: S.CANCELLED, S.GRANTED: S.CANCELLED},
    "record_advice": {S.PROPOSED: S.PROPOSED},
    "record_expenditure": {S.GRANTED: S.GRANTED, S.ACTIVE: S.ACTIVE, S.ENDED: S.ENDED},
}

# States in which an assignment commits budget (its schedule is in the commitments).
COMMITTING = frozenset({S.GRANTED, S.ACTIVE, S.ENDED})
# States of an assignment still under way, for the team's "assignments ending" list.
OPEN = frozenset({S.PROPOSED, S.GRANTED, S.ACTIVE})

MESSAGES = {
    "decide": _("Over deze opdracht is al besloten."),
    "start": _("Deze opdracht kan niet (meer) starten."),
    "end": _("Alleen een lopende opdracht kan worden afgesloten."),
    "cancel": _("Deze opdracht loopt al of is al afgesloten; sluit haar af in plaats van haar te laten vervallen."),
    "record_advice": _("Het advies van UWV hoort vóór het besluit."),
    "record_expenditure": _("Uitgaven horen bij een toegekende, lopende of afgeronde opdracht."),
}


MACHINE = StateMachine(AssignmentStatus, TRANSITIONS, messages=MESSAGES, field="status")


def transition_check(*, action: str, status: str, target: str | None = None) -> str:
    """Refuse `action` from `status` with the Dutch message for it; return the state it leads to."""
    return MACHINE.check(status, action, target)


def allowed_actions(status: str) -> list[str]:
    return MACHINE.allowed(status)
