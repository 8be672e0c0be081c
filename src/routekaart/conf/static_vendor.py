"""A static files finder that ships only the named files of the npm packages (settings.STATIC_VENDOR_FILES).

Why not STATICFILES_DIRS on each package's dist folder: that ships every file in it (15 MB of design tokens, none
linked by a page), and collectstatic with the manifest storage rewrites every CSS file it ships, so one unused file
that points at an icon the package does not contain (background-image-icon.css -> pijltje.svg) stops the production
install. Naming the files the templates link keeps the install to what the pages need.
"""

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class VendorFilesFinder(BaseFinder):
    """Finds `<prefix>/<name>` for each (prefix, folder, names) of STATIC_VENDOR_FILES, and nothing else."""

    def __init__(self, *args, **kwargs) -> None:
        self.entries: list[tuple[str, FileSystemStorage, tuple[str, ...]]] = []
        for prefix, folder, names in settings.STATIC_VENDOR_FILES:
            storage = FileSystemStorage(location=str(folder))
            storage.prefix = prefix
            self.entries.append((prefix, storage, tuple(names)))
        super().__init__(*args, **kwargs)

    def check(self, **kwargs) -> list[Error]:
        missing = [
            str(Path(storage.location) / name)
            for _prefix, storage, names in self.entries
            for name in names
            if not storage.exists(name)
        ]
        if not missing:
            return []
        return [
            Error(
                f"Static vendor files are missing: {', '.join(missing)}.",
                hint="Run `npm ci` in the project root (make install does).",
                id="routekaart.E001",
            )
        ]

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        find_all = find_all or kwargs.get("all", False)  # Django 5.2 still passes the deprecated name
        matches = []
        for prefix, storage, names in self.entries:
            name = path.removeprefix(f"{prefix}/") if path.startswith(f"{prefix}/") else None
            if name in names and storage.exists(name):
                if not find_all:
                    return storage.path(name)
                matches.append(storage.path(name))
        return matches

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        for _prefix, storage, names in self.entries:
            for name in names:
                if storage.exists(name):
                    yield name, storage
