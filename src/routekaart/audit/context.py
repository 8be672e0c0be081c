"""What the log needs to know about the current request or batch, kept per request (context variables).

- the trace id, so every log entry of one user action shares it;
- the channel (page or api), so a service writes the channel of the request that called it, not of its call site;
- the refusals recorded so far, written by `TraceMiddleware` once the view's transaction has ended: a refusal
  must survive the rollback of the request that it refused (ATOMIC_REQUESTS);
- the reads recorded so far, written as one bulk insert at the end of the view, inside its transaction (no
  commit of their own), see `audit.middleware.view_flushing`.

Both lists hold (entry, pseudonyms) pairs, not yet saved.
"""

from contextvars import ContextVar

from .models import new_trace_id

DEFAULT_CHANNEL = "page"

_trace_id: ContextVar[str | None] = ContextVar("routekaart_trace_id", default=None)
_channel: ContextVar[str | None] = ContextVar("routekaart_channel", default=None)
_pending: ContextVar[list | None] = ContextVar("routekaart_pending_log_entries", default=None)
_batch: ContextVar[list | None] = ContextVar("routekaart_request_log_entries", default=None)


def current_trace_id() -> str:
    trace = _trace_id.get()
    if trace is None:
        trace = new_trace_id()
        _trace_id.set(trace)
    return trace


def trace_id_if_any() -> str | None:
    """The current trace id without starting one (for log lines: logging must not start a trace)."""
    return _trace_id.get()


def set_trace_id(trace: str | None) -> object:
    return _trace_id.set(trace)


def reset_trace_id(token: object) -> None:
    _trace_id.reset(token)


def current_channel() -> str:
    """The channel of the current request; outside a request (tests, commands) the page, as before."""
    return _channel.get() or DEFAULT_CHANNEL


def set_channel(channel: str | None) -> object:
    return _channel.set(channel)


def reset_channel(token: object) -> None:
    _channel.reset(token)


def pending_entries() -> list | None:
    """The refusals waiting for the end of the request; None outside a request (then they are written at once)."""
    return _pending.get()


def start_pending() -> object:
    return _pending.set([])


def reset_pending(token: object) -> None:
    _pending.reset(token)


def batch_entries() -> list | None:
    """The reads waiting for the end of the view; None outside a request (then they are written at once)."""
    return _batch.get()


def start_batch() -> object:
    return _batch.set([])


def reset_batch(token: object) -> None:
    _batch.reset(token)
