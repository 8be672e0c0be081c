from .network import (
    Municipality,
    Organisation,
    OrganisationKind,
    Provider,
    Region,
    School,
    ServiceOrganisation,
    Team,
)
from .staff import Affiliation, User

__all__ = [
    "Affiliation",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "Provider",
    "Region",
    "School",
    "ServiceOrganisation",
    "Team",
    "User",
]
