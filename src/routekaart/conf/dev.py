"""Development and demo: SQLite, debug on, demo accounts may skip the second factor (shown on every page)."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "True")
# Fixed, public keys: demo data only. PSEUDONYM_KEY keeps the value it had (it used to default to SECRET_KEY).
os.environ.setdefault("PSEUDONYM_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("BSN_ENCRYPTION_KEYS", "ZGV2LW9ubHktYnNuLWtleS1ub3QtYS1zZWNyZXQtMDE=")
os.environ.setdefault("BSN_HASH_KEY", "dev-only-bsn-hash-key-not-a-secret")

from .base import *  # noqa: F403

ROUTEKAART_DEMO = True
# The local BRP stub that `make demo` starts beside runserver (residents/brp/stub.py, BRP_STUB_PORT in the Makefile).
BRP_API_URL = env.str("BRP_API_URL", default="http://127.0.0.1:8001/haalcentraal/api/brp")  # noqa: F405
# DigiD for Mijn Routekaart: the local OIDC provider `make demo` starts beside runserver (OIDC_PORT in the Makefile).
PORTAL_OIDC_ISSUER = env.str("PORTAL_OIDC_ISSUER", default="http://127.0.0.1:8002")  # noqa: F405
OIDC_RP_CLIENT_ID = env.str("PORTAL_OIDC_CLIENT_ID", default="routekaart-demo")  # noqa: F405
OIDC_RP_CLIENT_SECRET = env.str("PORTAL_OIDC_CLIENT_SECRET", default="routekaart-demo")  # noqa: F405
DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Served from the finders (node_modules and app folders); collectstatic is for production only.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The payment run's debtor account: a valid test IBAN (no real bank account), for the demo and the tests.
PAYMENTS_DEBTOR_IBAN = "NL02ABNA0123456789"
PAYMENTS_DEBTOR_BIC = "ABNANL2A"
PAYMENTS_DEBTOR_NAME = "Dienst Weidebeek"
