"""The trace id of the current request or batch, so every log entry of one user action shares it."""

from contextvars import ContextVar

from .models import new_trace_id

_trace_id: ContextVar[str | None] = ContextVar("routekaart_trace_id", default=None)


def current_trace_id() -> str:
    trace = _trace_id.get()
    if trace is None:
        trace = new_trace_id()
        _trace_id.set(trace)
    return trace


def set_trace_id(trace: str | None) -> object:
    return _trace_id.set(trace)


def reset_trace_id(token: object) -> None:
    _trace_id.reset(token)
