from .households import Household, Membership, MembershipRole
from .persons import Address, District, EducationLevel, Gender, Relation, RelationKind, Resident
from .privacy import BreakGlass, Consent, Involvement, InvolvementKind

__all__ = [
    "Address",
    "BreakGlass",
    "Consent",
    "District",
    "EducationLevel",
    "Gender",
    "Household",
    "Involvement",
    "InvolvementKind",
    "Membership",
    "MembershipRole",
    "Relation",
    "RelationKind",
    "Resident",
]
