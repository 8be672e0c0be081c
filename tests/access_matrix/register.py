"""The register of processing activities as the matrix reads it: each activity's domain and `roles:`.

Read from the project's own register file (the path its loader, `audit.configuration`, reads), never from a copy.
An activity without `roles:` falls back to FALLBACK_ROLES below, and `test_every_activity_names_its_roles` fails
until the register names them itself.
"""

from __future__ import annotations

from functools import cache

import yaml

from routekaart.audit import configuration
from routekaart.organisations.roles import Role

# Only for activities whose `roles:` the register does not (yet) give; DESIGN.md's "Who uses it" table.
FALLBACK_ROLES: dict[str, frozenset[str]] = {
    "household-file": frozenset({Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL, Role.PROVIDER, Role.RESIDENT}),
    "household-composition": frozenset({Role.COORDINATOR, Role.JOB_COACH}),
    "youth-care": frozenset({Role.COORDINATOR, Role.PROVIDER}),
    "social-support": frozenset({Role.COORDINATOR, Role.PROVIDER}),
    "participation": frozenset({Role.COORDINATOR, Role.JOB_COACH}),
    "work-matching": frozenset({Role.COORDINATOR, Role.JOB_COACH, Role.EMPLOYER_ADVISER}),
    "work-placement": frozenset({Role.COORDINATOR, Role.JOB_COACH, Role.EMPLOYER_ADVISER}),
    "consent": frozenset({Role.COORDINATOR, Role.JOB_COACH}),
    "break-the-glass": frozenset({Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL, Role.PROVIDER}),
    "processing-log-review": frozenset({Role.PRIVACY_OFFICER, Role.RESIDENT}),
    "retention": frozenset({Role.PRIVACY_OFFICER}),
    "social-assistance": frozenset({Role.COORDINATOR}),
    "entitlement-check": frozenset({Role.COORDINATOR}),
    "demo-generation": frozenset({Role.FUNCTIONAL_ADMIN}),
}


@cache
def activities() -> dict[str, dict]:
    """code → {"domain": "G", "roles": frozenset or None (not given)}."""
    document = yaml.safe_load((configuration.DATA / "processing_activities.yaml").read_text(encoding="utf-8"))
    found = {}
    for row in document["activities"]:
        roles = row.get("roles")
        found[row["code"]] = {
            "domain": row.get("domain", ""),
            "roles": frozenset(roles) if roles is not None else None,
        }
    return found


def domain_of(code: str) -> str:
    return activities()[code]["domain"]


def roles_of(code: str) -> frozenset[str]:
    given = activities()[code]["roles"]
    return given if given is not None else FALLBACK_ROLES.get(code, frozenset())
