import functools
import re
from collections.abc import Callable
from inspect import iscoroutinefunction

from django.core.handlers.base import BaseHandler
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from .context import (
    batch_entries,
    pending_entries,
    reset_batch,
    reset_channel,
    reset_pending,
    reset_trace_id,
    set_channel,
    set_trace_id,
    start_batch,
    start_pending,
)
from .models import new_trace_id
from .services import entries_write

# W3C traceparent: version-traceid-parentid-flags; we keep the trace id so logs join across systems.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
API_PREFIX = "/api/"
PORTAL_PREFIX = "/mijn/"  # Mijn Routekaart, the residents' portal (urls.py)


def channel_of(request: HttpRequest) -> str:
    """The API answers under /api/, the residents' portal under /mijn/; everything else is a page (an export view
    may still name its own channel). Services called from a portal page so record channel `portal`."""
    if request.path.startswith(API_PREFIX):
        return "api"
    return "portal" if request.path.startswith(PORTAL_PREFIX) else "page"


class TraceMiddleware:
    """Sets the trace id and channel of the request; writes its refusals after the view's transaction.

    The request's reads are written at the end of the view, inside its transaction (`view_flushing`). This
    middleware sits outside that transaction (ATOMIC_REQUESTS wraps the view only): whether the view committed or
    rolled back, the refusals recorded during the request land here, once, in their own transaction, together with
    any read recorded outside the view (a middleware, a lazily rendered response), so that no entry is lost.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _TRACEPARENT.match(request.headers.get("traceparent", ""))
        request.trace_id = match.group(1) if match else new_trace_id()
        trace_token = set_trace_id(request.trace_id)
        channel_token = set_channel(channel_of(request))
        pending_token = start_pending()
        batch_token = start_batch()
        try:
            return self.get_response(request)
        finally:
            try:
                pending_write([*(pending_entries() or []), *(batch_entries() or [])])
            finally:
                reset_batch(batch_token)
                reset_pending(pending_token)
                reset_channel(channel_token)
                reset_trace_id(trace_token)


def pending_write(entries: list | None) -> None:
    """Write the entries kept during a request, in a transaction of their own, and empty the list."""
    if entries:
        entries_write(entries)


def view_flushing(view: Callable) -> Callable:
    """Wrap a view so the reads it recorded are saved as one bulk insert when it returns, still inside its
    transaction (the wrapper sits inside ATOMIC_REQUESTS' atomic block, see `install`). A view that raises rolls
    back, so its reads are dropped with it, as its other writes are; its refusals stay pending."""
    if iscoroutinefunction(view):
        return view  # no async views here; TraceMiddleware would still write their reads afterwards

    @functools.wraps(view)
    def flushing(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            reads = batch_entries()
            if reads is not None:
                reads.clear()
            raise
        reads = batch_entries()
        if reads:
            if transaction.get_connection().needs_rollback:
                reads.clear()  # the view's transaction rolls back (an API refusal sets it): its reads go with it
            else:
                entries_write(reads)
        return response

    return flushing


def install() -> None:
    """Put `view_flushing` inside the transaction Django opens around each view (ATOMIC_REQUESTS).

    Django offers no hook at the end of a view inside its transaction: a middleware runs outside it, and the only
    place that wraps the view is `BaseHandler.make_view_atomic`, used by every handler (WSGI, ASGI, test client).
    We wrap the view before Django wraps it in `transaction.atomic`; `functools.wraps` keeps the view's markers
    (such as `non_atomic_requests`). Idempotent. A test checks the entries land inside the view's transaction, so a
    Django upgrade that changes this method fails loudly.
    """
    if getattr(BaseHandler.make_view_atomic, "_routekaart_flushing", False):
        return
    original = BaseHandler.make_view_atomic

    def make_view_atomic(self, view):
        return original(self, view_flushing(view))

    make_view_atomic._routekaart_flushing = True
    BaseHandler.make_view_atomic = make_view_atomic
