"""Load the shared fixtures for the tests under src/ and tests/, and serve the live server one request at a time."""

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

pytest_plugins = ["routekaart.testing"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrated, with the register of processing activities committed in it once (every test
    that uses the database would otherwise load it in its own transaction: see routekaart.testing)."""
    from routekaart.testing import register_commit

    register_commit(django_db_blocker)


class _SerialLiveServer(WSGIServer):
    """Answers requests one after another in the live-server thread.

    The test database (in-memory SQLite) is one connection shared with that thread; Django's threaded server would
    let two parallel htmx requests use it at once. Requests simply queue instead.
    """

    def __init__(self, *args, connections_override=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


LiveServerThread.server_class = _SerialLiveServer
