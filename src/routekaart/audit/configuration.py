"""Load the register of processing activities from its versioned file, through core's loader contract.

Each register version adds a version of every activity (ProcessingActivityVersion); older versions stay. The
activity itself (the code processing log entries point at) is created once and shows the version in force. The
access check asks `activity_roles`, which reads the version in force on the day.
"""

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from ..core.configuration import ConfigurationError, DataFile, data_file_read, version_in_force, version_load
from .models import DataFileVersion, ProcessingActivity, ProcessingActivityVersion

DATA = Path(__file__).resolve().parent / "data"
REGISTER = "audit/processing_activities"
_FIELDS = ("name", "purpose", "legal_basis", "domain", "roles")
# The access check asks the roles on every page; the register changes only when it is loaded. Per process, per
# (code, day); emptied by the loader and by any save or delete of the register's rows in this process, and at most
# AUDIT_ROLES_CACHE_SECONDS old (default 60), so another process's load (`load_configuration` beside running
# workers) counts soon too. The test settings set 0: every ask reads, so a test's requests run the same queries.
_roles_cache: dict[tuple[str, date], list[str] | None] = {}
_roles_cache_since = [0.0]


def roles_cache_clear(**_kwargs: Any) -> None:
    """Forget the cached roles (the register was loaded or one of its rows changed)."""
    _roles_cache.clear()
    _roles_cache_since[0] = time.monotonic()


for _model in (DataFileVersion, ProcessingActivity, ProcessingActivityVersion):
    receiver([post_save, post_delete], sender=_model, dispatch_uid=f"audit-roles-cache-{_model.__name__}")(
        roles_cache_clear
    )


def data_file_load(data: DataFile, apply: Callable[[DataFile], Any]) -> bool:
    """Core's loader contract on the shared version table: the apps without a version table of their own use this
    (they import no audit model). True when the file's version was new, False when the same file was loaded."""
    return version_load(data, versions=DataFileVersion, apply=apply)


def _fields(row: dict, where: str) -> dict:
    missing = [key for key in ("code", "name", "purpose", "legal_basis") if not row.get(key)]
    if missing:
        raise ConfigurationError(f"{where}: {', '.join(missing)} ontbreekt")
    return {
        "name": row["name"],
        "purpose": row["purpose"],
        "legal_basis": row["legal_basis"],
        "domain": row.get("domain", ""),
        "roles": sorted(row.get("roles", [])),
    }


def _register_apply(data: DataFile) -> None:
    rows = data.content.get("activities") or []
    checked = {row.get("code"): _fields(row, f"{data.path.name} activities[{i}]") for i, row in enumerate(rows)}
    if len(checked) != len(rows):
        raise ConfigurationError(f"{data.path.name}: twee activiteiten met dezelfde code")
    for code, fields in checked.items():
        activity, _ = ProcessingActivity.objects.get_or_create(code=code, defaults={**fields, "version": data.version})
        ProcessingActivityVersion.objects.create(
            activity=activity, version=data.version, effective_from=data.effective_from, **fields
        )


def _in_force_show() -> None:
    """Each activity shows what the register in force says of it (history stays in its versions)."""
    in_force = version_in_force(DataFileVersion, REGISTER)
    if in_force is None:
        return
    for row in ProcessingActivityVersion.objects.filter(version=in_force.version).select_related("activity"):
        values = {key: getattr(row, key) for key in _FIELDS} | {"version": row.version}
        if any(getattr(row.activity, key) != value for key, value in values.items()):
            ProcessingActivity.objects.filter(pk=row.activity.pk).update(**values)


def processing_activities_load() -> str:
    """The entry for `load_configuration` (settings.ROUTEKAART_CONFIGURATION_LOADERS)."""
    data = data_file_read(DATA / "processing_activities.yaml", REGISTER)
    new = data_file_load(data, _register_apply)
    _in_force_show()
    roles_cache_clear()  # _in_force_show updates rows without signals
    rows = len(data.content.get("activities") or [])
    return f"{rows} processing activities, version {data.version} ({'new' if new else 'unchanged'})"


def activity_roles(code: str, on: date | None = None) -> list[str] | None:
    """The roles the register in force on `on` (today) lets process data for `code`; None for an unknown code.

    One query the first time in a process for the code and day (then cached, see AUDIT_ROLES_CACHE_SECONDS): the
    activity's version in the register version in force. Without loaded versions (a bare test database) the
    activity's own roles count.
    """
    on = on or timezone.localdate()
    if time.monotonic() - _roles_cache_since[0] >= getattr(settings, "AUDIT_ROLES_CACHE_SECONDS", 60.0):
        roles_cache_clear()
    key = (code, on)
    if key not in _roles_cache:
        _roles_cache[key] = _activity_roles_read(code, on)
    roles = _roles_cache[key]
    return list(roles) if roles is not None else None


def _activity_roles_read(code: str, on: date) -> list[str] | None:
    in_force = (
        DataFileVersion.objects.filter(name=REGISTER, effective_from__lte=on)
        .order_by("-effective_from", "-loaded_at")
        .values("version")[:1]
    )
    roles = (
        ProcessingActivityVersion.objects.filter(activity_id=code, version=Subquery(in_force))
        .values_list("roles", flat=True)
        .first()
    )
    if roles is None:
        roles = ProcessingActivity.objects.filter(code=code).values_list("roles", flat=True).first()
    return roles
