"""Every change in bestaanszekerheid: one transaction, one event, and the processing of personal data logged.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. Events carry
references, dates, codes and amounts of the Dienst's own decisions, never names, BSNs or free text (the event
stream is append-only and cannot be anonymised later); notes live in the tables that retention reaches.

Where things live: `benefits` (grant, the fixed coordinator's warm handover, end, cost-sharer exclusions),
`regulations` (the household's situation, applying for a regulation and its decision), `annual_reviews` (planning,
reminding and recording the yearly conversation), `financial_fitness` (the financieel-fit conversation),
`earnings` (income reports and the surplus settlement), `work_switch` (simpel switchen), `reminders` (done),
`_shared` (activities, the benefit lock). What they look up before writing is in `income.selectors`.
"""

from ._shared import ACTIVITY, CHECK_ACTIVITY
from .annual_reviews import (
    LOG_CHUNK,
    PlanReport,
    annual_review_record,
    annual_review_reminders_send,
    annual_review_unplanned_create,
    annual_reviews_plan,
)
from .benefits import (
    MIN_HANDOVER_NOTE,
    coordinator_reassign,
    cost_sharer_exclusion_record,
    social_assistance_end,
    social_assistance_grant,
)
from .changes import change_report_process, change_report_submit
from .earnings import income_report_submit
from .financial_fitness import financial_fitness_record
from .regulations import (
    SITUATION_FIELDS,
    household_situation_confirm,
    regulation_application_by_resident,
    regulation_application_start,
    regulation_use_decide,
)
from .reminders import reminder_done
from .work_switch import benefit_to_work_switch_record

__all__ = [
    "ACTIVITY",
    "CHECK_ACTIVITY",
    "LOG_CHUNK",
    "MIN_HANDOVER_NOTE",
    "SITUATION_FIELDS",
    "PlanReport",
    "annual_review_record",
    "annual_review_reminders_send",
    "annual_review_unplanned_create",
    "annual_reviews_plan",
    "benefit_to_work_switch_record",
    "change_report_process",
    "change_report_submit",
    "coordinator_reassign",
    "cost_sharer_exclusion_record",
    "financial_fitness_record",
    "household_situation_confirm",
    "income_report_submit",
    "regulation_application_by_resident",
    "regulation_application_start",
    "regulation_use_decide",
    "reminder_done",
    "social_assistance_end",
    "social_assistance_grant",
]
