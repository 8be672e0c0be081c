"""Load the werkgeversdienstverlening's configuration from its versioned files (work/data/*.yaml); idempotent.

- vocabulary.yaml: competences and sectors. A new code gets the next free bit, for good: matching keeps
  competences and sectors as bits, so a bit is never reused. A code left out of the file is marked not in use.
- postcode_areas.yaml: PC4 centroids for travel distances; ranges are expanded to one row per area.
- rules.yaml: matching weights, placement terms, social-return valuation. A version is stored once; the same
  version with other contents is refused (raise the version), so what was decided under a version stays explained.

Every file goes through core's loader contract (a `version` and an `effective_from` at the top): a file is
applied once per version, loading twice changes nothing, and a changed file under a loaded version is refused.
Everything a file says is checked before anything is written.
"""

import hashlib
import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from ..audit import services as audit
from ..audit.configuration import data_file_load
from ..core.configuration import ConfigurationError, DataFile, data_file_read
from .models import Competence, PostcodeArea, Sector, WorkRules
from .models.reference import MAX_BITS

DATA = Path(__file__).resolve().parent / "data"
WEIGHT_NAMES = ("skills", "hours", "distance", "wage_value", "eligibility", "wishes")
INSTRUMENT_NEEDS = (None, "wage_value_below_100")


class WorkConfigurationError(ConfigurationError):
    """A configuration file that cannot be loaded; the message names the file and what to fix."""


def _read(name: str) -> DataFile:
    return data_file_read(DATA / name, f"work/{Path(name).stem}")


def rules_check(content: dict) -> list[str]:
    """What is wrong with a rules document (empty when it can be loaded)."""
    problems = []
    matching = content.get("matching") or {}
    weights = matching.get("weights") or {}
    if sorted(weights) != sorted(WEIGHT_NAMES):
        problems.append(f"matching.weights: expected exactly {', '.join(WEIGHT_NAMES)}")
    elif any(not isinstance(w, int) or w < 0 for w in weights.values()) or sum(weights.values()) != 100:
        problems.append("matching.weights: whole, non-negative numbers that add up to 100")
    for key in ("hours_tolerance", "wage_value_tolerance", "top"):
        if not isinstance(matching.get(key), int) or matching[key] <= 0:
            problems.append(f"matching.{key}: a positive whole number")
    for key in ("distance_share_at_limit", "unknown_share"):
        if not isinstance(matching.get(key), int | float) or not 0 <= matching[key] <= 1:
            problems.append(f"matching.{key}: a share between 0 and 1")
    placement = content.get("placement") or {}
    if not isinstance(placement.get("trial_max_months"), int) or placement["trial_max_months"] <= 0:
        problems.append("placement.trial_max_months: a positive whole number")
    months = placement.get("check_months")
    if not months or any(not isinstance(m, int) or m <= 0 for m in months) or sorted(set(months)) != months:
        problems.append("placement.check_months: increasing positive whole numbers")
    for i, instrument in enumerate(placement.get("instruments") or []):
        if not instrument.get("code") or not instrument.get("name") or instrument.get("needs") not in INSTRUMENT_NEEDS:
            problems.append(f"placement.instruments[{i}]: code, name and needs ({INSTRUMENT_NEEDS})")
    social_return = content.get("social_return") or {}
    valuation = social_return.get("valuation") or {}
    if not isinstance(social_return.get("default_percentage"), int | float) or social_return["default_percentage"] <= 0:
        problems.append("social_return.default_percentage: a positive number")
    for key in ("placement_per_fte_year", "learn_work_place_per_month", "social_firm_purchase_share", "fte_hours"):
        if not isinstance(valuation.get(key), int | float) or valuation[key] <= 0:
            problems.append(f"social_return.valuation.{key}: a positive number")
    return problems


def _vocabulary_load(model, rows: list[dict], extra: tuple[str, ...] = ()) -> int:
    existing = {obj.code: obj for obj in model.objects.all()}
    top = model.objects.aggregate(m=Max("bit"))["m"]
    next_bit = 0 if top is None else top + 1
    changed = 0
    for row in rows:
        values = {"name": row["name"], "is_active": True, **{k: row[k] for k in extra}}
        obj = existing.get(row["code"])
        if obj is None:
            if next_bit >= MAX_BITS:
                raise WorkConfigurationError(f"vocabulary.yaml: at most {MAX_BITS} {model._meta.verbose_name_plural}")
            model.objects.create(code=row["code"], bit=next_bit, **values)
            next_bit += 1
            changed += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            changed += 1
    gone = model.objects.filter(is_active=True).exclude(code__in=[r["code"] for r in rows])
    changed += gone.update(is_active=False)
    return changed


def _postcode_areas_load(document: dict) -> int:
    wanted: dict[str, dict] = {}
    for row in document["areas"]:
        start, stop = int(row["from"]), int(row["to"])
        if not 1000 <= start <= stop <= 9999:
            raise WorkConfigurationError(f"postcode_areas.yaml: {row['place']}: from/to are postcodes 1000-9999")
        for pc4 in range(start, stop + 1):
            wanted[str(pc4)] = {"place": row["place"], "latitude": float(row["lat"]), "longitude": float(row["lon"])}
    existing = {a.pc4: a for a in PostcodeArea.objects.filter(pc4__in=wanted)}
    new, changed = [], []
    for pc4, values in wanted.items():
        area = existing.get(pc4)
        if area is None:
            new.append(PostcodeArea(pc4=pc4, source="configuration", **values))
        elif any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            changed.append(area)
    PostcodeArea.objects.bulk_create(new)
    PostcodeArea.objects.bulk_update(changed, ["place", "latitude", "longitude"])
    return len(new) + len(changed)


def _rules_load(content: dict) -> str:
    problems = rules_check(content)
    if problems:
        raise WorkConfigurationError("rules.yaml: " + "; ".join(problems))
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    version = int(content["version"])
    effective_from = date.fromisoformat(str(content["effective_from"]))
    stored = WorkRules.objects.filter(version=version).first()
    if stored is not None:
        if stored.digest != digest:
            raise WorkConfigurationError(
                f"rules.yaml: version {version} is already loaded with other contents; raise the version"
            )
        return "unchanged"
    rules = WorkRules.objects.create(
        version=version,
        effective_from=effective_from,
        content=json.loads(json.dumps(content, default=str)),
        digest=digest,
    )
    audit.action_record(
        actor=None,
        action="work_rules.loaded",
        subject=("work_rules", rules.pk),
        after={"version": version, "effective_from": effective_from},
    )
    return "loaded"


@transaction.atomic
def work_configuration_load() -> str:
    vocabulary, areas, rules = _read("vocabulary.yaml"), _read("postcode_areas.yaml"), _read("rules.yaml")
    changed = {"competences": 0, "sectors": 0, "postcodes": 0, "rules": "unchanged"}

    def vocabulary_apply(data: DataFile) -> None:
        changed["competences"] = _vocabulary_load(Competence, data.content["competences"], extra=("group",))
        changed["sectors"] = _vocabulary_load(Sector, data.content["sectors"])

    def areas_apply(data: DataFile) -> None:
        changed["postcodes"] = _postcode_areas_load(data.content)

    def rules_apply(data: DataFile) -> None:
        changed["rules"] = _rules_load(data.content)

    data_file_load(vocabulary, vocabulary_apply)
    data_file_load(areas, areas_apply)
    data_file_load(rules, rules_apply)
    return (
        f"{Competence.objects.filter(is_active=True).count()} competences ({changed['competences']} changed), "
        f"{Sector.objects.filter(is_active=True).count()} sectors ({changed['sectors']} changed), "
        f"{PostcodeArea.objects.count()} postcode areas ({changed['postcodes']} changed), "
        f"rules v{rules.version} {changed['rules']}"
    )
