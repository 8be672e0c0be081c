from .employers import (
    AgreementKind,
    Branch,
    ContactKind,
    ContactMoment,
    ContactOutcome,
    ContactPerson,
    Employer,
    EmployerAgreement,
    EmployerKind,
    kvk_normalise,
    validate_kvk_number,
)
from .openings import Arrangement, ArrangementTask, OpeningStatus, Vacancy
from .placements import (
    MatchDecision,
    MatchDecisionKind,
    Placement,
    PlacementCheck,
    PlacementState,
    WorkStartHandover,
)
from .profiles import CandidateProfile, ProfileStatus
from .reference import Competence, PostcodeArea, Sector, WorkRules
from .social_return import FulfilmentKind, SocialReturnContract, SocialReturnFulfilment

__all__ = [
    "AgreementKind",
    "Arrangement",
    "ArrangementTask",
    "Branch",
    "CandidateProfile",
    "Competence",
    "ContactKind",
    "ContactMoment",
    "ContactOutcome",
    "ContactPerson",
    "Employer",
    "EmployerAgreement",
    "EmployerKind",
    "FulfilmentKind",
    "MatchDecision",
    "MatchDecisionKind",
    "OpeningStatus",
    "Placement",
    "PlacementCheck",
    "PlacementState",
    "PostcodeArea",
    "ProfileStatus",
    "Sector",
    "SocialReturnContract",
    "SocialReturnFulfilment",
    "Vacancy",
    "WorkRules",
    "WorkStartHandover",
    "kvk_normalise",
    "validate_kvk_number",
]
