import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import reset_trace_id, set_trace_id
from .models import new_trace_id

# W3C traceparent: version-traceid-parentid-flags; we keep the trace id so logs join across systems.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")


class TraceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _TRACEPARENT.match(request.headers.get("traceparent", ""))
        request.trace_id = match.group(1) if match else new_trace_id()
        token = set_trace_id(request.trace_id)
        try:
            return self.get_response(request)
        finally:
            reset_trace_id(token)
