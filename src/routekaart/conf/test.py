"""Tests: the same settings as production where it matters; fast hashing; DATABASE_URL picks SQLite or PostgreSQL."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Served from the finders (node_modules and app folders); collectstatic is for production only.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the live server answers htmx requests in parallel threads, each with its own
    # connection; an in-memory database would share one connection between them.
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"routekaart-test-{os.getpid()}.sqlite3")
    }
