"""Every change in the werkgeversdienstverlening: one transaction, one event, and a processing-log entry when a
resident's data is written.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. Events carry
references, dates, phases and codes, never names or free text (the event stream cannot be anonymised later);
events about a resident carry `"domain": "P"` so the household timeline shows them only to those who see P.

One module per aggregate: `employers` (the employer, its branches, contacts, contact moments and agreements),
`openings` (vacancies and arrangements), `profiles` (the candidate's work profile), `match_decisions` (the adviser's
decisions over a ranking), `placements` (proposal to work, checks, the hand-over to income) and `social_return`
(SROI contracts and their fulfilment); `_shared` holds the refusals and the audit call they share. Reads live in
`selectors`. Callers keep `services.<name>`.
"""

from ._shared import CENT, MIN_REASON
from .employers import (
    AddressSpec,
    agreement_record,
    branch_add,
    contact_moment_record,
    contact_person_add,
    employer_register,
)
from .match_decisions import match_decision_lift, match_decision_record
from .openings import arrangement_create, opening_close, vacancy_create
from .placements import (
    placement_check_record,
    placement_coaching_end,
    placement_coaching_start,
    placement_contract,
    placement_decline,
    placement_end,
    placement_introduce,
    placement_propose,
    placement_trial_start,
    work_start_handover_receive,
)
from .profiles import PROFILE_FIELDS, work_profile_save
from .social_return import fulfilment_value, sroi_contract_create, sroi_fulfilment_record

__all__ = [
    "CENT",
    "MIN_REASON",
    "PROFILE_FIELDS",
    "AddressSpec",
    "agreement_record",
    "arrangement_create",
    "branch_add",
    "contact_moment_record",
    "contact_person_add",
    "employer_register",
    "fulfilment_value",
    "match_decision_lift",
    "match_decision_record",
    "opening_close",
    "placement_check_record",
    "placement_coaching_end",
    "placement_coaching_start",
    "placement_contract",
    "placement_decline",
    "placement_end",
    "placement_introduce",
    "placement_propose",
    "placement_trial_start",
    "sroi_contract_create",
    "sroi_fulfilment_record",
    "vacancy_create",
    "work_profile_save",
    "work_start_handover_receive",
]
