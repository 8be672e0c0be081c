"""A database outage as the application sees it: the open connection is gone and every new one is refused.

Shared by the tests of the 503 page, the API's 503 and the readiness check; it acts at the connection level (the
backend's `get_new_connection`), so every layer that touches the database fails as it would in production: the
session, the user, ATOMIC_REQUESTS and the view.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def database_down() -> Iterator[None]:
    """Within the block the database refuses every connection; afterwards it answers again (a restart)."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    kept = None
    if wrapper.is_in_memory_db() if hasattr(wrapper, "is_in_memory_db") else False:
        # Closing an in-memory SQLite database would destroy it: put the live connection aside instead.
        kept, wrapper.connection = wrapper.connection, None
    else:
        wrapper.close()

    def refuse(*args, **kwargs):
        raise wrapper.Database.OperationalError("connection refused: the database is restarting")

    wrapper.get_new_connection = refuse
    try:
        yield
    finally:
        del wrapper.get_new_connection
        if kept is not None:
            if wrapper.connection is not None and wrapper.connection is not kept:
                wrapper.connection.close()
            wrapper.connection = kept
