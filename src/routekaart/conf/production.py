"""Production: PostgreSQL, HTTPS only, second factor required; everything else comes from the environment."""

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
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
