"""Load the integrale toegang's rules from its versioned files (data/*.yaml), through core's loader contract.

Each version of a file adds its own rows (a deadline rule, a legal basis, the policy … per version), effective from
the file's `effective_from`; older versions stay, so a deadline keeps pointing at the rule it was opened under, and
the models' default manager reads the version in force. Loading the same file twice changes nothing; a changed file
under a loaded version is refused (raise `version`). Rows loaded before the contract keep their version and are
matched by it, so no row is deleted or duplicated.
"""

from pathlib import Path

from django.db import transaction

from ..audit.configuration import data_file_load
from ..core.configuration import ConfigurationError, DataFile, data_file_read
from .models import DeadlineChangeRule, DeadlineRule, LegalBasis, LifeDomain, Policy, ScaleStep

DATA = Path(__file__).resolve().parent / "data"


class AccessDataError(ConfigurationError):
    """A data file that cannot be loaded; the message names the file and what to fix."""


def _read(name: str) -> DataFile:
    return data_file_read(DATA / name, f"access/{Path(name).stem}")


def _life_domains_apply(data: DataFile) -> None:
    document, version = data.content, data.version
    scores = [row["score"] for row in document["scale"]]
    if sorted(scores) != [1, 2, 3, 4, 5]:
        raise AccessDataError(f"life_domains.yaml: the scale must have the scores 1 to 5, found {scores}")
    for row in document["scale"]:
        ScaleStep.all_versions.update_or_create(score=row["score"], version=version, defaults={"name": row["name"]})
    for order, row in enumerate(document["life_domains"], start=1):
        LifeDomain.all_versions.update_or_create(
            code=row["code"],
            version=version,
            defaults={"name": row["name"], "description": row.get("description", ""), "order": order},
        )


def _deadlines_apply(data: DataFile) -> None:
    document, version = data.content, data.version
    change_codes = set()
    for row in document["changes"]:
        DeadlineChangeRule.all_versions.update_or_create(
            code=row["code"],
            version=version,
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "basis": row["basis"],
                "description": row.get("description", ""),
                "before_due": bool(row.get("before_due", True)),
                "needs_notice": bool(row.get("needs_notice", True)),
            },
        )
        change_codes.add(row["code"])
    for row in document["deadlines"]:
        unknown = set(row.get("changes", [])) - change_codes
        if unknown:
            raise AccessDataError(f"deadlines.yaml: {row['code']} names unknown changes {sorted(unknown)}")
        if not row.get("term_weeks") and not row.get("term_months"):
            raise AccessDataError(f"deadlines.yaml: {row['code']} needs term_weeks or term_months")
        opens = row.get("opens_on") or {}
        DeadlineRule.all_versions.update_or_create(
            code=row["code"],
            version=version,
            defaults={
                "name": row["name"],
                "law": row["law"],
                "kind": row["kind"],
                "basis": row["basis"],
                "description": row.get("description", ""),
                "term_weeks": row.get("term_weeks", 0),
                "term_months": row.get("term_months", 0),
                "signal_kinds": opens.get("signal_kinds", []),
                "domain": opens.get("domain", ""),
                "under_age": opens.get("under_age"),
                "met_by": row.get("met_by", []),
                "changes": row.get("changes", []),
            },
        )


def _decisions_apply(data: DataFile) -> None:
    document, version = data.content, data.version
    objection = document["objection"]
    for row in document["laws"]:
        LegalBasis.all_versions.update_or_create(
            law=row["code"],
            version=version,
            defaults={
                "name": row["name"],
                "decision_basis": row["decision_basis"],
                "urgent_basis": row.get("urgent_basis") or "",
                "objection_weeks": objection["weeks"],
                "objection_basis": objection["basis"],
            },
        )
    policy = document["policy"]
    Policy.all_versions.update_or_create(
        version=version,
        defaults={
            "reopen_within_days": policy["reopen_within_days"],
            "due_soon_days": policy["due_soon_days"],
            "general_provision_clusters": list(policy["general_provision_clusters"]),
        },
    )


@transaction.atomic
def access_configuration_load() -> str:
    """The entry for `load_configuration` (settings.ROUTEKAART_CONFIGURATION_LOADERS)."""
    loaded = []
    for name, apply in (
        ("life_domains.yaml", _life_domains_apply),
        ("deadlines.yaml", _deadlines_apply),
        ("decisions.yaml", _decisions_apply),
    ):
        data = _read(name)
        new = data_file_load(data, apply)
        loaded.append(f"{data.source} ({'new' if new else 'unchanged'})")
    return (
        f"{LifeDomain.objects.count()} life domains, {DeadlineRule.objects.count()} deadline rules, "
        f"{LegalBasis.objects.count()} legal bases in force; {', '.join(loaded)}"
    )
