"""Load the register of processing activities from its versioned file (idempotent)."""

from pathlib import Path

import yaml
from django.db import transaction

from .models import ProcessingActivity

DATA = Path(__file__).resolve().parent / "data"


@transaction.atomic
def processing_activities_load() -> str:
    document = yaml.safe_load((DATA / "processing_activities.yaml").read_text(encoding="utf-8"))
    changed = 0
    for row in document["activities"]:
        _, created = ProcessingActivity.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "purpose": row["purpose"],
                "legal_basis": row["legal_basis"],
                "domain": row.get("domain", ""),
                "roles": sorted(row.get("roles", [])),
                "version": document["version"],
            },
        )
        changed += created
    return f"{len(document['activities'])} processing activities ({changed} new), version {document['version']}"
