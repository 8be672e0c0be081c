from .blueprint import (
    BLOCK_DOMAINS,
    DOMAIN_COMBINATIONS,
    BuildingBlock,
    BuildingBlockVersion,
    Cluster,
    Zone,
    ZoneCode,
    ZoneColour,
    domains_as_text,
)
from .configuration import ConfigurationVersion
from .participation import Destination, InstrumentKind, LifePhase, PolicyInstrument
from .steering import (
    ClusterAssignment,
    Duty,
    Holder,
    RegionPreset,
    Scale,
    SteeringAssignment,
    SteeringMode,
    SteeringStatus,
)

__all__ = [
    "BLOCK_DOMAINS",
    "DOMAIN_COMBINATIONS",
    "BuildingBlock",
    "BuildingBlockVersion",
    "Cluster",
    "ClusterAssignment",
    "ConfigurationVersion",
    "Destination",
    "Duty",
    "Holder",
    "InstrumentKind",
    "LifePhase",
    "PolicyInstrument",
    "RegionPreset",
    "Scale",
    "SteeringAssignment",
    "SteeringMode",
    "SteeringStatus",
    "Zone",
    "ZoneCode",
    "ZoneColour",
    "domains_as_text",
]
