"""The access matrix's world: built once per module inside a transaction that is rolled back afterwards.

Each cell runs in its own savepoint (`in_savepoint`), so what a request writes (log entries, a withdrawn consent) is
undone before the next cell is asked. A bare savepoint instead of pytest-django's per-test TestCase machinery:
that machinery cost more than the request itself, thousands of times over.
"""

import pytest
from django.db import transaction
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from .world import World, world_build


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world_build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker) -> dict[str, Client]:
    """One logged-in client per role, with its second factor proven (production settings, no demo shortcut)."""
    made = {}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            client = Client(raise_request_exception=False)
            client.force_login(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = world.devices[role].persistent_id
            session.save()
            made[role] = client
    return made


@pytest.fixture
def in_savepoint(world, django_db_blocker):
    """One matrix cell: database access inside the module's transaction, rolled back to here afterwards."""
    with django_db_blocker.unblock():
        savepoint = transaction.savepoint()
        try:
            yield
        finally:
            transaction.savepoint_rollback(savepoint)
