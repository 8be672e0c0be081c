"""Queries that feed the catalog's pages and API, always "as of" a date so the past stays readable.

Each selector runs a fixed number of queries whatever the size of the catalog: the current version of every
building block (or steering assignment) is picked by one correlated subquery, not per row.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from ..organisations.models import Organisation, OrganisationKind
from .models import (
    BuildingBlock,
    BuildingBlockVersion,
    Cluster,
    ClusterAssignment,
    ConfigurationVersion,
    Destination,
    LifePhase,
    PolicyInstrument,
    RegionPreset,
    SteeringAssignment,
    Zone,
    ZoneCode,
)

# The seed's picture: voorveld (green) | toegang (yellow) | beheer above maatwerk (both blue).
BLUEPRINT_COLUMNS = [[ZoneCode.FRONT], [ZoneCode.ACCESS], [ZoneCode.MANAGEMENT, ZoneCode.TAILORED]]


def _as_of(as_of: date | None) -> date:
    return as_of or timezone.localdate()


def zone_list() -> QuerySet[Zone]:
    return Zone.objects.order_by("order")


def cluster_list(*, zone: str | None = None) -> QuerySet[Cluster]:
    clusters = Cluster.objects.select_related("zone").order_by("zone__order", "order")
    return clusters.filter(zone__code=zone) if zone else clusters


def cluster_get(*, code: str) -> Cluster:
    cluster = Cluster.objects.select_related("zone").filter(code=code).first()
    if cluster is None:
        raise Http404(code)
    return cluster


def building_block_version_list(
    *,
    as_of: date | None = None,
    zone: str | None = None,
    cluster: str | None = None,
    domain: str | None = None,
) -> QuerySet[BuildingBlockVersion]:
    """The version of each building block that holds on `as_of` (today by default), in the seed's order."""
    as_of = _as_of(as_of)
    current = (
        BuildingBlockVersion.objects.filter(building_block=OuterRef("building_block"), effective_from__lte=as_of)
        .order_by("-effective_from", "-number")
        .values("pk")[:1]
    )
    versions = (
        BuildingBlockVersion.objects.filter(effective_from__lte=as_of, pk=Subquery(current), is_active=True)
        .select_related("building_block__cluster__zone")
        .order_by("building_block__cluster__zone__order", "building_block__cluster__order", "building_block__order")
    )
    if zone:
        versions = versions.filter(building_block__cluster__zone__code=zone)
    if cluster:
        versions = versions.filter(building_block__cluster__code=cluster)
    if domain:
        versions = versions.filter(domains__contains=domain)
    return versions


def building_block_version_get(*, key: str, as_of: date | None = None) -> BuildingBlockVersion:
    cluster, _, code = key.partition(".")
    version = building_block_version_list(as_of=as_of, cluster=cluster).filter(building_block__code=code).first()
    if version is None:
        raise Http404(key)
    return version


def building_block_history(*, building_block: BuildingBlock) -> QuerySet[BuildingBlockVersion]:
    return building_block.versions.select_related("changed_by").order_by("effective_from", "number")


def active_preset_get() -> RegionPreset | None:
    return RegionPreset.objects.select_related("region").filter(is_active=True).first()


def preset_list() -> QuerySet[RegionPreset]:
    return RegionPreset.objects.select_related("region").order_by("name")


def preset_get(*, code: str) -> RegionPreset:
    preset = preset_list().filter(code=code).first()
    if preset is None:
        raise Http404(code)
    return preset


def steering_list(
    *, preset: RegionPreset | None, as_of: date | None = None, cluster: str | None = None
) -> QuerySet[SteeringAssignment]:
    """The steering assignment of each cluster in this region that holds on `as_of`."""
    if preset is None:
        return SteeringAssignment.objects.none()
    as_of = _as_of(as_of)
    current = (
        SteeringAssignment.objects.filter(preset=preset, cluster=OuterRef("cluster"), effective_from__lte=as_of)
        .order_by("-effective_from", "-number")
        .values("pk")[:1]
    )
    assignments = (
        SteeringAssignment.objects.filter(preset=preset, effective_from__lte=as_of, pk=Subquery(current))
        .select_related("cluster__zone")
        .order_by("cluster__zone__order", "cluster__order")
    )
    return assignments.filter(cluster__code=cluster) if cluster else assignments


def steering_history(*, preset: RegionPreset, cluster: Cluster) -> QuerySet[SteeringAssignment]:
    return preset.steering.filter(cluster=cluster).select_related("changed_by").order_by("effective_from", "number")


def preset_municipalities(*, preset: RegionPreset | None) -> list[Organisation]:
    """The municipalities a region preset names: its region's, and those served from within it."""
    if preset is None or preset.region_id is None:
        return []
    return list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).filter(region=preset.region_id).order_by("name")
    )


def cluster_assignment_list(*, preset: RegionPreset | None, cluster: str | None = None) -> list[ClusterAssignment]:
    if preset is None:
        return []
    assignments = preset.assignments.select_related("cluster").prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.prefetch_related("serves").order_by("name"))
    )
    return list(assignments.filter(cluster__code=cluster) if cluster else assignments)


def _serves(organisation: Organisation, municipality: Organisation) -> bool:
    """An organisation acts for a municipality if it is the municipality, serves it, or names no area at all."""
    served = list(organisation.serves.all())
    return organisation.pk == municipality.pk or not served or municipality in served


def organisations_per_cluster(
    *, assignments: list[ClusterAssignment], municipality: Organisation | None = None
) -> dict[int, list[Organisation]]:
    per_cluster: dict[int, list[Organisation]] = {}
    for assignment in assignments:
        bucket = per_cluster.setdefault(assignment.cluster_id, [])
        for organisation in assignment.organisations.all():
            if organisation not in bucket and (municipality is None or _serves(organisation, municipality)):
                bucket.append(organisation)
    return per_cluster


@dataclass
class ClusterView:
    cluster: Cluster
    blocks: list[BuildingBlockVersion] = field(default_factory=list)
    steering: SteeringAssignment | None = None
    organisations: list[Organisation] = field(default_factory=list)


@dataclass
class ZoneView:
    zone: Zone
    clusters: list[ClusterView] = field(default_factory=list)

    @property
    def block_count(self) -> int:
        return sum(len(cluster.blocks) for cluster in self.clusters)


@dataclass
class Blueprint:
    as_of: date
    domain: str | None
    municipality: Organisation | None
    preset: RegionPreset | None
    municipalities: list[Organisation]
    columns: list[list[ZoneView]]

    @property
    def zones(self) -> list[ZoneView]:
        return [zone for column in self.columns for zone in column]

    @property
    def block_count(self) -> int:
        return sum(zone.block_count for zone in self.zones)

    @property
    def clusters(self) -> list[ClusterView]:
        return [cluster for zone in self.zones for cluster in zone.clusters]


_ACTIVE = object()


def blueprint_get(
    *,
    as_of: date | None = None,
    domain: str | None = None,
    municipality: str | None = None,
    preset: RegionPreset | object | None = _ACTIVE,
    municipalities: list[Organisation] | None = None,
) -> Blueprint:
    """Everything the bouwtekening draws, for the active region, in a fixed number of queries.

    A view that already fetched the preset and its municipalities (for its filter form) passes them in.
    """
    as_of = _as_of(as_of)
    if preset is _ACTIVE:
        preset = active_preset_get()
    if municipalities is None:
        municipalities = preset_municipalities(preset=preset)
    chosen = next((m for m in municipalities if m.code == municipality), None) if municipality else None
    zones = {zone.code: ZoneView(zone) for zone in zone_list()}
    clusters: dict[int, ClusterView] = {}
    for cluster in cluster_list():
        clusters[cluster.pk] = view = ClusterView(cluster)
        zones[cluster.zone.code].clusters.append(view)
    for version in building_block_version_list(as_of=as_of, domain=domain):
        clusters[version.building_block.cluster_id].blocks.append(version)
    for assignment in steering_list(preset=preset, as_of=as_of):
        clusters[assignment.cluster_id].steering = assignment
    if chosen:
        per_cluster = organisations_per_cluster(assignments=cluster_assignment_list(preset=preset), municipality=chosen)
        for cluster_id, organisations in per_cluster.items():
            clusters[cluster_id].organisations = organisations
    columns = [[zones[code] for code in column if code in zones] for column in BLUEPRINT_COLUMNS]
    return Blueprint(as_of, domain, chosen, preset, municipalities, columns)


def configuration_version_list() -> QuerySet[ConfigurationVersion]:
    """Every loaded version of the blueprint and the region presets, oldest first per file."""
    return ConfigurationVersion.objects.order_by("name", "effective_from", "loaded_at")


def destination_list() -> QuerySet[Destination]:
    return Destination.objects.prefetch_related("building_blocks__cluster").order_by("order")


def instrument_list() -> QuerySet[PolicyInstrument]:
    return PolicyInstrument.objects.prefetch_related("building_blocks__cluster").order_by("order")


def life_phase_list() -> QuerySet[LifePhase]:
    return LifePhase.objects.prefetch_related("building_blocks__cluster").order_by("order")
