"""The BRP stub for tests: `brp_stub` starts it on a free port in a thread and points BRP_API_URL at it.

Import the fixture into a test module (`from .brp_stub import brp_stub  # noqa: F401`). The client talks to it over
real HTTP, as to the BRP; a test changes the stub's persons through `brp_stub.register.persons`.
"""

import socket
import threading

import pytest

from ..brp import stub

FAMILY = ("999900298", "999901898", "999902398", "999903998")  # Sanne de Vries, Ahmed, Noor and Yara el Amrani
SINGLE = "999904498"  # Willem Hendrik Jansen, Molenweg 3 A
NOT_IN_BRP = "999910498"  # a test-band BSN that passes the 11-check and that the stub does not know


@pytest.fixture
def brp_stub(settings):
    server = stub.start()
    settings.BRP_API_URL = server.url
    settings.BRP_API_KEY = ""
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def brp_silent(settings):
    """A 'BRP' that accepts the connection and never answers: the client's timeout must end the wait."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.BRP_API_URL = f"http://127.0.0.1:{listener.getsockname()[1]}/haalcentraal/api/brp"
    settings.BRP_TIMEOUT = 0.3
    yield listener
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.fixture
def brp_closed(settings):
    """A BRP address where nothing listens (connection refused)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    settings.BRP_API_URL = f"http://127.0.0.1:{port}/haalcentraal/api/brp"
    return settings.BRP_API_URL
