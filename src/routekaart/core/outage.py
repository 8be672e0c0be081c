"""A database that does not answer (a PostgreSQL restart, a lost connection) is a 503, not a 500: a Dutch page in
the site's layout, problem details under /api/, both with Retry-After; and the next request, once the database is
back, is served again without restarting the worker.

Django turns an exception into a response in the layer where it is raised (every middleware is wrapped by
`convert_exception_to_response`), so no outer middleware ever sees the session's or the user lookup's database
error; they all fall into the 500 handler. Two hooks therefore answer the outage the same way:
- `DatabaseOutageMiddleware.process_exception` for the view and ATOMIC_REQUESTS (before Django logs a traceback);
- `core.errors.server_error` for every middleware, which asks `is_database_outage` of the exception in flight.
The answer itself touches neither the database nor the session: the page renders without the request (no context
processors) from a layout of its own.
"""

from collections.abc import Callable
from contextlib import suppress

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from .metrics import DATABASE_UNAVAILABLE
from .problems import problem_response

DATABASE_ERRORS = (OperationalError, InterfaceError)
# A restart takes seconds; a browser or client that honours Retry-After comes back after this many.
RETRY_AFTER_SECONDS = 15
# Answered with problem details rather than a page: the API, and the probes of the load balancer and the monitor.
MACHINE_PREFIXES = ("/api/", "/healthz", "/metrics")


class PartUnavailable(RuntimeError):
    """A part of the product that needs something of the machine which is missing (a system library, say): a 503
    with the part's own Dutch `message`, never a 500 with the technical reason (that goes to the log only)."""

    message = ""


def part_unavailable_response(request: HttpRequest, exception: PartUnavailable) -> HttpResponse:
    if request.path.startswith(MACHINE_PREFIXES):
        return problem_response(503, exception.message, code="part_unavailable")
    body = loader.get_template("503.html").render({"message": exception.message, "part": True})
    return HttpResponse(body, status=503)


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def outage_message() -> str:
    return _("De gegevens zijn even niet bereikbaar. Probeer het over een halve minuut opnieuw.")


def broken_connections_close() -> None:
    """Close the connections that failed, so the next request opens a fresh one instead of reusing a dead one
    (with CONN_MAX_AGE a dead connection would otherwise serve errors until it ages out)."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or connection.in_atomic_block:
            continue
        with suppress(*DATABASE_ERRORS):
            connection.close()


def outage_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer; renders without the request (its user and session need the database).

    One request may come here more than once (a middleware further out asks for the user again); it counts once.
    """
    if not getattr(request, "database_unavailable", False):
        request.database_unavailable = True
        DATABASE_UNAVAILABLE.inc()
    broken_connections_close()
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.path.startswith(MACHINE_PREFIXES):
        return problem_response(503, outage_message(), code="database_unavailable", headers=headers)
    body = loader.get_template("503.html").render({"message": outage_message()})
    return HttpResponse(body, status=503, headers=headers)


class DatabaseOutageMiddleware:
    """Answers a database outage in the view (or in ATOMIC_REQUESTS' transaction around it) with the 503.

    Placed near the top of MIDDLEWARE so that its `__call__` also covers exceptions propagated past the inner
    layers (DEBUG_PROPAGATE_EXCEPTIONS); the other middleware's outages reach `core.errors.server_error`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except DATABASE_ERRORS:
            return outage_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_outage(exception):
            return outage_response(request)
        if isinstance(exception, PartUnavailable):
            return part_unavailable_response(request, exception)
        return None
