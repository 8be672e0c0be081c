"""Every step of the integrale toegang: one transaction, one event, one processing-log entry per step.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. The household's
access check is the caller's (views and API ask it before they call a service). Events carry references, codes,
dates and the law domain, never names, BSNs or free text: the event stream is append-only and cannot be
anonymised later, so what people said stays in this app's tables, where retention can reach it.

Where things live: `cases` (a signal opens, joins or reopens the case; closing it), `intake` (the broad intake and
the poortwachter), `assessment` (vraaggestuurd onderzoek, specialist advice), `plans` (plan versions and their
agreements), `decisions` (beschikkingen and their provisions; the letter is `access.letters`), `deadlines`
(statutory deadlines opened, met, lapsed, extended or suspended), `coordination` (warm handover, procesregisseur),
`reviews` (the periodic review), `_shared` (today, the case lock, date and score checks). The read-only lookups
(the policy, the catalogue's building blocks a step may name, clusters in force) are in `access.selectors` and
re-exported here under their old names.
"""

from ..models import ResidentMessageKind  # the kinds a caller names (the portal imports no models)
from ..selectors import (
    clusters_in_force,
    general_provisions_queryset,
    policy_get,
    tailored_provisions_queryset,
)
from ._shared import _scores_check
from .assessment import assessment_record, specialist_advice_receive, specialist_advice_request
from .cases import case_close, signal_receive
from .coordination import MIN_HANDOVER_NOTE, coordinator_transfer, process_coordinator_appoint
from .deadlines import MANUAL_MET_BY, PLAN_REVIEW, YOUTH_SEARCH_PERIOD, _term_end, deadline_change, deadline_meet
from .decisions import DecisionResult, Place, ProvisionSpec, decision_record, household_place
from .intake import gatekeeping_record, intake_record
from .messages import resident_message_answer, resident_message_send
from .plans import (
    AgreementSpec,
    GoalSpec,
    agreement_add,
    agreement_done_by_resident,
    agreement_status_set,
    plan_activate,
    plan_draft,
)
from .provisions import provision_change, provision_end
from .reviews import review_record

__all__ = [
    "MANUAL_MET_BY",
    "MIN_HANDOVER_NOTE",
    "PLAN_REVIEW",
    "YOUTH_SEARCH_PERIOD",
    "AgreementSpec",
    "DecisionResult",
    "GoalSpec",
    "Place",
    "ProvisionSpec",
    "ResidentMessageKind",
    "_scores_check",
    "_term_end",
    "agreement_add",
    "agreement_done_by_resident",
    "agreement_status_set",
    "assessment_record",
    "case_close",
    "clusters_in_force",
    "coordinator_transfer",
    "deadline_change",
    "deadline_meet",
    "decision_record",
    "gatekeeping_record",
    "general_provisions_queryset",
    "household_place",
    "intake_record",
    "plan_activate",
    "plan_draft",
    "policy_get",
    "process_coordinator_appoint",
    "provision_change",
    "provision_end",
    "resident_message_answer",
    "resident_message_send",
    "review_record",
    "signal_receive",
    "specialist_advice_receive",
    "specialist_advice_request",
    "tailored_provisions_queryset",
]
