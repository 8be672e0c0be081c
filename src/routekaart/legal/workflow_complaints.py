"""The steps of a conduct complaint (Awb chapter 9) between its states, declared once; only its services move it.

Informal resolution (Awb 9:5) closes a complaint from any open state as decided; extending (9:11 lid 2) leaves
the state as it is. What is not listed is refused with a Dutch message saying what has to happen first.
"""

from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models import StaffComplaintStatus

R, ACK, H, D, W = (
    StaffComplaintStatus.RECEIVED,
    StaffComplaintStatus.ACKNOWLEDGED,
    StaffComplaintStatus.HEARD,
    StaffComplaintStatus.DECIDED,
    StaffComplaintStatus.WITHDRAWN,
)

TRANSITIONS: dict[str, dict[str, str]] = {
    "acknowledge": {R: ACK},
    "resolve": {R: D, ACK: D, H: D},
    "hear": {ACK: H},
    "extend": {R: R, ACK: ACK, H: H},
    "decide": {H: D},
    "withdraw": {R: W, ACK: W, H: W},
}

CLOSED = _("Deze klacht is al afgehandeld of ingetrokken.")
REFUSALS = {
    "acknowledge": _("De ontvangst van deze klacht is al bevestigd of de klacht is gesloten."),
    "resolve": CLOSED,
    "hear": _(
        "Bevestig eerst de ontvangst van de klacht (Awb 9:6); een gehoorde of gesloten klacht hoort u niet opnieuw."
    ),
    "extend": _("Deze klacht is gesloten; verdagen kan niet meer."),
    "decide": _("Hoor eerst de klager, of leg vast waarom u daarvan afziet (Awb 9:10)."),
    "withdraw": CLOSED,
}

MACHINE = StateMachine(StaffComplaintStatus, TRANSITIONS, messages=REFUSALS, message=CLOSED)
