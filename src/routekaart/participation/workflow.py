"""The states of an assignment and the transitions between them, declared once; only services call `transition_check`.

proposed ──decide(granted)──► granted ──start──► active ──end──► ended
    │  └─decide(refused)──► refused                ▲
    └──────────────start (no decision needed)──────┘
proposed / granted ──cancel──► cancelled
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AssignmentStatus

S = AssignmentStatus

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    "decide": {"from": frozenset({S.PROPOSED})},
    "start": {"from": frozenset({S.PROPOSED, S.GRANTED})},
    "end": {"from": frozenset({S.ACTIVE})},
    "cancel": {"from": frozenset({S.PROPOSED, S.GRANTED})},
    "record_advice": {"from": frozenset({S.PROPOSED})},
    "record_expenditure": {"from": frozenset({S.GRANTED, S.ACTIVE, S.ENDED})},
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


def transition_check(*, action: str, status: str) -> None:
    """Refuse `action` from `status` with the Dutch message for it."""
    if status not in TRANSITIONS[action]["from"]:
        raise ValidationError({"status": MESSAGES[action]})


def allowed_actions(status: str) -> list[str]:
    return [action for action, rule in TRANSITIONS.items() if status in rule["from"]]
