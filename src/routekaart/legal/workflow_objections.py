"""The steps an objection may take between its states, declared once (core.workflow.StateMachine).

received → acknowledged → informal → hearing → heard → advised (only with a committee) → decided; withdrawn from
any open state; the hearing waived (Awb 7:3) from received, acknowledged or informal (→ heard); a hearing planned
again while one is planned; an inadmissible objection decided from any open state (Awb 7:3 sub a: no hearing
needed). Steps that change nothing of the status (extend, postpone, complete, judge lateness, assign) run in every
open state.
"""

from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models import OPEN_OBJECTION_STATUSES, ObjectionStatus

OPEN = tuple(OPEN_OBJECTION_STATUSES)
BEFORE_HEARING = ("received", "acknowledged", "informal")

OBJECTION = StateMachine(
    ObjectionStatus,
    {
        "acknowledge": {"received": "acknowledged"},
        "informal": {"received": "informal", "acknowledged": "informal"},
        "informal_resolved": {state: "withdrawn" for state in BEFORE_HEARING},
        "hearing_plan": {"acknowledged": "hearing", "informal": "hearing", "hearing": "hearing"},
        "hearing_record": {"hearing": "heard"},
        "hearing_waive": {state: "heard" for state in BEFORE_HEARING},
        "advise": {"heard": "advised"},
        "decide": {"heard": "decided", "advised": "decided"},
        "decide_inadmissible": {state: "decided" for state in OPEN},
        "withdraw": {state: "withdrawn" for state in OPEN},
        "keep": {state: state for state in OPEN},
    },
    messages={
        "acknowledge": _("De ontvangst is al bevestigd of het bezwaar is gesloten (nu: “%(current)s”)."),
        "hearing_plan": _("Bevestig eerst de ontvangst van het bezwaar (Awb 6:14); nu: “%(current)s”."),
        "hearing_record": _("Plan eerst een hoorzitting; nu: “%(current)s”."),
        "hearing_waive": _("Afzien van horen kan alleen vóór de hoorzitting; nu: “%(current)s”."),
        "advise": _("De commissie adviseert na het horen; nu: “%(current)s”."),
        "decide": _("Hoor eerst de indiener of leg vast waarom u daarvan afziet (Awb 7:2, 7:3); nu: “%(current)s”."),
        "keep": _("Dit bezwaar is gesloten (“%(current)s”)."),
        "withdraw": _("Dit bezwaar is al gesloten (“%(current)s”)."),
        "decide_inadmissible": _("Dit bezwaar is al gesloten (“%(current)s”)."),
        "informal": _("Informeel contact past alleen vóór de hoorzitting; nu: “%(current)s”."),
        "informal_resolved": _("Informeel contact past alleen vóór de hoorzitting; nu: “%(current)s”."),
    },
    field="status",
)
