"""Load the integrale toegang's rules from its versioned files (data/*.yaml); idempotent.

Rows are matched on their code and updated in place, so loading twice changes nothing, and rows that cases point
at are never deleted. Deadlines and decisions copy the term and basis they were opened under, so a new version of
a rule never rewrites history.
"""

from pathlib import Path

import yaml
from django.db import transaction

from .models import DeadlineChangeRule, DeadlineRule, LegalBasis, LifeDomain, Policy, ScaleStep

DATA = Path(__file__).resolve().parent / "data"


class AccessDataError(Exception):
    """A data file that cannot be loaded; the message names the file and what to fix."""


def _read(name: str) -> dict:
    document = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    if not isinstance(document, dict) or "version" not in document:
        raise AccessDataError(f"{name}: expected a mapping with a 'version'")
    return document


def _life_domains_apply(document: dict) -> int:
    version = str(document["version"])
    scores = [row["score"] for row in document["scale"]]
    if sorted(scores) != [1, 2, 3, 4, 5]:
        raise AccessDataError(f"life_domains.yaml: the scale must have the scores 1 to 5, found {scores}")
    for row in document["scale"]:
        ScaleStep.objects.update_or_create(score=row["score"], defaults={"name": row["name"], "version": version})
    for order, row in enumerate(document["life_domains"], start=1):
        LifeDomain.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "description": row.get("description", ""),
                "order": order,
                "version": version,
            },
        )
    return len(document["life_domains"])


def _deadlines_apply(document: dict) -> int:
    version = str(document["version"])
    change_codes = set()
    for row in document["changes"]:
        DeadlineChangeRule.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "basis": row["basis"],
                "description": row.get("description", ""),
                "before_due": bool(row.get("before_due", True)),
                "needs_notice": bool(row.get("needs_notice", True)),
                "version": version,
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
        DeadlineRule.objects.update_or_create(
            code=row["code"],
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
                "version": version,
            },
        )
    return len(document["deadlines"])


def _decisions_apply(document: dict) -> int:
    version = str(document["version"])
    objection = document["objection"]
    for row in document["laws"]:
        LegalBasis.objects.update_or_create(
            law=row["code"],
            defaults={
                "name": row["name"],
                "decision_basis": row["decision_basis"],
                "urgent_basis": row.get("urgent_basis") or "",
                "objection_weeks": objection["weeks"],
                "objection_basis": objection["basis"],
                "version": version,
            },
        )
    policy = document["policy"]
    values = {
        "reopen_within_days": policy["reopen_within_days"],
        "due_soon_days": policy["due_soon_days"],
        "general_provision_clusters": list(policy["general_provision_clusters"]),
        "version": version,
    }
    current = Policy.objects.order_by("pk").first()
    if current is None:
        Policy.objects.create(**values)
    else:
        Policy.objects.filter(pk=current.pk).update(**values)
    return len(document["laws"])


@transaction.atomic
def access_configuration_load() -> str:
    """The entry for `load_configuration` (settings.ROUTEKAART_CONFIGURATION_LOADERS)."""
    domains = _life_domains_apply(_read("life_domains.yaml"))
    deadlines = _deadlines_apply(_read("deadlines.yaml"))
    laws = _decisions_apply(_read("decisions.yaml"))
    return f"{domains} life domains, {deadlines} deadline rules, {laws} legal bases"
