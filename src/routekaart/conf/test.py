"""Tests: the same settings as production where it matters; fast hashing; DATABASE_URL picks SQLite or PostgreSQL."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
# Fixed, public keys for tests (PSEUDONYM_KEY keeps the value it had by defaulting to SECRET_KEY).
os.environ.setdefault("PSEUDONYM_KEY", "test-only-insecure-key")
os.environ.setdefault("BSN_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWJzbi1rZXktbm90LWEtc2VjcmV0LTE=")
os.environ.setdefault("BSN_HASH_KEY", "test-only-bsn-hash-key")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The register's roles are read on every ask (production caches them 60 s): a test's requests run the same queries.
AUDIT_ROLES_CACHE_SECONDS = 0
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Served from the finders (node_modules and app folders); collectstatic is for production only.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Uploaded documents go to a fresh folder of this test run, never the project's var/documents; tests that look at
# the store point DOCUMENTS_ROOT at their own tmp_path.
DOCUMENTS_ROOT = Path(tempfile.mkdtemp(prefix="routekaart-documents-"))
# No BRP unless a test starts the stub (residents/tests/brp_stub.py) and points BRP_API_URL at it.
BRP_API_URL = ""
BRP_TIMEOUT = 2.0
# The payment run's debtor account: a valid test IBAN (no real bank account), for the demo and the tests.
PAYMENTS_DEBTOR_IBAN = "NL02ABNA0123456789"
PAYMENTS_DEBTOR_BIC = "ABNANL2A"
PAYMENTS_DEBTOR_NAME = "Dienst Weidebeek"
