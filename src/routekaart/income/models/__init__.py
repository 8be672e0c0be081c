from .benefits import (
    CoordinatorHandover,
    CostSharerExclusion,
    CostSharerExclusionReason,
    HouseholdKind,
    SocialAssistance,
    WorkObligation,
)
from .changes import ChangeKind, ChangeReport, ChangeStatus
from .configuration import NormVersion, PracticeConfiguration, Regulation
from .earnings import BenefitToWorkSwitch, IncomeReport, ReportSource, SurplusSettlement
from .regulations import EntitlementCheckRun, NonTakeUp, RegulationUse, UseStatus
from .reviews import (
    AnnualReview,
    Audience,
    ContactMode,
    Debts,
    FinancialFitnessReview,
    HouseholdSituation,
    MakesEndsMeet,
    Reminder,
    ReminderKind,
    ReviewStatus,
)

__all__ = [
    "AnnualReview",
    "Audience",
    "BenefitToWorkSwitch",
    "ChangeKind",
    "ChangeReport",
    "ChangeStatus",
    "ContactMode",
    "CoordinatorHandover",
    "CostSharerExclusion",
    "CostSharerExclusionReason",
    "Debts",
    "EntitlementCheckRun",
    "FinancialFitnessReview",
    "HouseholdKind",
    "HouseholdSituation",
    "IncomeReport",
    "MakesEndsMeet",
    "NonTakeUp",
    "NormVersion",
    "PracticeConfiguration",
    "Regulation",
    "RegulationUse",
    "Reminder",
    "ReminderKind",
    "ReportSource",
    "ReviewStatus",
    "SocialAssistance",
    "SurplusSettlement",
    "UseStatus",
    "WorkObligation",
]
