"""Actions that change the catalog: loading the versioned data files, switching the active region preset, and
functioneel beheer's changes to a building block or a steering assignment.

Loading is idempotent: a file whose version is already loaded (with the same contents) is skipped, so running the
loader twice changes nothing. A file with a higher version adds a version of every building block and steering
assignment that changed, effective from the file's `effective_from`; the earlier versions stay readable.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..audit import services as audit
from ..core.configuration import ConfigurationError, DataFile, data_file_read, version_load
from ..organisations import services as organisation_services
from ..organisations.models import OrganisationKind
from .models import (
    BuildingBlock,
    BuildingBlockVersion,
    Cluster,
    ClusterAssignment,
    ConfigurationVersion,
    Destination,
    Duty,
    Holder,
    InstrumentKind,
    LifePhase,
    PolicyInstrument,
    RegionPreset,
    Scale,
    SteeringAssignment,
    SteeringMode,
    SteeringStatus,
    Zone,
    ZoneCode,
    ZoneColour,
    domains_as_text,
)

DOMAIN_ORDER_LIST = ["J", "W", "P"]
DATA_DIR = Path(__file__).resolve().parent / "data"
PRESET_DIR_NAME = "presets"
DEFAULT_PRESET = "gooi_en_vechtstreek"
ADMIN_SOURCE = "beheer"


class CatalogDataError(ConfigurationError):
    """A data file that cannot be loaded; the message names the file and what to fix."""


@dataclass
class LoadReport:
    """What a load did, for the management command and `load_configuration`."""

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    versions_added: int = 0
    zones: int = 0
    clusters: int = 0
    building_blocks: int = 0
    destinations: int = 0
    instruments: int = 0
    life_phases: int = 0
    presets: list[str] = field(default_factory=list)
    active_preset: str | None = None

    def __str__(self) -> str:
        return (
            f"{self.zones} zones, {self.clusters} clusters, {self.building_blocks} building blocks, "
            f"{self.destinations} destinations, {self.instruments} instruments, {self.life_phases} life phases; "
            f"presets {', '.join(self.presets) or '-'} (active: {self.active_preset or '-'}); "
            f"loaded {', '.join(self.loaded) or 'nothing new'}; {self.versions_added} versions added"
        )


# --- reading --------------------------------------------------------------------------------------------------


def _read(path: Path, name: str) -> DataFile:
    """Read a file by core's loader contract; the catalog's version numbers are whole numbers."""
    try:
        data = data_file_read(path, name)
    except ConfigurationError as error:
        raise CatalogDataError(str(error)) from error
    if not data.version.isdigit() or int(data.version) < 1:
        raise CatalogDataError(f"{path.name}: `version` must be a positive whole number")
    return data


def _require(item: dict, keys: Iterable[str], where: str) -> None:
    missing = [key for key in keys if key not in item]
    if missing:
        raise CatalogDataError(f"{where}: missing {', '.join(missing)}")


def _choices(values: Any, allowed: list[str], where: str) -> list[str]:
    values = values or []
    if not isinstance(values, list) or any(value not in allowed for value in values):
        raise CatalogDataError(f"{where}: expected a list of {', '.join(allowed)}, got {values!r}")
    return values


def _choice(value: Any, allowed: list[str], where: str) -> str:
    if value in (None, ""):
        return ""
    if value not in allowed:
        raise CatalogDataError(f"{where}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _apply_if_new(data: DataFile, apply: Callable[[DataFile, LoadReport], None], report: LoadReport) -> bool:
    """Apply a file once per version (core's loader contract); a changed file under a loaded version is refused."""
    try:
        new = version_load(data, versions=ConfigurationVersion, apply=lambda data: apply(data, report))
    except CatalogDataError:
        raise
    except ConfigurationError as error:
        raise CatalogDataError(str(error)) from error
    if not new:
        report.unchanged.append(data.source)
        return False
    loaded = ConfigurationVersion.objects.get(name=data.name, version=data.version)
    audit.action_record(
        actor=None,
        action="catalog.configuration_loaded",
        subject=("catalog.configuration_version", loaded.pk),
        after={"file": data.path.name, "version": int(data.version), "effective_from": data.effective_from},
    )
    report.loaded.append(data.source)
    return True


# --- the blueprint ------------------------------------------------------------------------------------------

_BLOCK_FIELDS = ("name", "description", "domains", "heading", "appendix_name", "note", "is_active")


def _version_fields(version: BuildingBlockVersion | None) -> dict | None:
    return None if version is None else {name: getattr(version, name) for name in _BLOCK_FIELDS}


def _next_number(queryset) -> int:
    return (queryset.aggregate(Max("number"))["number__max"] or 0) + 1


def _blueprint_apply(data: DataFile, report: LoadReport) -> None:
    content = data.content
    _require(content, ["zones", "clusters"], data.path.name)
    zones = {}
    for item in content["zones"]:
        where = f"{data.path.name}: zone {item.get('code')}"
        _require(item, ["code", "order", "name", "colour"], where)
        _choice(item["code"], ZoneCode.values, where)
        _choice(item["colour"], ZoneColour.values, where)
        zones[item["code"]], _ = Zone.objects.update_or_create(
            code=item["code"],
            defaults={
                "order": item["order"],
                "name": item["name"],
                "long_name": item.get("long_name") or "",
                "colour": item["colour"],
                "decision_required": item.get("decision_required"),
                "section": str(item.get("section") or ""),
                "description": item.get("description") or "",
            },
        )
    latest = _latest_block_versions()
    numbers = dict(
        BuildingBlockVersion.objects.values("building_block")
        .annotate(top=Max("number"))
        .values_list("building_block", "top")
    )
    blocks = {(block.cluster_id, block.code): block for block in BuildingBlock.objects.all()}
    wanted_per_block: list[tuple[BuildingBlock, dict]] = []
    for item in content["clusters"]:
        where = f"{data.path.name}: cluster {item.get('code')}"
        _require(item, ["code", "zone", "order", "name", "building_blocks"], where)
        if item["zone"] not in zones:
            raise CatalogDataError(f"{where}: unknown zone {item['zone']!r}")
        cluster, _ = Cluster.objects.update_or_create(
            code=item["code"],
            defaults={
                "zone": zones[item["zone"]],
                "order": item["order"],
                "name": item["name"],
                "long_name": item.get("long_name") or "",
                "appendix_label": item.get("appendix_label") or "",
                "section": str(item.get("section") or ""),
                "figure": item.get("figure") or "",
                "tasks": item.get("tasks") or "",
                "relations": item.get("relations") or "",
                "note": item.get("note") or "",
            },
        )
        codes = [block.get("code") for block in item["building_blocks"]]
        if len(codes) != len(set(codes)):
            raise CatalogDataError(f"{where}: a building block code appears twice in the cluster")
        for block_item in item["building_blocks"]:
            block_where = f"{where}, building block {block_item.get('code')}"
            _require(block_item, ["code", "order", "name", "domains"], block_where)
            domains = _choices(block_item["domains"], DOMAIN_ORDER_LIST, block_where)
            if not domains:
                raise CatalogDataError(f"{block_where}: at least one of J, W, P")
            block = blocks.get((cluster.pk, block_item["code"]))
            if block is None:
                block = BuildingBlock(cluster=cluster, code=block_item["code"], order=block_item["order"])
            elif block.order != block_item["order"]:
                block.order = block_item["order"]
                block.save(update_fields=["order"])
            wanted_per_block.append(
                (
                    block,
                    {
                        "name": block_item["name"],
                        "description": block_item.get("description") or "",
                        "domains": domains_as_text(domains),
                        "heading": block_item.get("heading") or "",
                        "appendix_name": block_item.get("appendix_name") or "",
                        "note": block_item.get("note") or "",
                        "is_active": True,
                    },
                )
            )
    # One insert for the new building blocks and one for all new versions: a first load stays fast.
    BuildingBlock.objects.bulk_create([block for block, _ in wanted_per_block if block.pk is None])
    seen = {block.pk for block, _ in wanted_per_block}
    versions = [
        (block, wanted) for block, wanted in wanted_per_block if _version_fields(latest.get(block.pk)) != wanted
    ] + [
        (version.building_block, {**_version_fields(version), "is_active": False})
        for block_pk, version in latest.items()
        if block_pk not in seen and version.is_active  # left out of the new file: withdrawn from its date on
    ]
    BuildingBlockVersion.objects.bulk_create(
        [
            BuildingBlockVersion(
                building_block=block,
                number=numbers.get(block.pk, 0) + 1,
                effective_from=data.effective_from,
                source=data.source,
                **fields,
            )
            for block, fields in versions
        ]
    )
    report.versions_added += len(versions)


def _latest_block_versions() -> dict[int, BuildingBlockVersion]:
    """The newest version of each building block (whatever its date), by building block id."""
    latest: dict[int, BuildingBlockVersion] = {}
    for version in BuildingBlockVersion.objects.select_related("building_block").order_by(
        "building_block_id", "effective_from", "number"
    ):
        latest[version.building_block_id] = version
    return latest


def _block_version_create(
    *, block: BuildingBlock, effective_from: date, source: str, actor=None, reason: str = "", **fields
) -> BuildingBlockVersion:
    version = BuildingBlockVersion(
        building_block=block,
        number=_next_number(block.versions.all()),
        effective_from=effective_from,
        source=source,
        reason=reason,
        changed_by=actor,
        **fields,
    )
    version.full_clean()
    version.save()
    return version


# --- destinations, instruments, life phases -------------------------------------------------------------------


def _blocks_by_key() -> dict[str, BuildingBlock]:
    return {block.key: block for block in BuildingBlock.objects.select_related("cluster")}


def _linked_apply(model, list_key: str, extra: Callable[[dict, str], dict]) -> Callable[[DataFile, LoadReport], None]:
    def apply(data: DataFile, report: LoadReport) -> None:
        _require(data.content, [list_key], data.path.name)
        blocks = _blocks_by_key()
        codes = []
        for item in data.content[list_key]:
            where = f"{data.path.name}: {item.get('code')}"
            _require(item, ["code", "order", "name"], where)
            obj, _ = model.objects.update_or_create(
                code=item["code"],
                defaults={
                    "order": item["order"],
                    "name": item["name"],
                    "source": str(item.get("source") or ""),
                    "text": item.get("text") or "",
                    **extra(item, where),
                },
            )
            unknown = [key for key in item.get("building_blocks", []) if key not in blocks]
            if unknown:
                raise CatalogDataError(f"{where}: unknown building blocks {', '.join(unknown)}")
            obj.building_blocks.set([blocks[key] for key in item.get("building_blocks", [])])
            codes.append(item["code"])
        model.objects.exclude(code__in=codes).delete()

    return apply


def _no_extra(item: dict, where: str) -> dict:
    return {}


def _instrument_extra(item: dict, where: str) -> dict:
    return {"kind": _choice(item.get("kind") or "instrument", InstrumentKind.values, where)}


def _life_phase_extra(item: dict, where: str) -> dict:
    _require(item, ["min_age", "title"], where)
    return {
        "min_age": item["min_age"],
        "max_age": item.get("max_age"),
        "title": item["title"],
        "handovers": item.get("handovers") or [],
    }


_PARTICIPATION_FILES = [
    ("destinations", Destination, _no_extra),
    ("instruments", PolicyInstrument, _instrument_extra),
    ("life_phases", LifePhase, _life_phase_extra),
]


# --- region presets -------------------------------------------------------------------------------------------


def _steering_fields(assignment: SteeringAssignment | None) -> dict | None:
    if assignment is None:
        return None
    return {name: getattr(assignment, name) for name in SteeringAssignment.CONTENT_FIELDS}


def _steering_wanted(item: dict, where: str) -> dict:
    _require(item, ["cluster", "status"], where)
    return {
        "status": _choice(item["status"], SteeringStatus.values, where),
        "left_to": _choices(item.get("left_to"), Holder.values, f"{where} left_to"),
        "policy_direction": _choices(item.get("policy_direction"), Holder.values, f"{where} policy_direction"),
        "delivery_direction": _choices(item.get("delivery_direction"), Holder.values, f"{where} delivery_direction"),
        "delivery": _choices(item.get("delivery"), Holder.values, f"{where} delivery"),
        "steering": _choice(item.get("steering"), SteeringMode.values, f"{where} steering"),
        "organisation_scale": _choice(item.get("organisation_scale"), Scale.values, f"{where} organisation_scale"),
        "delivery_level": _choice(item.get("delivery_level"), Scale.values, f"{where} delivery_level"),
        "procurement_scale": _choice(item.get("procurement_scale"), Scale.values, f"{where} procurement_scale"),
        "duties": _choices(item.get("duties"), Duty.values, f"{where} duties"),
        "text": item.get("text") or "",
    }


def _preset_network(data: DataFile):
    """Municipalities, uitvoeringsdiensten and partners of the preset, through the organisations app."""
    content = data.content
    region_item = content.get("region") or {}
    region = None
    if region_item.get("code"):
        name = region_item.get("name") or content["name"]
        region = organisation_services.region_ensure(code=region_item["code"], name=name)
    organisations = {}
    for item in content.get("municipalities") or []:
        _require(item, ["code", "name"], f"{data.path.name}: municipality")
        organisations[item["code"]] = organisation_services.organisation_ensure(
            kind=OrganisationKind.MUNICIPALITY,
            code=item["code"],
            name=item["name"],
            region=region if item.get("in_region", True) else None,
        )

    def lookup(codes, where):
        unknown = [code for code in codes or [] if code not in organisations]
        if unknown:
            raise CatalogDataError(f"{data.path.name}: {where}: unknown organisations {', '.join(unknown)}")
        return [organisations[code] for code in codes or []]

    central = content.get("central_municipality")
    if central:
        municipality = lookup([central["municipality"]], "central_municipality")[0]
        organisation_services.organisation_ensure(
            kind=OrganisationKind.MUNICIPALITY,
            code=municipality.code,
            name=municipality.name,
            serves=lookup(central.get("serves"), "central_municipality"),
        )
        if region:
            organisation_services.region_central_municipality_ensure(region=region, municipality=municipality)
    kinds = (("service_organisations", OrganisationKind.SERVICE_ORGANISATION), ("organisations", None))
    for key, default_kind in kinds:
        for item in content.get(key) or []:
            where = f"{key} {item.get('code')}"
            _require(item, ["code", "name"], f"{data.path.name}: {where}")
            organisations[item["code"]] = organisation_services.organisation_ensure(
                kind=item.get("kind") or default_kind,
                code=item["code"],
                name=item["name"],
                region=region if item.get("kind") not in ("uwv",) else None,
                municipality=(lookup([item["municipality"]], where)[0] if item.get("municipality") else None),
                team_kind=item.get("team_kind") or "",
                school_kind=item.get("school_kind") or "",
                serves=lookup(item.get("serves"), where),
            )
    return region, organisations


def _preset_apply(data: DataFile, report: LoadReport) -> None:
    content = data.content
    _require(content, ["code", "name"], data.path.name)
    if content["code"] != data.path.stem:
        raise CatalogDataError(f"{data.path.name}: `code` must be the file name, {data.path.stem!r}")
    region, organisations = _preset_network(data)
    preset, _ = RegionPreset.objects.update_or_create(
        code=content["code"],
        defaults={
            "name": content["name"],
            "description": content.get("description") or "",
            "source": content.get("source") or "",
            "version": data.version,
            "effective_from": data.effective_from,
            "region": region,
        },
    )
    clusters = {cluster.code: cluster for cluster in Cluster.objects.all()}

    def cluster_of(item: dict, where: str) -> Cluster:
        if item.get("cluster") not in clusters:
            raise CatalogDataError(f"{data.path.name}: {where}: unknown cluster {item.get('cluster')!r}")
        return clusters[item["cluster"]]

    for item in content.get("steering_model") or []:
        where = f"steering_model {item.get('cluster')}"
        cluster = cluster_of(item, where)
        wanted = _steering_wanted(item, f"{data.path.name}: {where}")
        current = preset.steering.filter(cluster=cluster).order_by("-effective_from", "-number").first()
        if _steering_fields(current) != wanted:
            assignment = SteeringAssignment(
                preset=preset,
                cluster=cluster,
                number=_next_number(preset.steering.filter(cluster=cluster)),
                effective_from=data.effective_from,
                source=data.source,
                **wanted,
            )
            assignment.full_clean()
            assignment.save()
            report.versions_added += 1
    preset.assignments.all().delete()  # not versioned: the file's current list replaces the previous one
    for order, item in enumerate(content.get("assignments") or [], start=1):
        where = f"assignments {item.get('cluster')}"
        assignment = ClusterAssignment.objects.create(
            preset=preset,
            cluster=cluster_of(item, where),
            order=order,
            text=item.get("text") or "",
            source=str(item.get("source") or ""),
        )
        unknown = [code for code in item.get("organisations") or [] if code not in organisations]
        if unknown:
            raise CatalogDataError(f"{data.path.name}: {where}: unknown organisations {', '.join(unknown)}")
        assignment.organisations.set([organisations[code] for code in item.get("organisations") or []])


def preset_codes_available(*, data_dir: Path = DATA_DIR) -> list[str]:
    return sorted(path.stem for path in (data_dir / PRESET_DIR_NAME).glob("*.yaml"))


@transaction.atomic
def preset_activate(*, code: str, actor=None) -> RegionPreset:
    """Make this region the one the bouwtekening and the sturingsmodel show."""
    preset = RegionPreset.objects.select_for_update(of=("self",)).get(code=code)
    previous = RegionPreset.objects.filter(is_active=True).exclude(pk=preset.pk).first()
    if previous:
        previous.is_active = False
        previous.save(update_fields=["is_active"])
    if not preset.is_active:
        preset.is_active = True
        preset.save(update_fields=["is_active"])
        audit.action_record(
            actor=actor,
            action="catalog.preset_activated",
            subject=("catalog.region_preset", preset.code),
            before={"active": previous.code if previous else None},
            after={"active": preset.code},
        )
    return preset


# --- the load ---------------------------------------------------------------------------------------------------


@transaction.atomic
def catalog_load(
    *, data_dir: Path = DATA_DIR, presets: Iterable[str] | None = None, activate: str | None = None
) -> LoadReport:
    """Load the blueprint, the destinations, instruments and life phases, and region presets; idempotent.

    Presets: the ones named, else those loaded before, else the default (setting ROUTEKAART_REGION_PRESET). The
    one named by `activate` becomes active; without it the first loaded preset does, if none is active yet.
    """
    report = LoadReport()
    _apply_if_new(_read(data_dir / "blueprint.yaml", "blueprint"), _blueprint_apply, report)
    for name, model, extra in _PARTICIPATION_FILES:
        _apply_if_new(_read(data_dir / f"{name}.yaml", name), _linked_apply(model, name, extra), report)
    available = preset_codes_available(data_dir=data_dir)
    codes = list(presets or [])
    if not codes:
        codes = list(RegionPreset.objects.values_list("code", flat=True)) or [
            getattr(settings, "ROUTEKAART_REGION_PRESET", DEFAULT_PRESET)
        ]
    if activate and activate not in codes:
        codes.append(activate)
    for code in codes:
        if code not in available:
            raise CatalogDataError(f"unknown region preset {code!r}; available: {', '.join(available)}")
        _apply_if_new(_read(data_dir / PRESET_DIR_NAME / f"{code}.yaml", f"preset:{code}"), _preset_apply, report)
    if activate:
        preset_activate(code=activate)
    elif not RegionPreset.objects.filter(is_active=True).exists() and codes:
        preset_activate(code=codes[0])
    report.zones = Zone.objects.count()
    report.clusters = Cluster.objects.count()
    report.building_blocks = BuildingBlock.objects.count()
    report.destinations = Destination.objects.count()
    report.instruments = PolicyInstrument.objects.count()
    report.life_phases = LifePhase.objects.count()
    report.presets = list(RegionPreset.objects.order_by("code").values_list("code", flat=True))
    report.active_preset = RegionPreset.objects.filter(is_active=True).values_list("code", flat=True).first()
    return report


@transaction.atomic
def catalog_configuration_load() -> LoadReport:
    """The entry for `load_configuration` (settings.ROUTEKAART_CONFIGURATION_LOADERS)."""
    return catalog_load()


# --- functioneel beheer -----------------------------------------------------------------------------------------


@transaction.atomic
def building_block_revise(
    *,
    building_block: BuildingBlock,
    effective_from: date,
    actor,
    reason: str = "",
    name: str,
    description: str = "",
    domains: Iterable[str],
    heading: str = "",
    appendix_name: str = "",
    note: str = "",
    is_active: bool = True,
) -> BuildingBlockVersion:
    """A new version of a building block from `effective_from` on; the earlier versions stay as they were."""
    BuildingBlock.objects.select_for_update(of=("self",)).filter(pk=building_block.pk).first()
    before = building_block.versions.order_by("-effective_from", "-number").first()
    version = _block_version_create(
        block=building_block,
        effective_from=effective_from,
        source=ADMIN_SOURCE,
        actor=actor,
        reason=reason,
        name=name,
        description=description,
        domains=domains_as_text(domains),
        heading=heading,
        appendix_name=appendix_name,
        note=note,
        is_active=is_active,
    )
    audit.action_record(
        actor=actor,
        action="catalog.building_block_revised",
        subject=("catalog.building_block", building_block.key),
        reason=reason,
        before=_version_fields(before),
        after={**_version_fields(version), "number": version.number, "effective_from": version.effective_from},
    )
    return version


@transaction.atomic
def steering_assignment_revise(
    *, assignment: SteeringAssignment, actor, effective_from: date | None = None, reason: str = ""
) -> SteeringAssignment:
    """Save an edited steering assignment as a new version; the row it was edited from stays unchanged.

    The admin hands over its edited (unsaved) instance; many-to-many data has none, so nothing is lost.
    """
    RegionPreset.objects.select_for_update(of=("self",)).filter(pk=assignment.preset_id).first()
    before = _steering_fields(SteeringAssignment.objects.filter(pk=assignment.pk).first() if assignment.pk else None)
    assignment.pk = None
    assignment._state.adding = True
    assignment.number = _next_number(
        SteeringAssignment.objects.filter(preset_id=assignment.preset_id, cluster_id=assignment.cluster_id)
    )
    assignment.effective_from = effective_from or assignment.effective_from or timezone.localdate()
    assignment.source = ADMIN_SOURCE
    assignment.changed_by = actor
    assignment.reason = reason or assignment.reason
    assignment.full_clean()
    assignment.save()
    audit.action_record(
        actor=actor,
        action="catalog.steering_revised",
        subject=("catalog.steering_assignment", f"{assignment.preset.code}.{assignment.cluster.code}"),
        reason=assignment.reason,
        before=before,
        after={
            **_steering_fields(assignment),
            "number": assignment.number,
            "effective_from": assignment.effective_from,
        },
    )
    return assignment
