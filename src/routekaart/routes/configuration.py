"""Load the route maps from their versioned files (data/maps/*.yaml); idempotent.

A file whose version is loaded with the same contents is skipped, so loading twice changes nothing. A higher
`version` adds a new `RouteMap` with its own routes and steps and makes it the current one; the earlier version
stays, with the trajectories started on it. Changed contents under a loaded version number are refused: raise the
version. Everything a file says is checked before anything is written, and one file is one transaction.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from ..audit import services as audit
from ..audit.configuration import data_file_load
from ..core.configuration import ConfigurationError, data_file_of, version_check
from ..organisations.models.network import SchoolKind
from ..participation.configuration import participation_tiers_load
from ..participation.models import ParticipationTier
from . import selectors
from .models import (
    PARTY_KINDS,
    Condition,
    Party,
    Route,
    RouteKind,
    RouteMap,
    RouteMapTier,
    ShelteredWorkQuota,
    Step,
    StepAction,
    WalkingKind,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
MAPS_DIR = DATA_DIR / "maps"
QUOTA_FILE = DATA_DIR / "quota.yaml"


class RouteDataError(Exception):
    """A route map file that cannot be loaded; the message names the file and what to fix."""


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    quota: int = 0

    def __str__(self) -> str:
        current = selectors.route_map_list()
        routes = Route.objects.filter(route_map__is_current=True).count()
        steps = Step.objects.filter(route__route_map__is_current=True).count()
        return (
            f"{len(current)} route maps ({', '.join(f'{m.code} v{m.version}' for m in current)}), "
            f"{routes} routes, {steps} steps; loaded: {', '.join(self.loaded) or 'none'}; "
            f"unchanged: {', '.join(self.unchanged) or 'none'}; {self.quota} sheltered-work quota rows"
        )


class _Checker:
    """Collects what is wrong with one file, so that functioneel beheer sees every problem at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def require(self, item: Any, keys: list[str], where: str) -> bool:
        if not isinstance(item, dict):
            self.fail(where, "expected a mapping")
            return False
        missing = [key for key in keys if item.get(key) in (None, "")]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        return not missing

    def choice(self, value: Any, allowed: list[str], where: str, *, blank: bool = True) -> None:
        if (value in (None, "") and blank) or value in allowed:
            return
        self.fail(where, f"expected one of {', '.join(a for a in allowed if a)}, got {value!r}")

    def codes(self, values: Any, allowed: set[str] | None, where: str) -> list[str]:
        if values is None:
            return []
        if not isinstance(values, list):
            self.fail(where, f"expected a list, got {values!r}")
            return []
        if allowed is not None:
            unknown = [value for value in values if value not in allowed]
            if unknown:
                self.fail(where, f"unknown codes {', '.join(map(str, unknown))}")
        return values

    def raise_if_any(self) -> None:
        if self.problems:
            raise RouteDataError(f"{self.path.name}:\n  " + "\n  ".join(self.problems))


def _age(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _check_ages(check: _Checker, route: dict, where: str) -> None:
    """The ages a route serves: an exit route names both (whom a trajectory may start for), from below younger-than."""
    ages = {key: route.get(key) for key in ("min_age", "max_age")}
    for key, value in ages.items():
        if value is None:
            if route["kind"] == RouteKind.EXIT:
                check.fail(where, f"an exit route names the ages it serves: missing {key}")
        elif isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 130:
            check.fail(where, f"{key} must be an age in years (0 to 130), got {value!r}")
            ages[key] = None
    if ages["min_age"] is not None and ages["max_age"] is not None and ages["min_age"] >= ages["max_age"]:
        check.fail(where, "min_age must be below max_age (max_age is 'younger than')")


def _check(
    content: Any, path: Path, catalog: selectors.CatalogCodes, tiers: dict[str, ParticipationTier] | None = None
) -> None:
    check = _Checker(path)
    if not check.require(content, ["version", "effective_from", "code", "name", "region", "source"], "top"):
        check.raise_if_any()
    if not isinstance(content["version"], int) or content["version"] < 1:
        check.fail("version", "must be a positive whole number")
    try:
        date.fromisoformat(str(content["effective_from"]))
    except ValueError:
        check.fail("effective_from", "must be a date (YYYY-MM-DD)")
    if content["code"] != path.stem:
        check.fail("code", f"must be the file name, {path.stem!r}")

    parties = content.get("parties") or []
    party_codes = [p.get("code") for p in parties if isinstance(p, dict)]
    if len(set(party_codes)) != len(party_codes):
        check.fail("parties", "a code is used twice")
    for item in parties:
        if check.require(item, ["code", "name"], f"party {item!r}"):
            check.choice(item.get("organisation_kind"), [k for k, _ in PARTY_KINDS], f"party {item['code']}")
    known_parties = set(party_codes)

    routes = content.get("routes") or []
    route_codes = [r.get("code") for r in routes if isinstance(r, dict)]
    if not routes:
        check.fail("routes", "a route map needs at least one route")
    if len(set(route_codes)) != len(route_codes):
        check.fail("routes", "a code is used twice")
    for route in routes:
        where = f"route {route.get('code') if isinstance(route, dict) else route!r}"
        if not check.require(route, ["code", "order", "kind", "name", "regie"], where):
            continue
        check.choice(route["kind"], RouteKind.values, f"{where} kind", blank=False)
        if route["kind"] == RouteKind.WALKING:
            check.choice(route.get("walking_kind"), WalkingKind.values, f"{where} walking_kind", blank=False)
        elif route.get("walking_kind"):
            check.fail(where, "only a walking route has a walking_kind")
        check.choice(route["regie"], sorted(known_parties), f"{where} regie", blank=False)
        _check_ages(check, route, where)
        check.codes(route.get("destinations"), catalog.destinations, f"{where} destinations")
        check.codes(route.get("building_blocks"), catalog.building_blocks, f"{where} building_blocks")
        check.codes(route.get("instruments"), catalog.instruments, f"{where} instruments")
        steps = route.get("steps") or []
        numbers = [s.get("number") for s in steps if isinstance(s, dict)]
        if numbers != list(range(1, len(steps) + 1)):
            check.fail(where, f"steps must be numbered 1, 2, 3, … in order; got {numbers}")
        if route["kind"] == RouteKind.WALKING and steps:
            check.fail(where, "a walking route has no numbered steps in the seeds")
        if route["kind"] != RouteKind.WALKING and not steps:
            check.fail(where, "needs its numbered steps")
        for step in steps:
            step_where = f"{where} step {step.get('number') if isinstance(step, dict) else step!r}"
            if not check.require(step, ["number", "name", "actions"], step_where):
                continue
            check.choice(step.get("regie"), sorted(known_parties), f"{step_where} regie")
            requires = check.codes(step.get("requires"), None, f"{step_where} requires")
            if any(not isinstance(n, int) or not 1 <= n < step["number"] for n in requires):
                check.fail(step_where, "requires may name only earlier steps")
            check.codes([step["life_phase"]] if step.get("life_phase") else [], catalog.life_phases, step_where)
            for order, action in enumerate(step.get("actions") or [], start=1):
                action_where = f"{step_where} action {order}"
                if not check.require(action, ["text"], action_where):
                    continue
                check.codes(action.get("parties"), known_parties, f"{action_where} parties")
                check.codes(action.get("to"), known_parties, f"{action_where} to")
                check.choice(action.get("condition"), Condition.values, f"{action_where} condition")
                check.choice(action.get("school_kind"), SchoolKind.values, f"{action_where} school_kind")
                if action.get("next_route") and action["next_route"] not in route_codes:
                    check.fail(action_where, f"next_route {action['next_route']!r} is not a route of this map")
            if not step.get("actions"):
                check.fail(step_where, "needs at least one action")

    for tier in content.get("tiers") or []:
        where = f"tier {tier.get('code') if isinstance(tier, dict) else tier!r}"
        if check.require(tier, ["code", "destinations"], where):
            # The tier is participation's (distance.yaml); a map names it by code and may quote it, never differ.
            known = (tiers or {}).get(tier["code"])
            if known is None:
                check.fail(where, f"not a tier of participation's distance.yaml ({', '.join(sorted(tiers or {}))})")
            else:
                for key in ("order", "name", "labour_distance"):
                    if tier.get(key) not in (None, "", getattr(known, key)):
                        check.fail(where, f"{key} {tier[key]!r} differs from participation's {getattr(known, key)!r}")
            check.codes(tier["destinations"], catalog.destinations, f"{where} destinations")
    check.raise_if_any()


def _create(content: dict, checksum: str, tiers: dict[str, ParticipationTier]) -> RouteMap:
    route_map = RouteMap.objects.create(
        code=content["code"],
        version=content["version"],
        effective_from=date.fromisoformat(str(content["effective_from"])),
        checksum=checksum,
        name=content["name"],
        region=content["region"],
        source=str(content["source"]),
        description=content.get("description") or "",
        principles=[p["text"] for p in content.get("principles") or []],
    )
    parties = {
        item["code"]: Party(
            route_map=route_map,
            code=item["code"],
            order=order,
            name=item["name"],
            organisation_kind=item.get("organisation_kind") or "",
            text=item.get("text") or "",
        )
        for order, item in enumerate(content.get("parties") or [], start=1)
    }
    Party.objects.bulk_create(parties.values())
    for item in content["routes"]:
        route = Route.objects.create(
            route_map=route_map,
            code=item["code"],
            order=item["order"],
            kind=item["kind"],
            walking_kind=item.get("walking_kind") or "",
            name=item["name"],
            seed_name=item.get("seed_name") or "",
            regie=parties[item["regie"]],
            regie_from_age=_age(item.get("regie_from_age")),
            text=item.get("text") or "",
            share_percent=item.get("share_percent"),
            provisions=item.get("provisions") or [],
            building_blocks=item.get("building_blocks") or [],
            instruments=item.get("instruments") or [],
            destinations=item.get("destinations") or [],
            services=item.get("services") or "",
            outreach=item.get("outreach") or "",
            aftercare_months=item.get("aftercare_months"),
            min_age=_age(item.get("min_age")),
            max_age=_age(item.get("max_age")),
        )
        for step_item in item.get("steps") or []:
            number = step_item["number"]
            step = Step.objects.create(
                route=route,
                number=number,
                name=step_item["name"],
                regie=parties[step_item["regie"]] if step_item.get("regie") else None,
                optional=bool(step_item.get("optional")),
                requires=step_item.get("requires", [number - 1] if number > 1 else []),
                at_age=_age(step_item.get("at_age")),
                life_phase=step_item.get("life_phase") or "",
            )
            for order, action_item in enumerate(step_item["actions"], start=1):
                action = StepAction.objects.create(
                    step=step,
                    order=order,
                    text=action_item["text"],
                    condition=action_item.get("condition") or "",
                    min_age=_age(action_item.get("min_age")),
                    max_age=_age(action_item.get("max_age")),
                    school_kind=action_item.get("school_kind") or "",
                    next_route=action_item.get("next_route") or "",
                )
                action.parties.set([parties[code] for code in action_item.get("parties") or []])
                action.addressees.set([parties[code] for code in action_item.get("to") or []])
    RouteMapTier.objects.bulk_create(
        RouteMapTier(route_map=route_map, tier=tiers[tier["code"]], destinations=tier["destinations"])
        for tier in content.get("tiers") or []
    )
    return route_map


def route_map_load(
    *,
    path: Path,
    report: LoadReport,
    catalog: selectors.CatalogCodes,
    tiers: dict[str, ParticipationTier] | None = None,
) -> RouteMap | None:
    """Load one file if its version is new; return the new map version, or None when nothing changed."""
    if tiers is None:
        tiers = participation_tiers_load()
    try:
        content = yaml.safe_load(path.read_bytes())
    except yaml.YAMLError as error:
        raise RouteDataError(f"{path.name}: not valid YAML: {error}") from error
    # Of the data, not the bytes: a comment or a re-wrapped line is no new version.
    checksum = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    _check(content, path, catalog, tiers)
    # Core's loader contract: the same file is skipped, changed contents under a loaded version or an older version
    # are refused; RouteMap is the version table (one row per code and version, with its checksum).
    data = data_file_of(path, content, f"routes/{content['code']}")
    try:
        loaded = dict(RouteMap.objects.filter(code=content["code"]).values_list("version", "checksum"))
        new = version_check(data, loaded)
    except ConfigurationError as error:
        raise RouteDataError(str(error)) from error
    if not new:
        report.unchanged.append(f"{path.name} v{content['version']}")
        return None
    with transaction.atomic():
        previous = RouteMap.objects.filter(code=content["code"], is_current=True).first()
        RouteMap.objects.filter(code=content["code"], is_current=True).update(is_current=False)
        route_map = _create(content, checksum, tiers)
        route_map.is_current = True
        route_map.save(update_fields=["is_current"])
        audit.action_record(
            actor=None,
            action="routes.map_loaded",
            subject=("routes.route_map", route_map.pk),
            before={"version": previous.version} if previous else None,
            after={"code": route_map.code, "version": route_map.version, "file": path.name},
        )
    report.loaded.append(f"{path.name} v{content['version']}")
    return route_map


def route_maps_load(*, maps_dir: Path = MAPS_DIR, quota_file: Path | None = QUOTA_FILE) -> LoadReport:
    """Every route map file; the entry for `load_configuration` (settings.ROUTEKAART_CONFIGURATION_LOADERS)."""
    report = LoadReport()
    catalog = selectors.catalog_codes()
    tiers = participation_tiers_load()  # the tiers are participation's; a map only places destinations under them
    paths = sorted(maps_dir.glob("*.yaml"))
    if not paths:
        raise RouteDataError(f"{maps_dir}: no route map files")
    for path in paths:
        route_map_load(path=path, report=report, catalog=catalog, tiers=tiers)
    report.quota = quota_load(path=quota_file) if quota_file else 0
    return report


@transaction.atomic
def quota_load(*, path: Path = QUOTA_FILE) -> int:
    """The sheltered-work quota per municipality and year: each row of the file is set (idempotent).

    Through core's loader contract (shared version table): a changed file under a loaded version is refused."""
    content = yaml.safe_load(path.read_bytes())
    try:
        data_file_load(data_file_of(path, content, "routes/quota"), lambda data: None)
    except ConfigurationError as error:
        raise RouteDataError(str(error)) from error
    check = _Checker(path)
    seen = set()
    for item in content.get("quota") or []:
        where = f"quota {item.get('municipality')} {item.get('year')}"
        if not check.require(item, ["municipality", "year", "places"], where):
            continue
        if not isinstance(item["year"], int) or not isinstance(item["places"], int) or item["places"] < 0:
            check.fail(where, "year and places must be whole numbers, places not negative")
        if (item["municipality"], item["year"]) in seen:
            check.fail(where, "given twice")
        seen.add((item["municipality"], item["year"]))
    check.raise_if_any()
    existing = {(q.municipality_code, q.year): q for q in ShelteredWorkQuota.objects.all()}
    for item in content.get("quota") or []:
        quota = existing.get((item["municipality"], item["year"]))
        source = item.get("source") or f"{path.name} v{content['version']}"
        if quota is not None and (quota.places, quota.source) == (item["places"], source):
            continue
        before = {"places": quota.places} if quota else None
        quota, _ = ShelteredWorkQuota.objects.update_or_create(
            municipality_code=item["municipality"],
            year=item["year"],
            defaults={"places": item["places"], "source": source},
        )
        audit.action_record(
            actor=None,
            action="routes.quota_set",
            subject=("routes.sheltered_work_quota", quota.pk),
            before=before,
            after={"municipality": quota.municipality_code, "year": quota.year, "places": quota.places},
        )
    return len(seen)
