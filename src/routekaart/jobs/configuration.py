"""Load the jobs' schedules from their versioned file (jobs/data/schedules.yaml) through core's loader contract."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit.configuration import data_file_load
from ..core.configuration import ConfigurationError, DataFile, data_file_read
from .models import Every, Schedule
from .registry import JOBS

DATA = Path(__file__).resolve().parent / "data" / "schedules.yaml"


def _row(row: dict, where: str) -> dict:
    job = row.get("job")
    if job not in JOBS:
        raise ConfigurationError(_("%(where)s: onbekende taak '%(job)s'") % {"where": where, "job": job})
    if row.get("every") not in Every.values:
        raise ConfigurationError(_("%(where)s: 'every' is 'day' of 'year'") % {"where": where})
    try:
        at = time.fromisoformat(str(row.get("at")))
    except ValueError as error:
        raise ConfigurationError(_("%(where)s: 'at' is een tijd als \"02:00\"") % {"where": where}) from error
    month, day = row.get("month"), row.get("day")
    if row["every"] == Every.YEAR and not (
        isinstance(month, int) and 1 <= month <= 12 and isinstance(day, int) and 1 <= day <= 31
    ):
        raise ConfigurationError(_("%(where)s: een jaarlijkse taak heeft een 'month' en een 'day'") % {"where": where})
    return {
        "every": row["every"],
        "at": at,
        "month": month if row["every"] == Every.YEAR else None,
        "day": day if row["every"] == Every.YEAR else None,
        "enabled": bool(row.get("enabled", True)),
    }


def _apply(data: DataFile) -> None:
    rows = data.content.get("schedules") or []
    checked = {row.get("job"): _row(row, f"{data.path.name} schedules[{i}]") for i, row in enumerate(rows)}
    if len(checked) != len(rows):
        raise ConfigurationError(_("%(file)s: twee schema's voor dezelfde taak") % {"file": data.path.name})
    for job, fields in checked.items():
        Schedule.objects.update_or_create(job=job, defaults={**fields, "version": str(data.version)})
    Schedule.objects.exclude(job__in=checked).update(enabled=False)


@transaction.atomic
def schedules_load(*, path: Path = DATA) -> str:
    """Load schedules.yaml: a new version replaces the schedules, the same file changes nothing."""
    data = data_file_read(path, "jobs/schedules")
    loaded = data_file_load(data, _apply)
    return f"schedules {data.version}: {'geladen' if loaded else 'ongewijzigd'}"
