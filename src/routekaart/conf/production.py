"""Production: PostgreSQL, HTTPS only, second factor required; everything else comes from the environment."""

from pathlib import Path

from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import env

DEBUG = False
TWO_FACTOR_REQUIRED = True
DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The load balancer's probes and the monitor talk plain HTTP to the worker on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/live$", r"^metrics$"]
# One JSON object a log line for the log collector (core.logging); LOG_FORMAT=text for a person at the console.
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", default="json")  # noqa: F405

# Static files: collectstatic writes only the hashed names (what {% static %} links) and does not compress the
# source maps no browser asks for compressed; that halves the folder and the build time.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# The BSN keys must be real Fernet keys from the environment; refuse to start otherwise (base.py already refuses
# when a variable is missing).
try:
    from cryptography.fernet import Fernet

    if not BSN_ENCRYPTION_KEYS:  # noqa: F405
        raise ValueError("empty")
    [Fernet(key) for key in BSN_ENCRYPTION_KEYS]  # noqa: F405
except ValueError as error:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "BSN_ENCRYPTION_KEYS moet uit Fernet-sleutels bestaan (komma-gescheiden; maak er een met "
        '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).'
    ) from error
if not PSEUDONYM_KEY:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PSEUDONYM_KEY is leeg; bij een upgrade: de waarde die SECRET_KEY tot nu toe had.")
if len(BSN_HASH_KEY) < 32:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("BSN_HASH_KEY moet een willekeurige sleutel van minstens 32 tekens zijn.")

# Household documents (DOCUMENTS_ROOT, from the environment) must lie outside what is served: never inside the
# static files or the code. Mount a persistent, backed-up volume there (docs/deployment.md).
_documents = Path(DOCUMENTS_ROOT).resolve()  # noqa: F405
if any(_documents.is_relative_to(Path(served).resolve()) for served in (STATIC_ROOT, PACKAGE_DIR) if served):  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DOCUMENTS_ROOT ligt in een map die de webserver uitlevert; kies een map daarbuiten.")
