"""Every change to a resident's participation: one transaction, one event, one processing-log entry.

Bad input raises Django's ValidationError with Dutch messages per field, all problems at once, and nothing is
saved. The rules that are numbers (durations, the wage-subsidy formula, reassessment intervals) come from the
configuration (data/*.yaml); the checks here only read them. Events carry codes, dates and amounts, never names or
free text, and say `domain: P` so the household timeline shows them to those who may see Participatiewet data.

Views call the access check (`residents.access`) before they call a service, as the residents app does.

Where things live: `distance` (distance assessments and wage value), `register` (target-group register and
exemptions), `assignments` (an instrument for a resident, from proposal to end), `budgets` (commitments,
expenditures, budgets), `_shared` (field errors, the assignment lock). The read-only lookups (register status,
exemptions) are in `participation.selectors` and re-exported here under their old names.
"""

from ..selectors import ACTIVITY, exemption_ground_name, register_status_on
from ._shared import MAX_HOURS_PER_WEEK, MIN_ADDITIONALITY_REASON
from .assignments import (
    assignment_cancel,
    assignment_decide,
    assignment_end,
    assignment_propose,
    assignment_start,
    assignment_uwv_advice_record,
    duration_message,
)
from .budgets import budget_set, expenditure_record
from .distance import distance_assess, wage_value_determine
from .register import exemption_grant, target_group_register_record

__all__ = [
    "ACTIVITY",
    "MAX_HOURS_PER_WEEK",
    "MIN_ADDITIONALITY_REASON",
    "assignment_cancel",
    "assignment_decide",
    "assignment_end",
    "assignment_propose",
    "assignment_start",
    "assignment_uwv_advice_record",
    "budget_set",
    "distance_assess",
    "duration_message",
    "exemption_grant",
    "exemption_ground_name",
    "expenditure_record",
    "register_status_on",
    "target_group_register_record",
    "wage_value_determine",
]
