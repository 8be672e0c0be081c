"""Fixtures and helpers every app's tests share; loaded as a pytest plugin by the root conftest."""

import pytest
from django_otp.oath import totp

PASSWORD = "juist-wachtwoord-123"


class _Committed:
    """What the test database holds outside every test's transaction: the register of processing activities,
    committed once after the database is made (`django_db_setup` in the root conftest) and again after each
    transactional test, whose end empties every table."""

    register = False
    blocker = None


def register_commit(django_db_blocker) -> None:
    """Load the register into the test database outside any test's transaction, so tests start with it."""
    from django.db import connection

    from routekaart.audit.configuration import processing_activities_load

    _Committed.blocker = django_db_blocker
    with django_db_blocker.unblock():
        if connection.in_atomic_block:  # a module's own rolled-back transaction: not a place to commit
            return
        if "audit_processingactivity" not in connection.introspection.table_names():
            return  # no selected test asked for the database, so pytest-django made none: nothing to commit into
        processing_activities_load()
    _Committed.register = True


@pytest.fixture(autouse=True)
def processing_register(request):
    """The register of processing activities, which every processing log entry refers to (tests using the db).

    The database holds it already, committed (see `_Committed`): a test starts with exactly the rows a load at its
    start would leave, without paying for the load (126 statements, thousands of times); what it changes is rolled
    back. Only when it is not committed (a database made outside pytest-django) is it loaded in the test's
    transaction, as before. The loader's process state, the cache of roles, is emptied per test as a load would.
    """
    if request.node.get_closest_marker("django_db") is None and "live_server" not in request.fixturenames:
        return
    from routekaart.audit.configuration import processing_activities_load, roles_cache_clear

    request.getfixturevalue("_django_db_helper")  # the database as the marker asks for it, before we write
    if not _Committed.register:
        processing_activities_load()
    roles_cache_clear()
    if _is_transactional(request):
        request.addfinalizer(_register_emptied)


def _register_emptied() -> None:
    _Committed.register = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test emptied every table, commit the register again for the tests that follow (none
    follow the last test, whose teardown has already dropped the test database)."""
    yield
    if nextitem is not None and not _Committed.register and _Committed.blocker is not None:
        register_commit(_Committed.blocker)


@pytest.fixture
def production_login(settings):
    """Second factor required for everyone, as in production settings."""
    settings.TWO_FACTOR_REQUIRED = True
    settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = False
    settings.ROUTEKAART_DEMO = False
    return settings


@pytest.fixture
def demo_login(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = True
    settings.ROUTEKAART_DEMO = True
    return settings


def current_code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def staff_client(client, demo_login):
    """A logged-in client for a user with the given role: `staff_client(role)`."""
    from routekaart.organisations.tests.factories import UserFactory

    def make(role: str):
        user = UserFactory(role=role, is_demo=True)
        client.force_login(user)
        return client, user

    return make


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames


@pytest.fixture(autouse=True)
def _append_only_tables_can_be_emptied_after_transactional_tests(request):
    """A transactional test ends by emptying every table; lift the append-only triggers just for that, and put
    them back before the next test. Tests in a rolled-back transaction keep them throughout."""
    if not _is_transactional(request):
        yield
        return
    from django.db import connection

    from routekaart.audit import triggers

    request.getfixturevalue("_django_db_helper")
    triggers.install(connection)
    yield
    triggers.uninstall(connection)


# Tables a refused action may still write by design: the processing log records refusals (privacy by design), the
# session and the login throttle keep their own bookkeeping. Everything else must stay exactly as it was.
FINGERPRINT_IGNORES = frozenset(
    {"audit_processinglogentry", "audit_processinglogsubject", "django_session", "axes_accessattempt", "axes_accesslog"}
)


def database_fingerprint(ignore: frozenset[str] = FINGERPRINT_IGNORES) -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of its rows, to show that a refused action changed nothing.

    Compare the fingerprint before and after: `assert database_fingerprint() == before`. Test data is small, so
    reading every row is cheap; the checksum sees an updated value as well as an added or removed row.
    """
    import hashlib

    from django.db import connection

    fingerprint = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in ignore:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            fingerprint[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return fingerprint


def problem_fields(response) -> dict[str, list[str]]:
    """The Dutch reasons per field of a refused API request (problem details' `invalidParams`), by field path:
    `{"bsn": ["Dit BSN bestaat niet: …"], "goals.0": [...]}`. Checks on the way that it is problem details."""
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert body["status"] == response.status_code
    fields: dict[str, list[str]] = {}
    for param in body.get("invalidParams", []):
        fields.setdefault(param["name"], []).append(param["reason"])
    return fields


def problem_reasons(response) -> list[str]:
    """Every Dutch reason of a refused API request, whichever field it names, and its `detail`: for tests that
    check the message, not where it stands."""
    reasons = [reason for field in problem_fields(response).values() for reason in field]
    return [*reasons, response.json().get("detail", "")]


# The environment production settings need to start, with values that are valid but no secret: for tests that run
# `manage.py` or the settings in a subprocess under `routekaart.conf.production`.
PRODUCTION_TEST_ENV: dict[str, str] = {
    "SECRET_KEY": "a" * 10 + "Zq8-long-random-production-secret-key-that-is-not-real-xyz",
    "ALLOWED_HOSTS": "routekaart.example.nl",
    "DATABASE_URL": "sqlite:///:memory:",
    "BSN_ENCRYPTION_KEYS": "uZ0z2a1mXQxGxJ0cQm0Wb3l8bqkqgk1X2E6k5m1bVvE=",
    "BSN_HASH_KEY": "h" * 40,
    "PSEUDONYM_KEY": "p" * 40,
}
