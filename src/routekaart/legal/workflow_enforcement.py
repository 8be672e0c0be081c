"""The steps of an enforcement signal and of an investigation between their states, declared once; only the
enforcement services move them. Findings, informing and hearing leave an open investigation open; closing ends it.
"""

from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models import EnforcementSignalStatus, InvestigationStatus

NEW, DISMISSED, INVESTIGATING = (
    EnforcementSignalStatus.NEW,
    EnforcementSignalStatus.DISMISSED,
    EnforcementSignalStatus.INVESTIGATING,
)
OPEN, CLOSED = InvestigationStatus.OPEN, InvestigationStatus.CLOSED

SIGNAL_MACHINE = StateMachine(
    EnforcementSignalStatus,
    {"dismiss": {NEW: DISMISSED}, "investigate": {NEW: INVESTIGATING}},
    message=_("Dit signaal is al beoordeeld."),
    field="decision",
)

INVESTIGATION_CLOSED = _("Dit onderzoek is afgerond; het kan niet meer worden gewijzigd.")
INVESTIGATION_MACHINE = StateMachine(
    InvestigationStatus,
    {"findings": {OPEN: OPEN}, "inform": {OPEN: OPEN}, "hear": {OPEN: OPEN}, "close": {OPEN: CLOSED}},
    message=INVESTIGATION_CLOSED,
)
