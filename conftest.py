"""Load the shared fixtures for the tests under src/ and tests/, and serve the live server one request at a time."""

from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

pytest_plugins = ["routekaart.testing"]


class _SerialLiveServer(WSGIServer):
    """Answers requests one after another in the live-server thread.

    The test database (in-memory SQLite) is one connection shared with that thread; Django's threaded server would
    let two parallel htmx requests use it at once. Requests simply queue instead.
    """

    def __init__(self, *args, connections_override=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


LiveServerThread.server_class = _SerialLiveServer
