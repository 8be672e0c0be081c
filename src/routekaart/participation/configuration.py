"""Load participation's configuration from its versioned files (data/*.yaml); idempotent.

Everything the files say is checked before anything is written, and all problems are reported at once; then the
rows are written by code in one transaction, so loading twice changes nothing. The wage-subsidy rules and the
referrals are kept as versioned rule sets: a version once loaded keeps its contents (raise the version to change
them) and stays readable for the months it was used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from ..audit.configuration import data_file_load
from ..catalog import selectors as catalog_selectors
from ..core.configuration import ConfigurationError, data_file_of
from ..organisations.models import Organisation
from .calculations import RulesError, WageSubsidyRules
from .models import (
    CostBasis,
    DistanceCategory,
    Instrument,
    LabourDistance,
    LadderRung,
    ParticipationProvider,
    ParticipationTier,
    ProviderKind,
    Result,
    RuleSet,
    SpendingLine,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
RULES_WAGE_SUBSIDY = "wage_subsidy"
RULES_DISTANCE = "distance"
RULES_INSTRUMENTS = "instruments"


class ParticipationDataError(Exception):
    """A data file that cannot be loaded; the message names the file and every problem in it."""


@dataclass
class LoadReport:
    written: dict[str, int] = field(default_factory=dict)
    rule_sets: list[str] = field(default_factory=list)
    providers_skipped: list[str] = field(default_factory=list)
    catalog_links_skipped: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        counts = ", ".join(f"{count} {name}" for name, count in self.written.items())
        skipped = (
            f"; providers not in the network yet: {', '.join(self.providers_skipped)}" if self.providers_skipped else ""
        )
        if self.catalog_links_skipped:
            skipped += f"; not linked, the catalog is not loaded yet: {', '.join(self.catalog_links_skipped)}"
        return f"{counts}; rule sets {', '.join(self.rule_sets)}{skipped}"


class _Check:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def require(self, item: Any, keys: list[str], where: str) -> bool:
        if not isinstance(item, dict):
            self.fail(where, "expected a mapping")
            return False
        missing = [k for k in keys if item.get(k) in (None, "")]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        return not missing

    def choice(self, value: Any, allowed, where: str) -> None:
        if value not in allowed:
            self.fail(where, f"expected one of {', '.join(sorted(allowed))}, got {value!r}")

    def subset(self, values: Any, allowed, where: str) -> list:
        if not isinstance(values, list):
            self.fail(where, f"expected a list, got {values!r}")
            return []
        unknown = [v for v in values if v not in allowed]
        if unknown:
            self.fail(where, f"unknown codes {', '.join(map(str, unknown))}")
        return values

    def unique(self, rows: list, where: str, key: str = "code") -> None:
        codes = [r.get(key) for r in rows if isinstance(r, dict)]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            self.fail(where, f"duplicate codes {', '.join(map(str, duplicates))}")

    def raise_if_any(self) -> None:
        if self.problems:
            raise ParticipationDataError(f"{self.name}:\n  " + "\n  ".join(self.problems))


def _read(data_dir: Path, name: str) -> dict:
    content = yaml.safe_load((data_dir / name).read_text(encoding="utf-8"))
    if not isinstance(content, dict) or not isinstance(content.get("version"), int) or content["version"] < 1:
        raise ParticipationDataError(f"{name}: expected a mapping with a positive whole `version`")
    return content


def _percentage(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if Decimal(0) <= number <= Decimal(100) else None


def _check_distance(document: dict) -> None:
    check = _Check("distance.yaml")
    distances = set(LabourDistance.values)
    for key in ("tiers", "categories", "ladder", "referrals"):
        if not isinstance(document.get(key), list) or not document[key]:
            check.fail(key, "expected a non-empty list")
    check.raise_if_any()
    check.unique(document["tiers"], "tiers")
    check.unique(document["categories"], "categories")
    check.unique(document["ladder"], "ladder")
    tiers = {t.get("code") for t in document["tiers"] if isinstance(t, dict)}
    for i, tier in enumerate(document["tiers"]):
        if check.require(tier, ["code", "order", "name", "labour_distance"], f"tiers[{i}]"):
            check.choice(tier["labour_distance"], distances, f"tiers[{i}].labour_distance")
    total = Decimal(0)
    for i, category in enumerate(document["categories"]):
        where = f"categories[{i}]"
        keys = ["code", "order", "name", "labour_distance", "reference_share", "reassessment_months", "tiers"]
        if not check.require(category, keys, where):
            continue
        check.choice(category["labour_distance"], distances, f"{where}.labour_distance")
        check.subset(category["tiers"], tiers, f"{where}.tiers")
        share = _percentage(category["reference_share"])
        if share is None:
            check.fail(f"{where}.reference_share", "expected a percentage")
        else:
            total += share
        if not isinstance(category["reassessment_months"], int) or not 1 <= category["reassessment_months"] <= 12:
            check.fail(f"{where}.reassessment_months", "expected 1 to 12 months (at least one conversation a year)")
    if total != 100:
        check.fail("categories", f"the reference shares add up to {total}, not 100")
    orders = sorted(r.get("order") for r in document["ladder"] if isinstance(r, dict))
    if orders != list(range(1, 7)):
        check.fail("ladder", "expected the rungs 1 to 6")
    for i, referral in enumerate(document["referrals"]):
        if check.require(referral, ["labour_distance", "provider_kinds", "instruments"], f"referrals[{i}]"):
            check.choice(referral["labour_distance"], distances, f"referrals[{i}].labour_distance")
            check.subset(referral["provider_kinds"], set(ProviderKind.values), f"referrals[{i}].provider_kinds")
    reference = document.get("reference") or {}
    if _percentage(reference.get("reassessment_share_fell")) is None:
        check.fail("reference.reassessment_share_fell", "expected a percentage")
    check.raise_if_any()


def _check_instruments(document: dict, referral_instruments: set[str], catalog_instruments: set[str]) -> None:
    check = _Check("instruments.yaml")
    for key in ("spending_lines", "results", "instruments"):
        if not isinstance(document.get(key), list) or not document[key]:
            check.fail(key, "expected a non-empty list")
    check.raise_if_any()
    for key in ("spending_lines", "results", "instruments", "exemption_grounds"):
        check.unique(document.get(key) or [], key)
    lines = {line.get("code") for line in document["spending_lines"] if isinstance(line, dict)}
    results = {r.get("code") for r in document["results"] if isinstance(r, dict)}
    grounds = {g.get("code") for g in document.get("exemption_grounds") or [] if isinstance(g, dict)}
    for i, line in enumerate(document["spending_lines"]):
        check.require(line, ["code", "order", "name"], f"spending_lines[{i}]")
    for i, result in enumerate(document["results"]):
        check.require(result, ["code", "order", "name"], f"results[{i}]")
    codes = set()
    for i, item in enumerate(document["instruments"]):
        where = f"instruments[{i}]"
        keys = ["code", "order", "name", "spending_line", "provider_kinds", "labour_distances", "cost_basis", "results"]
        if not check.require(item, keys, where):
            continue
        codes.add(item["code"])
        check.choice(item["spending_line"], lines, f"{where}.spending_line")
        check.subset(item["provider_kinds"], set(ProviderKind.values), f"{where}.provider_kinds")
        check.subset(item["labour_distances"], set(LabourDistance.values), f"{where}.labour_distances")
        check.choice(item["cost_basis"], set(CostBasis.values), f"{where}.cost_basis")
        check.subset(item["results"], results, f"{where}.results")
        check.subset(item.get("exemption_grounds") or [], grounds, f"{where}.exemption_grounds")
        if item.get("catalog_instrument") and catalog_instruments:  # the catalog is the one source of instruments
            check.choice(item["catalog_instrument"], catalog_instruments, f"{where}.catalog_instrument")
        if (item["cost_basis"] == CostBasis.WAGE_SUBSIDY) != item.get("requires_wage_value", False):
            check.fail(where, "the wage-subsidy cost basis and requires_wage_value go together")
        if item["cost_basis"] == CostBasis.WAGE_SUBSIDY and item.get("growth_potential") is None:
            check.fail(f"{where}.growth_potential", "a wage subsidy is with (true) or without (false) growth potential")
        if item.get("requires_uwv_advice") and not item.get("requires_decision"):
            check.fail(where, "UWV's advice comes before the municipality's decision: requires_decision too")
        for key in ("min_weeks", "max_months"):
            if item.get(key) is not None and (not isinstance(item[key], int) or item[key] < 1):
                check.fail(f"{where}.{key}", "expected a positive whole number")
    unknown = sorted(referral_instruments - codes)
    if unknown:
        check.fail("distance.yaml referrals", f"unknown instruments {', '.join(unknown)}")
    check.raise_if_any()


def _check_wage_subsidy(document: dict) -> WageSubsidyRules:
    try:
        rules = WageSubsidyRules.from_document(document)
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise ParticipationDataError(f"wage_subsidy.yaml: {error!r}") from error
    problems = []
    if not rules.hourly_minimum_wage or any(amount <= 0 for _, amount in rules.hourly_minimum_wage):
        problems.append("minimum_wage.hourly: expected positive amounts")
    if not Decimal(0) < rules.max_share_percent <= Decimal(100):
        problems.append("max_share_of_minimum_wage: expected a percentage above 0")
    if not rules.employer_costs_allowance:
        problems.append("employer_costs_allowance: expected at least one year")
    if rules.step_months < 1 or not Decimal(0) < rules.reduction_percent_per_step <= Decimal(100):
        problems.append("growth_potential: expected step_months ≥ 1 and a reduction between 0 and 100 %")
    if not rules.wage_value_methods:
        problems.append("wage_value.methods: expected at least one recognised method")
    if problems:
        raise ParticipationDataError("wage_subsidy.yaml:\n  " + "\n  ".join(problems))
    return rules


def _rule_set(name: str, document: dict, report: LoadReport) -> None:
    existing = RuleSet.objects.filter(name=name, version=document["version"]).first()
    if existing is None:
        RuleSet.objects.create(name=name, version=document["version"], document=document)
    elif existing.document != document:
        raise ParticipationDataError(
            f"{name} version {document['version']} is already loaded with other contents: raise the version"
        )
    report.rule_sets.append(f"{name} v{document['version']}")


def _upsert(model, code: str, values: dict) -> Any:
    obj, _ = model.objects.update_or_create(code=code, defaults=values)
    return obj


def _common(item: dict, version: int) -> dict:
    return {
        "order": item["order"],
        "name": item["name"],
        "source": str(item.get("source") or ""),
        "text": (item.get("text") or "").strip(),
        "version": version,
    }


def _tiers_write(distance: dict) -> dict[str, ParticipationTier]:
    return {
        t["code"]: _upsert(
            ParticipationTier, t["code"], {**_common(t, distance["version"]), "labour_distance": t["labour_distance"]}
        )
        for t in distance["tiers"]
    }


@transaction.atomic
def participation_tiers_load(*, data_dir: Path = DATA_DIR) -> dict[str, ParticipationTier]:
    """The three tiers of distance.yaml, by code (idempotent): what a route map places its destinations under.

    The route maps call this before they link their tiers, so the tier has one source whatever is loaded first.
    """
    distance = _read(data_dir, "distance.yaml")
    _check_distance(distance)
    return _tiers_write(distance)


def _no_write(data) -> None:
    """The contract records the version; the loader below writes the rows (idempotent upserts)."""


@transaction.atomic
def participation_configuration_load(*, data_dir: Path = DATA_DIR) -> LoadReport:
    """Load distance.yaml, instruments.yaml, wage_subsidy.yaml and providers.yaml. Idempotent."""
    distance = _read(data_dir, "distance.yaml")
    instruments = _read(data_dir, "instruments.yaml")
    wage_subsidy = _read(data_dir, "wage_subsidy.yaml")
    providers = _read(data_dir, "providers.yaml")
    # Core's loader contract: each file names its version and effective date, a changed file under a loaded version
    # is refused before anything is written, a new version is recorded. The writes below stay idempotent upserts and
    # run on every load, so links to the catalog and the network made later are picked up.
    for name, document in (
        ("distance.yaml", distance),
        ("instruments.yaml", instruments),
        ("wage_subsidy.yaml", wage_subsidy),
        ("providers.yaml", providers),
    ):
        try:
            data_file_load(data_file_of(data_dir / name, document, f"participation/{Path(name).stem}"), _no_write)
        except ConfigurationError as error:
            raise ParticipationDataError(str(error)) from error
    _check_distance(distance)
    referral_instruments = {code for r in distance["referrals"] for code in r["instruments"]}
    # Loaded after the catalog (settings.ROUTEKAART_CONFIGURATION_LOADERS); without it the links wait for a next load.
    catalog_instruments = {i.code: i for i in catalog_selectors.instrument_list().prefetch_related(None)}
    _check_instruments(instruments, referral_instruments, set(catalog_instruments))
    _check_wage_subsidy(wage_subsidy)

    report = LoadReport()
    version = distance["version"]
    tiers = _tiers_write(distance)
    for c in distance["categories"]:
        category = _upsert(
            DistanceCategory,
            c["code"],
            {
                **_common(c, version),
                "labour_distance": c["labour_distance"],
                "description": (c.get("description") or "").strip(),
                "reference_share": Decimal(str(c["reference_share"])),
                "reassessment_months": c["reassessment_months"],
            },
        )
        category.tiers.set([tiers[code] for code in c["tiers"]])
    for rung in distance["ladder"]:
        _upsert(LadderRung, rung["code"], {**_common(rung, version), "description": rung.get("description", "")})
    report.written["categories"] = len(distance["categories"])

    version = instruments["version"]
    lines = {
        line["code"]: _upsert(SpendingLine, line["code"], _common(line, version))
        for line in instruments["spending_lines"]
    }
    results = {
        r["code"]: _upsert(
            Result,
            r["code"],
            {
                **_common(r, version),
                "destination": r.get("destination", ""),
                "is_placement": r.get("is_placement", False),
            },
        )
        for r in instruments["results"]
    }
    for item in instruments["instruments"]:
        instrument = _upsert(
            Instrument,
            item["code"],
            {
                **_common(item, version),
                "catalog_instrument": catalog_instruments.get(item.get("catalog_instrument") or ""),
                "catalog_destination": item.get("catalog_destination") or "",
                "building_blocks": item.get("building_blocks") or [],
                "spending_line": lines[item["spending_line"]],
                "provider_kinds": item["provider_kinds"],
                "labour_distances": item["labour_distances"],
                "is_reintegration": item.get("is_reintegration", True),
                "requires_decision": item.get("requires_decision", False),
                "requires_uwv_advice": item.get("requires_uwv_advice", False),
                "requires_target_group_register": item.get("requires_target_group_register", False),
                "requires_wage_value": item.get("requires_wage_value", False),
                "requires_employer": item.get("requires_employer", False),
                "requires_additionality": item.get("requires_additionality", False),
                "exemption_grounds": item.get("exemption_grounds") or [],
                "growth_potential": item.get("growth_potential"),
                "min_weeks": item.get("min_weeks"),
                "max_months": item.get("max_months"),
                "cost_basis": item["cost_basis"],
            },
        )
        instrument.results.set([results[code] for code in item["results"]])
        if item.get("catalog_instrument") and not catalog_instruments:
            report.catalog_links_skipped.append(item["code"])
    report.written["instruments"] = len(instruments["instruments"])

    _rule_set(RULES_DISTANCE, {k: distance[k] for k in ("version", "reference", "referrals")}, report)
    _rule_set(RULES_INSTRUMENTS, {k: instruments[k] for k in ("version", "exemption_grounds")}, report)
    # The rule set keeps the rules; the file's effective date is in the loaded version (and a date is no JSON).
    _rule_set(RULES_WAGE_SUBSIDY, {k: v for k, v in wage_subsidy.items() if k != "effective_from"}, report)

    report.providers_skipped = participation_providers_load(document=providers)
    report.written["providers"] = ParticipationProvider.objects.count()
    return report


def participation_providers_load(*, document: dict | None = None) -> list[str]:
    """Give the organisations of providers.yaml their provider kinds; returns the codes not in the network yet.

    Separate from the main loader because the demo network and region presets may arrive after it: the demo
    generator calls it again once they exist.
    """
    document = document or _read(DATA_DIR, "providers.yaml")
    check = _Check("providers.yaml")
    for i, row in enumerate(document.get("providers") or []):
        if check.require(row, ["organisation", "kinds"], f"providers[{i}]"):
            check.subset(row["kinds"], set(ProviderKind.values), f"providers[{i}].kinds")
    check.raise_if_any()
    rows = document.get("providers") or []
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=[r["organisation"] for r in rows])}
    skipped = []
    for row in rows:
        organisation = organisations.get(row["organisation"])
        if organisation is None:
            skipped.append(row["organisation"])
            continue
        ParticipationProvider.objects.update_or_create(organisation=organisation, defaults={"kinds": row["kinds"]})
    return skipped


def wage_subsidy_rules() -> WageSubsidyRules:
    """The wage-subsidy rules of the highest loaded version; refuses when none is loaded."""
    rule_set = RuleSet.objects.filter(name=RULES_WAGE_SUBSIDY).order_by("-version").first()
    if rule_set is None:
        raise RulesError("the wage-subsidy rules are not loaded (manage.py load_configuration)")
    return WageSubsidyRules.from_document(rule_set.document)


def rule_document(name: str) -> dict:
    rule_set = RuleSet.objects.filter(name=name).order_by("-version").first()
    return rule_set.document if rule_set else {}
