"""Reads that feed the werkgeversdienstverlening's pages and API, each a fixed number of queries.

One module per aggregate: `vocabulary` (the rules in force, competences, sectors, instruments), `employers` (the
list, the employer's file, the employer's own page), `openings` (vacancies, arrangements, the vacancy service),
`profiles` (work profiles and the caseload of working age), `ranking` (candidates for an opening and openings for a
candidate, each score explained), `placements` (one placement, the desk, work starts for income) and `social_return`
(SROI contracts and their progress). Callers keep `selectors.<name>`.
"""

from .employers import (
    CONTACT_HISTORY_LIMIT,
    AgreementRow,
    EmployerFile,
    EmployerPage,
    ProposedCandidate,
    agency_list,
    employer_file_get,
    employer_get,
    employer_list,
    employer_page_get,
    user_region,
)
from .openings import (
    arrangement_get,
    arrangement_list,
    job_facts,
    opening_filter,
    vacancy_get,
    vacancy_list,
    vacancy_service_list,
)
from .placements import (
    Desk,
    adviser_consented_organisation,
    adviser_involved,
    desk_get,
    placement_get,
    placement_read,
    work_start_handovers_pending,
)
from .profiles import WorkProfileView, caseload_work_profiles, work_profile_get, work_profile_of
from .ranking import (
    COMPONENT_LABELS,
    PROFILE_FACTS,
    ComponentLine,
    OpeningForCandidate,
    Pool,
    RankedCandidate,
    Ranking,
    candidate_pool,
    candidate_score,
    explanation_lines,
    match_decision_open,
    openings_for_candidate,
    ranking_get,
)
from .social_return import ContractFile, ContractProgress, sroi_contract_get, sroi_contract_list
from .vocabulary import competence_list, instrument_choices, mask_of, match_rules, rules_get, sector_list

__all__ = [
    "COMPONENT_LABELS",
    "CONTACT_HISTORY_LIMIT",
    "PROFILE_FACTS",
    "AgreementRow",
    "ComponentLine",
    "ContractFile",
    "ContractProgress",
    "Desk",
    "EmployerFile",
    "EmployerPage",
    "OpeningForCandidate",
    "Pool",
    "ProposedCandidate",
    "RankedCandidate",
    "Ranking",
    "WorkProfileView",
    "adviser_consented_organisation",
    "adviser_involved",
    "agency_list",
    "arrangement_get",
    "arrangement_list",
    "candidate_pool",
    "candidate_score",
    "caseload_work_profiles",
    "competence_list",
    "desk_get",
    "employer_file_get",
    "employer_get",
    "employer_list",
    "employer_page_get",
    "explanation_lines",
    "instrument_choices",
    "job_facts",
    "mask_of",
    "match_decision_open",
    "match_rules",
    "opening_filter",
    "openings_for_candidate",
    "placement_get",
    "placement_read",
    "ranking_get",
    "rules_get",
    "sector_list",
    "sroi_contract_get",
    "sroi_contract_list",
    "user_region",
    "vacancy_get",
    "vacancy_list",
    "vacancy_service_list",
    "work_profile_get",
    "work_profile_of",
    "work_start_handovers_pending",
]
