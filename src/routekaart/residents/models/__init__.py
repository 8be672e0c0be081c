from .authorisations import ALL_DOMAINS, Authorisation
from .households import Household, Membership, MembershipRole
from .journal import Document, Note, Visibility
from .persons import Address, District, EducationLevel, Gender, Relation, RelationKind, Resident
from .privacy import BreakGlass, Consent, Involvement, InvolvementKind

__all__ = [
    "ALL_DOMAINS",
    "Address",
    "Authorisation",
    "BreakGlass",
    "Consent",
    "District",
    "Document",
    "EducationLevel",
    "Gender",
    "Household",
    "Involvement",
    "InvolvementKind",
    "Membership",
    "MembershipRole",
    "Note",
    "Relation",
    "RelationKind",
    "Resident",
    "Visibility",
]
