"""Settings shared by every environment; each environment variable is documented once, in `.env.example`."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from environ.fileaware_mapping import FileAwareMapping

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
PACKAGE_DIR = SRC_DIR / "routekaart"


class _SecretFileMapping(FileAwareMapping):
    """Reads NAME from the file named by NAME_FILE when that is set (container secrets), without its final newline."""

    def __getitem__(self, key: str) -> str:
        value = super().__getitem__(key)
        return value.rstrip("\r\n") if self.env.get(key + "_FILE") else value


class _Env(environ.Env):
    ENVIRON = _SecretFileMapping()


env = _Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY")
# Key for the pseudonyms of data subjects in the processing log; rotate only with a re-keying plan. Its own key,
# not SECRET_KEY: rotating SECRET_KEY must not break the joins in the log.
PSEUDONYM_KEY = env.str("PSEUDONYM_KEY")
# The BSN at rest (residents.encryption): Fernet keys, the first encrypts and all decrypt (rotation), and the key
# of the keyed lookup hash. See docs/security.md, "BSN-versleuteling en sleutelrotatie".
BSN_ENCRYPTION_KEYS = env.list("BSN_ENCRYPTION_KEYS")
BSN_HASH_KEY = env.str("BSN_HASH_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'routekaart.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo serve reads while a write is under way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # Take the write lock when a transaction starts, so two requests never deadlock on upgrading it.
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    # Keep a connection per worker thread for a while instead of opening one per request, and check it before
    # reuse so a restarted PostgreSQL costs one failed check, not one failed request (docs/deployment.md).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "routekaart.web.admin_site.ConfigurationAdminConfig",  # django.contrib.admin, open to functioneel beheer
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "routekaart.core",  # its own tables only: the API's idempotency keys
    "routekaart.organisations",
    "routekaart.catalog",
    "routekaart.routes",
    "routekaart.audit",
    "routekaart.residents",
    "routekaart.access",
    "routekaart.work",
    "routekaart.participation",
    "routekaart.income",
    "routekaart.providers",
    "routekaart.legal",
    "routekaart.insights",
    "routekaart.jobs",
    "routekaart.portal",
    "routekaart.web",
]

MIDDLEWARE = [
    # First and (almost) last: requests and latency by view name, responses by status (core.metrics, /metrics).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database that does not answer is a Dutch 503 / problem details, not a 500 (core.outage).
    "routekaart.core.outage.DatabaseOutageMiddleware",
    "routekaart.audit.middleware.TraceMiddleware",
    "routekaart.core.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "routekaart.core.session_idle.SessionIdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A resident logged in with DigiD stays in /mijn/: before the staff's second factor (portal.middleware).
    "routekaart.portal.middleware.PortalAccountMiddleware",
    "routekaart.organisations.middleware.RequireSecondFactorMiddleware",
    "routekaart.organisations.middleware.ApiTokenUseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, inside the metrics: its transaction holds the view's, so an API write and its Idempotency-Key's answer
    # commit together.
    "routekaart.core.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "routekaart.urls"
WSGI_APPLICATION = "routekaart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "libraries": {"core_forms": "routekaart.core.form_tags"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "routekaart.web.context_processors.shell",
            ],
        },
    }
]

# --- Authentication -------------------------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Mijn Routekaart: residents log in with DigiD through the municipality's OIDC broker (portal.login) -------------
# The staff backends above stay first and LOGIN_URL stays the staff login: the portal's backend answers only the
# portal's own OIDC callback. The broker: its issuer (discovery at /.well-known/openid-configuration, read once per
# process), or each endpoint explicitly (an explicit endpoint wins over discovery); the client id and secret it
# issued; the claims that carry the BSN and the DigiD level; the lowest level let in. See docs/deployment.md.
AUTHENTICATION_BACKENDS.append("routekaart.portal.login.DigiDBackend")
PORTAL_OIDC_ISSUER = env.str("PORTAL_OIDC_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")  # unused: the claims come from the ID token
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_CLIENT_ID = env.str("PORTAL_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("PORTAL_OIDC_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = "RS256"  # the broker signs the ID token with its key (JWKS); never a shared secret, never none
OIDC_RP_SCOPES = env.str("PORTAL_OIDC_SCOPES", default="openid")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.float("PORTAL_OIDC_TIMEOUT", default=5.0)
OIDC_CREATE_USER = False  # an account is linked to a known resident only (residents.account_services)
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "portal:oidc_authentication_callback"
PORTAL_OIDC_BSN_CLAIM = env.str("PORTAL_OIDC_BSN_CLAIM", default="bsn")
PORTAL_OIDC_ASSURANCE_CLAIM = env.str("PORTAL_OIDC_ASSURANCE_CLAIM", default="acr")
# DigiD Midden (app or SMS): the level the sociaal domein's personal data asks for (portal.login.DIGID_LEVELS).
PORTAL_MIN_ASSURANCE = env.str(
    "PORTAL_MIN_ASSURANCE", default="urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
)

# Staff must prove a second factor (TOTP). Only the demo may let accounts marked as demo skip it.
TWO_FACTOR_REQUIRED = True
DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = False
OTP_TOTP_ISSUER = "Routekaart"

# Lock the account (not the IP: colleagues share an office address) after five failures, for a while.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # never write usernames to the console
# We lock the account on purpose (the requirement); the IP is not a parameter because offices share one.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Idle timeout: after this many idle seconds a session expires (core.session_idle). Activity is recorded, and the
# session saved, at most once per SESSION_ACTIVITY_SAVE_INTERVAL seconds: no session write on every request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ACTIVITY_SAVE_INTERVAL = env.int("SESSION_ACTIVITY_SAVE_INTERVAL", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files: NL Design System and htmx from npm, served by whitenoise ------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
# Only the files the templates link, not each package's whole dist folder (conf.static_vendor says why).
STATIC_VENDOR_FILES = [
    ("vendor/utrecht-css", NODE_MODULES / "@utrecht" / "component-library-css" / "dist", ["index.css"]),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist", ["theme.css"]),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist", ["htmx.min.js"]),
    # Apache ECharts draws the steering charts (insights): canvas renderer, its aria description, a data table beside
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist", ["echarts.min.js"]),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "routekaart.conf.static_vendor.VendorFilesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Documents of the household journal: a private store outside STATIC_ROOT and any folder a web server serves; only
# the download view (residents.journal_views) reads a file, after the access check. Random names, never a person's.
DOCUMENTS_ROOT = env.path("DOCUMENTS_ROOT", default=BASE_DIR / "var" / "documents")
# The iWmo/iJw message exchange with providers (providers.wire): the file-drop folders (in/, out/, done/), or
# another adapter named by PROVIDERS_WIRE (a dotted path) for the GGK/VECOZO exchange.
PROVIDERS_EXCHANGE_DIR = env.path("PROVIDERS_EXCHANGE_DIR", default=BASE_DIR / "var" / "exchange")
PROVIDERS_WIRE = env.str("PROVIDERS_WIRE", default="routekaart.providers.wire.FileDropWire")

# --- Security headers ------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "routekaart.core.errors.csrf_failure"  # Dutch, in the site's layout; problem details under /api/

# --- API ---------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",  # first: a refused token answers 401 with WWW-Authenticate
        "routekaart.core.authentication.SessionAuthentication",  # DRF's, refusing a missing CSRF token in Dutch
    ],
    # JSON bounded in size and depth (core.parsers); forms as DRF reads them by default.
    "DEFAULT_PARSER_CLASSES": [
        "routekaart.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "routekaart.web.api_schema.RoutekaartAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "routekaart.core.api_bounds.LimitOffsetPagination",
    # One answer for every refusal: problem details (application/problem+json) in Dutch, see core.api.
    "EXCEPTION_HANDLER": "routekaart.core.api.exception_handler",
    "PAGE_SIZE": 50,
}
# API tokens (organisations.api.tokens): made only from a session that passed the second factor; stored hashed. A
# token ends after the same idle time as a session and at the latest API_TOKEN_TTL_HOURS after it was made.
API_TOKEN_TTL = timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=8))
REST_KNOX = {
    "TOKEN_TTL": min(timedelta(seconds=SESSION_COOKIE_AGE), API_TOKEN_TTL),
    "AUTO_REFRESH": True,  # each use extends it by the idle time …
    "AUTO_REFRESH_MAX_TTL": API_TOKEN_TTL,  # … but never past this
    "TOKEN_LIMIT_PER_USER": 5,
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Routekaart API",
    "DESCRIPTION": (
        "Eén huishouden, één plan, één regisseur. Every refusal answers problem details (RFC 9457, "
        "application/problem+json) in Dutch; a 400 names each invalid field in invalidParams."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema is checked by its own test (test_openapi_schema); `check --deploy` stays about deployment.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "routekaart.core.idempotency.schema_document_header",  # the Idempotency-Key header on every write
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "routekaart.organisations.models.network.OrganisationKind",
        "CatalogScaleEnum": "routekaart.catalog.models.Scale",
        "CatalogZoneEnum": "routekaart.catalog.models.ZoneCode",
        "SchoolKindEnum": "routekaart.organisations.models.network.SchoolKind",
        "EmployerKindEnum": "routekaart.work.models.employers.EmployerKind",
        "OpeningStatusEnum": "routekaart.work.models.openings.OpeningStatus",
        "TrajectoryStatusEnum": "routekaart.routes.workflow.TrajectoryStatus",
        "PartyKindEnum": "routekaart.routes.models.templates.PARTY_KINDS",
        "ProviderAssignmentStatusEnum": "routekaart.providers.models.assignments.AssignmentStatus",
        "RouteStepOutcomeEnum": "routekaart.routes.workflow.Outcome",
        # klantbeheer (legal) and income's payments and recovery
        "ObjectionStatusEnum": "routekaart.legal.models.ObjectionStatus",
        "ObjectionOutcomeEnum": "routekaart.legal.models.ObjectionOutcome",
        "ObjectionEffectEnum": "routekaart.legal.models.DecisionEffect",
        "ObjectionChannelEnum": "routekaart.legal.models.ObjectionChannel",
        "ObjectionDecisionKindEnum": "routekaart.legal.models.DecisionKind",
        "AppealOutcomeEnum": "routekaart.legal.models.AppealOutcome",
        "AppealLevelEnum": "routekaart.legal.models.AppealLevel",
        "ConductComplaintStatusEnum": "routekaart.legal.models.StaffComplaintStatus",
        "ConductComplaintOutcomeEnum": "routekaart.legal.models.StaffComplaintOutcome",
        "EnforcementSignalStatusEnum": "routekaart.legal.models.EnforcementSignalStatus",
        "EnforcementSignalSourceEnum": "routekaart.legal.models.SignalSource",
        "InvestigationStatusEnum": "routekaart.legal.models.InvestigationStatus",
        "InvestigationOutcomeEnum": "routekaart.legal.models.InvestigationOutcome",
        "CulpabilityEnum": "routekaart.legal.models.Culpability",
        "PaymentRunStatusEnum": "routekaart.income.models.PaymentRunStatus",
        "PaymentRunKindEnum": "routekaart.income.models.PaymentRunKind",
        "PaymentLineKindEnum": "routekaart.income.models.PaymentLineKind",
        "ClaimStatusEnum": "routekaart.income.models.ClaimStatus",
        "ClaimKindEnum": "routekaart.income.models.ClaimKind",
        "ClaimReasonEnum": "routekaart.income.models.ClaimReason",
        "ClaimArrangementKindEnum": "routekaart.income.models.ArrangementKind",
        "ClaimMovementKindEnum": "routekaart.income.models.MovementKind",
    },
}

# --- Logging: never personal data (core.logging masks it in every record); JSON lines in production --------
# LOG_FORMAT: "text" (readable, the default here) or "json" (one object a line; the default in production.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "private": {
            "()": "routekaart.core.logging.PrivateDataFilter",
            "trace_id": "routekaart.audit.context.trace_id_if_any",
        }
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(trace_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(trace_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # Request logs would carry URLs with identifiers; keep them out of the console.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # runserver's access lines through the same filter (no query strings, no BSN).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
# The BRP (Haal Centraal BRP Personen bevragen v2, residents.brp): the API's root URL (the client adds /personen),
# its key (X-Api-Key; a *_FILE variant reads it from a file) and the seconds to wait. Empty URL: no BRP, manual entry
# only. The demo points at the local stub (conf/dev.py); docs/deployment.md says how to point at the real BRP.
BRP_API_URL = env.str("BRP_API_URL", default="")
BRP_API_KEY = env.str("BRP_API_KEY", default="")
BRP_TIMEOUT = env.float("BRP_TIMEOUT", default=5.0)
# The Dienst's own account the payment run's SEPA file pays from (income.sepa): IBAN, BIC and the name the bank
# knows. Empty: no run can be approved (the page says so). The demo and the tests use a test account (conf/dev.py).
PAYMENTS_DEBTOR_IBAN = env.str("PAYMENTS_DEBTOR_IBAN", default="")
PAYMENTS_DEBTOR_BIC = env.str("PAYMENTS_DEBTOR_BIC", default="")
PAYMENTS_DEBTOR_NAME = env.str("PAYMENTS_DEBTOR_NAME", default="")
# /metrics (core.metrics): open to this machine (no proxy in between) and to the bearer of this token; empty: no token.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

ROUTEKAART_DEMO = False

# What the one 403 page (core.views.access_denied_as_403) adds: the offer of emergency access.
ROUTEKAART_DENIED_CONTEXT = "routekaart.residents.views.denied_context"

# Configuration as data: each loader reads its app's versioned files and is idempotent.
ROUTEKAART_CONFIGURATION_LOADERS: list[str] = [
    "routekaart.audit.configuration.processing_activities_load",
    "routekaart.catalog.services.catalog_configuration_load",  # before routes: routes check catalog codes
    "routekaart.routes.configuration.route_maps_load",
    "routekaart.work.configuration.work_configuration_load",
    "routekaart.providers.configuration.products_load",  # after the catalog: products name its blocks
    "routekaart.access.configuration.access_configuration_load",
    "routekaart.income.configuration.income_configuration_load",
    "routekaart.participation.configuration.participation_configuration_load",
    "routekaart.jobs.configuration.schedules_load",  # after every app: it checks the job names
]
# Background jobs (routekaart.jobs, `manage.py jobs_worker`): Django's tasks API through the django-tasks backport,
# queued in the project's own database by django-tasks-db (SQLite in the demo, PostgreSQL in production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Demo data generators run by `manage.py setup_demo`, after the demo network exists.
ROUTEKAART_DEMO_GENERATORS: list[str] = [
    "routekaart.residents.generator.demo_municipality_generate",  # first: every other generator needs residents
    "routekaart.providers.demo.demo_market_ensure",  # before access: the demo decisions find contracts
    "routekaart.work.demo.work_demo_ensure",  # after the residents generator: it makes profiles for consenters
    "routekaart.participation.demo.demo_participation_generate",  # after the residents generator: benefit clients
    "routekaart.routes.demo.demo_trajectories_ensure",  # after the residents generator: schools need pupils
    "routekaart.income.demo.demo_income_generate",  # after the residents generator: benefit households
    "routekaart.access.demo.demo_access_ensure",  # after the residents generator: the regisseur's households
    "routekaart.providers.demo_delivery.demo_delivery_ensure",  # after access: De Linde starts what it was sent
    "routekaart.income.demo_payments.demo_payments_ensure",  # after income: a prepared payment run to approve
    "routekaart.income.demo_recovery.demo_recovery_ensure",  # after income: a claim settled against a benefit
    "routekaart.legal.demo_complaints.demo_complaints_ensure",  # after access: complaints and answered surveys
    "routekaart.portal.demo.demo_portal_resident_ensure",  # the portal resident's case, benefit, route
    "routekaart.legal.demo_objections.demo_objections_ensure",  # last: objections against every demo decision
    # after every generator that adds income reports or residents (the portal's too): its scan finds them on the
    # first run, so a second run adds no signal
    "routekaart.legal.demo_enforcement.demo_enforcement_ensure",
    "routekaart.insights.demo.demo_insights_ensure",  # last of all: the steering figures of everything above
]
