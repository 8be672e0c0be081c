"""The term within which a complaint about a provider is decided (Awb chapter 9): counted in `core.complaint_terms`,
which the conduct complaints of the legal app read too; its names stay importable from here."""

from ..core.complaint_terms import (
    COMMITTEE_WEEKS,
    DECISION_WEEKS,
    EXTENSION_WEEKS,
    ComplaintTerm,
    complaint_term,
    decision_term_end,
    decision_weeks,
)

__all__ = [
    "COMMITTEE_WEEKS",
    "DECISION_WEEKS",
    "EXTENSION_WEEKS",
    "ComplaintTerm",
    "complaint_term",
    "decision_term_end",
    "decision_weeks",
]
