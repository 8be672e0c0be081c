import re
from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from .context import (
    pending_entries,
    reset_channel,
    reset_pending,
    reset_trace_id,
    set_channel,
    set_trace_id,
    start_pending,
)
from .models import ProcessingLogEntry, new_trace_id

# W3C traceparent: version-traceid-parentid-flags; we keep the trace id so logs join across systems.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
API_PREFIX = "/api/"


def channel_of(request: HttpRequest) -> str:
    """The API answers under /api/; everything else is a page (an export view may still name its own channel)."""
    return "api" if request.path.startswith(API_PREFIX) else "page"


class TraceMiddleware:
    """Sets the trace id and channel of the request, and writes its refusals after the view's transaction.

    It sits outside the view's transaction (ATOMIC_REQUESTS wraps the view only): whether the view committed or
    rolled back, the refusals recorded during the request land here, once, in their own transaction.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _TRACEPARENT.match(request.headers.get("traceparent", ""))
        request.trace_id = match.group(1) if match else new_trace_id()
        trace_token = set_trace_id(request.trace_id)
        channel_token = set_channel(channel_of(request))
        pending_token = start_pending()
        try:
            return self.get_response(request)
        finally:
            try:
                pending_write(pending_entries())
            finally:
                reset_pending(pending_token)
                reset_channel(channel_token)
                reset_trace_id(trace_token)


def pending_write(entries: list[ProcessingLogEntry] | None) -> None:
    """Write the refusals kept during a request, in a transaction of their own, and empty the list."""
    if not entries:
        return
    batch = list(entries)
    entries.clear()  # never twice, even if this is called again
    with transaction.atomic():
        ProcessingLogEntry.objects.bulk_create(batch)
