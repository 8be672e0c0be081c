"""The one contract every app's configuration loader follows: file → checked records → a new version.

- A data file is YAML with a mapping at the top that names its `version` and its `effective_from` date
  (`data_file_read`). Its checksum is of the data, not the bytes: a comment or a re-wrapped line is no change.
- `version_load` applies a file once per version and records the version (with its effective date) in the app's
  version table, a concrete subclass of `LoadedVersion`:
  - a new version is applied and recorded; the versions before it stay, so older versions stay readable;
  - the same file again changes nothing (idempotent);
  - a changed file under a version number already loaded is refused, with a Dutch message naming the file, and
    nothing is loaded (the whole file is one transaction); so is a version older than the newest loaded.
- `version_in_force` says which loaded version applies on a day: the newest whose effective date has come.

Dependency-free: Django and PyYAML only, nothing of Routekaart, so every app may use it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import limits


class ConfigurationError(Exception):
    """A data file that cannot be loaded; the message (Dutch) names the file and what to fix."""


def version_key(version: str | int) -> tuple:
    """Order versions as numbers part by part: "2026.10" comes after "2026.9", and 10 after 9."""
    return tuple(int(part) if part.isdigit() else part for part in str(version).split("."))


def content_checksum(content: Any) -> str:
    """SHA-256 of the data itself (keys sorted), so formatting and comments do not count as a change."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class DataFile:
    """One read data file: what `version_load` needs to decide whether it is new, the same, or refused."""

    name: str  # the key in the version table, e.g. "audit/processing_activities" or "preset:<code>"
    path: Path
    version: str
    effective_from: date
    checksum: str  # of the data
    file_checksum: str  # of the bytes (older version tables stored this one)
    content: dict

    @property
    def source(self) -> str:
        return f"{self.path.name} v{self.version}"


def data_file_read(path: Path, name: str | None = None) -> DataFile:
    """Read a YAML data file; refuse it when it is no mapping or lacks a `version` or an `effective_from` date."""
    if not path.exists():
        raise ConfigurationError(_("%(file)s: het bestand bestaat niet") % {"file": path})
    raw = path.read_bytes()
    try:
        content = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise ConfigurationError(
            _("%(file)s: geen geldige YAML (%(error)s)") % {"file": path.name, "error": error}
        ) from error
    return data_file_of(path, content, name, raw)


def data_file_of(path: Path, content: Any, name: str | None = None, raw: bytes | None = None) -> DataFile:
    """The contract's checks on an already-read document (a loader that reads or edits its own YAML uses this)."""
    if not isinstance(content, dict):
        raise ConfigurationError(_("%(file)s: bovenaan staat geen mapping") % {"file": path.name})
    version = content.get("version")
    if isinstance(version, float):  # 2026.10 would read as 2026.1: a dotted version is text
        raise ConfigurationError(
            _("%(file)s: zet een versie met een punt tussen aanhalingstekens ('version: \"%(version)s\"')")
            % {"file": path.name, "version": version}
        )
    if isinstance(version, bool) or not isinstance(version, int | str) or not str(version).strip():
        raise ConfigurationError(_("%(file)s: 'version' ontbreekt bovenaan het bestand") % {"file": path.name})
    if isinstance(version, int) and version < 1:
        raise ConfigurationError(_("%(file)s: 'version' is een positief getal") % {"file": path.name})
    effective_from = content.get("effective_from")
    if not isinstance(effective_from, date):
        try:
            effective_from = date.fromisoformat(str(effective_from))
        except ValueError as error:
            raise ConfigurationError(
                _("%(file)s: 'effective_from' ontbreekt bovenaan het bestand of is geen datum (JJJJ-MM-DD)")
                % {"file": path.name}
            ) from error
    return DataFile(
        name=name or path.stem,
        path=path,
        version=str(version).strip(),
        effective_from=effective_from,
        checksum=content_checksum(content),
        file_checksum=hashlib.sha256(raw).hexdigest() if raw is not None else "",
        content=content,
    )


class LoadedVersion(models.Model):
    """A version of a data file that was loaded: the common base of every app's version table."""

    name = models.CharField(gettext_lazy("bestand"), max_length=100)
    version = models.CharField(gettext_lazy("versie"), max_length=20)
    effective_from = models.DateField(gettext_lazy("geldig vanaf"), validators=limits.planned())
    checksum = models.CharField(gettext_lazy("controlegetal (SHA-256)"), max_length=64)
    content = models.JSONField(
        gettext_lazy("inhoud"),
        encoder=DjangoJSONEncoder,
        default=dict,
        help_text=gettext_lazy("Het bestand zoals het in deze versie luidde: ook een oude versie blijft leesbaar."),
    )
    loaded_at = models.DateTimeField(gettext_lazy("geladen op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        abstract = True
        ordering = ["name", "effective_from", "loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="%(app_label)s_%(class)s_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


def version_check(data: DataFile, loaded: dict[str, str]) -> bool:
    """The contract's decision for `data` given the loaded versions of its file ({version: checksum}): True when
    its version is new, False when the same file is loaded; refused (ConfigurationError) when the contents changed
    under a loaded version or the version is older than the newest loaded. For an app with a version table of its
    own shape (routes' RouteMap); the others use `version_load`."""
    loaded = {str(version): checksum for version, checksum in loaded.items()}
    if data.version in loaded:
        if loaded[data.version] not in (data.checksum, data.file_checksum):
            raise ConfigurationError(
                _(
                    "%(file)s: de inhoud is gewijzigd, maar versie %(version)s is al geladen. Verhoog 'version' "
                    "(en zet 'effective_from') om de wijziging vast te leggen; er is niets geladen."
                )
                % {"file": data.path.name, "version": data.version}
            )
        return False
    newest = max(loaded, key=version_key, default=None)
    if newest is not None and version_key(newest) > version_key(data.version):
        raise ConfigurationError(
            _("%(file)s: versie %(version)s is ouder dan de geladen versie %(newest)s; er is niets geladen.")
            % {"file": data.path.name, "version": data.version, "newest": newest}
        )
    return True


def version_load(data: DataFile, *, versions: type[models.Model], apply: Callable[[DataFile], Any]) -> bool:
    """Apply `data` once for its version and record it in `versions`; True when it was new, False when the same.

    Refused (ConfigurationError, nothing written): changed contents under a loaded version, or a version older
    than the newest loaded. `apply` writes the file's records as a new version; it never overwrites an older one.
    """
    with transaction.atomic():
        loaded = dict(versions.objects.filter(name=data.name).values_list("version", "checksum"))
        if not version_check(data, loaded):
            return False
        apply(data)
        record = {"name": data.name, "version": data.version, "effective_from": data.effective_from}
        if issubclass(versions, LoadedVersion):  # the version table keeps what the file said
            record["content"] = data.content
        versions.objects.create(checksum=data.checksum, **record)
    return True


def version_in_force(versions: type[models.Model], name: str, on: date | None = None):
    """The loaded version of file `name` that applies on `on` (today): the newest whose effective date has come."""
    on = on or timezone.localdate()
    candidates = list(versions.objects.filter(name=name, effective_from__lte=on))
    return max(candidates, key=lambda v: (v.effective_from, version_key(v.version)), default=None)


class InForceManager(models.Manager):
    """A model's rows of the version of its data file in force today; every version stays in the table.

    `versions` is the version table ("app_label.Model"), `name` the file's key there. Rows of a file that has no
    loaded version (a bare test database) all count. One query: the version in force is a subquery.
    """

    def __init__(self, versions: str, name: str) -> None:
        super().__init__()
        self.versions = versions
        self.file_name = name

    def get_queryset(self) -> models.QuerySet:
        in_force = (
            apps.get_model(self.versions)
            .objects.filter(name=self.file_name, effective_from__lte=timezone.localdate())
            .order_by("-effective_from", "-loaded_at")
            .values("version")[:1]
        )
        return super().get_queryset().filter(version=Coalesce(models.Subquery(in_force), models.F("version")))
