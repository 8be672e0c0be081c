"""Log records without personal data, with the request's trace id; JSON lines in production.

One filter on the console handler sees every record, Django's and the libraries' too:
- it renders the message with its arguments and masks every nine-digit number (a BSN, also written 1234.56.789)
  and cuts the query string off any address, in the message, the exception and the stack;
- it drops the request object Django attaches (its repr holds the full address) and any other extra that is not a
  plain value;
- it adds `trace_id`, the id the processing log and the `traceparent` header use, so a log line joins them.
The filter runs only for records that are emitted (WARNING and up by default), so a request that logs nothing
costs nothing. The JSON formatter is python-json-logger's, configured in conf/base.py.
"""

import logging
import re
from collections.abc import Callable

from django.utils.module_loading import import_string

_BSN = re.compile(r"(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d])")
_QUERY = re.compile(r"(/[^\s?#'\"]*)\?[^\s'\"]+")
MASK = "*********"
_PLAIN = (str, int, float, bool, type(None))
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "trace_id"}


def scrub(text: str) -> str:
    """The text without query strings and with every BSN-like number masked."""
    return _BSN.sub(MASK, _QUERY.sub(r"\1", text))


class PrivateDataFilter(logging.Filter):
    """Masks personal data in a record and adds the trace id; see the module's docstring."""

    def __init__(self, trace_id: str = "", name: str = "") -> None:
        """`trace_id`: the dotted path of a function that returns the current trace id, or None outside a trace."""
        super().__init__(name)
        self._trace_id_path = trace_id
        self._trace_id: Callable[[], str | None] | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a wrong format: keep the template, never its arguments
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key in _STANDARD:
                continue
            if not isinstance(value, _PLAIN):
                del record.__dict__[key]
            elif isinstance(value, str):
                record.__dict__[key] = scrub(value)
        record.trace_id = self._current_trace_id()
        return True

    def _current_trace_id(self) -> str:
        if self._trace_id is None and self._trace_id_path:
            try:
                self._trace_id = import_string(self._trace_id_path)
            except Exception:  # before the apps are loaded (a record logged during setup): no trace id yet
                return ""
        return (self._trace_id() or "") if self._trace_id else ""
