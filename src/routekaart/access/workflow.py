"""The states of a case and the steps allowed in each, declared once; only services call `transition`.

A step that leaves the state as it is maps to the same state (a second intake, a revised plan). Anything not
listed is refused with a Dutch message that says what has to happen first.
"""

from django.utils.translation import gettext_lazy as _

from ..core.workflow import StateMachine
from .models import AgreementStatus, Case, CaseStatus, PlanStatus

R, INT, A, P, C = (
    CaseStatus.REGISTERED,
    CaseStatus.INTAKE,
    CaseStatus.ASSESSMENT,
    CaseStatus.PLANNED,
    CaseStatus.CLOSED,
)

# step -> {from state: to state}
TRANSITIONS: dict[str, dict[str, str]] = {
    "signal_join": {R: R, INT: INT, A: A, P: P},
    "reopen": {C: R},
    "intake_record": {R: INT, INT: INT, A: A, P: P},
    "gatekeeping_continue": {INT: A},
    "gatekeeping_refer_back": {INT: C},
    "assessment_record": {A: A, P: P},
    "plan_draft": {A: A, P: P},
    "plan_activate": {A: P, P: P},
    "agreement_change": {A: A, P: P},
    "decision_record": {P: P},
    "urgent_decision_record": {R: R, INT: INT, A: A, P: P},
    "review_record": {P: P},
    "coordinator_transfer": {R: R, INT: INT, A: A, P: P},
    "process_coordinator_appoint": {R: R, INT: INT, A: A, P: P},
    "deadline_change": {R: R, INT: INT, A: A, P: P},
    "close": {R: C, INT: C, A: C, P: C},
}

# What must happen first, per step, when the state does not allow it.
REFUSALS = {
    "intake_record": _("Deze casus is afgesloten; een nieuw signaal heropent hem."),
    "gatekeeping_continue": _("De poortwachter beslist na de intake, en één keer per casus."),
    "gatekeeping_refer_back": _("De poortwachter beslist na de intake, en één keer per casus."),
    "assessment_record": _("Het vraaggestuurd onderzoek begint nadat de poortwachter heeft besloten door te gaan."),
    "plan_draft": _("Het plan van aanpak volgt op het besluit van de poortwachter om door te gaan."),
    "plan_activate": _("Het plan van aanpak volgt op het besluit van de poortwachter om door te gaan."),
    "agreement_change": _("Afspraken horen bij een plan van aanpak van een open casus."),
    "decision_record": _(
        "Een beschikking vraagt om een actief plan van aanpak, behalve spoedhulp na een melding bij AMHK/Crisis."
    ),
    "review_record": _("Een evaluatie hoort bij een actief plan van aanpak."),
    "close": _("Deze casus is al afgesloten."),
}
DEFAULT_REFUSAL = _("Deze casus is afgesloten.")

MACHINE = StateMachine(CaseStatus, TRANSITIONS, messages=REFUSALS, message=DEFAULT_REFUSAL)

# A plan version: a draft becomes the active one, which a newer activated version supersedes; closing the case
# closes the draft and the active version. A superseded or closed version does not change any more.
PLAN_MACHINE = StateMachine(
    PlanStatus,
    {
        "activate": {PlanStatus.DRAFT: PlanStatus.ACTIVE},
        "supersede": {PlanStatus.ACTIVE: PlanStatus.SUPERSEDED},
        "close": {PlanStatus.DRAFT: PlanStatus.CLOSED, PlanStatus.ACTIVE: PlanStatus.CLOSED},
    },
    messages={"activate": _("Alleen een concept kan actief worden.")},
    message=_("Deze versie van het plan is vervangen of afgesloten en verandert niet meer."),
    field="plan",
)

# An agreement: procesregie marks it done or cancelled, or open again; each step goes to another status.
AGREEMENT_MACHINE = StateMachine.from_targets(
    AgreementStatus,
    {state: [other for other in AgreementStatus.values if other != state] for state in AgreementStatus.values},
    message=_("De afspraak heeft deze status al."),
    field="status",
)

NEXT_ACTION = {
    R: _("Intake houden"),
    INT: _("Poortwachter: doorgaan of terugverwijzen"),
    A: _("Onderzoek afronden en plan van aanpak maken"),
    P: _("Procesregie: afspraken en beschikkingen volgen"),
    C: _("Geen: afgesloten"),
}
NEXT_ACTION_OVERDUE = _("Afspraken met achterstand nalopen")
NEXT_ACTION_REVIEW = _("Evaluatie plannen")


def allowed(case: Case, step: str) -> bool:
    return MACHINE.can(case.status, step)


def refusal(case: Case, step: str) -> str:
    """What must happen first, for a form that shows the refusal beside its field."""
    return MACHINE.refusal(case.status, step)


def transition(case: Case, step: str) -> str:
    """Move `case` by `step` (not saved) and return the new state; refuse with a Dutch message if not allowed."""
    case.status = MACHINE.check(case.status, step)
    return case.status
