"""The access matrix's world: built once per module inside a transaction that is rolled back afterwards.

Each cell runs in its own savepoint (`in_savepoint`), so what a request writes (log entries, a withdrawn consent) is
undone before the next cell is asked. A bare savepoint instead of pytest-django's per-test TestCase machinery:
that machinery cost more than the request itself, thousands of times over.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import Client
from django.test.utils import setup_databases, teardown_databases
from django_otp import DEVICE_ID_SESSION_KEY

from .world import World, world_build


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with world_rolled_back(django_db_blocker) as built:
        yield built


@contextmanager
def world_rolled_back(django_db_blocker) -> Iterator[World]:
    """The world inside one transaction, rolled back on leaving (also for tests/pages, whose scope differs)."""
    with django_db_blocker.unblock():
        created = _test_database_ensure()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world_build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            if created is not None:
                teardown_databases(created, verbosity=0)


def _test_database_ensure():
    """pytest-django creates the test database only when a collected test asks for `db` or `django_db`; the
    matrix cells ask for neither (see `in_savepoint`), so when they run alone (`-k`) create it here."""
    name = str(connection.settings_dict["NAME"])
    test_name = connection.settings_dict.get("TEST", {}).get("NAME")
    if name.startswith("file:memorydb") or Path(name).name.startswith("test_") or (test_name and name == test_name):
        return None  # already the test database: never touch another one
    return setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})


@pytest.fixture(scope="module")
def clients(world, django_db_blocker) -> dict[str, Client]:
    """One logged-in client per role, with its second factor proven (production settings, no demo shortcut)."""
    with django_db_blocker.unblock():
        return {role: signed_in_client(user, world.devices[role]) for role, user in world.users.items()}


def signed_in_client(user, device) -> Client:
    """A client signed in as `user`, its second factor proven with `device`; a server error is answered, not
    raised."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def in_savepoint(world, django_db_blocker):
    """One matrix cell: database access inside the module's transaction, rolled back to here afterwards."""
    with django_db_blocker.unblock():
        savepoint = transaction.savepoint()
        try:
            yield
        finally:
            transaction.savepoint_rollback(savepoint)
