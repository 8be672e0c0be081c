"""Log lines are JSON (LOG_FORMAT=json, the default in production) with timestamp, level, logger, message and the
request's trace id, and never carry personal data: a nine-digit number (a BSN) is masked wherever it appears, in
the message, its arguments and the exception, a query string is cut off, and the request object is dropped.

Each test starts Python with the project's own settings, so it checks the LOGGING that ships, not a copy."""

import json
import os
import subprocess
import sys
from pathlib import Path

from routekaart.testing import PRODUCTION_TEST_ENV

SRC = Path(__file__).resolve().parents[3]
TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
BSN = "999900006"
OTHER_BSN = "123456782"

SCRIPT = f"""
import logging
import django

django.setup()
from routekaart.audit.context import set_trace_id

set_trace_id("{TRACE_ID}")


class Request:
    def __repr__(self):
        return "<WSGIRequest: GET '/huishoudens/?bsn={BSN}'>"


try:
    raise ValueError("BSN {BSN} niet gevonden")
except ValueError:
    logging.getLogger("routekaart.proef").error(
        "Fout voor %s bij %s", "{BSN}", "/huishoudens/12/?bsn={OTHER_BSN}",
        exc_info=True, extra={{"request": Request(), "status_code": 500}},
    )
logging.getLogger("django.request").error("Internal Server Error: %s", "/huishoudens/{BSN}/")
"""


def _run(settings_module: str = "routekaart.conf.test", code: str = SCRIPT, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("LOG_FORMAT", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(SRC),
        **env,
    }
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)


def test_a_json_log_line_carries_the_trace_id_and_masks_a_bsn_everywhere():
    output = _run(LOG_FORMAT="json").stderr
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]

    error, server_error = lines
    assert {"timestamp", "level", "logger", "message", "trace_id"} <= error.keys()
    assert error["level"] == "ERROR"
    assert error["logger"] == "routekaart.proef"
    assert error["trace_id"] == TRACE_ID
    assert error["message"].startswith("Fout voor *********")
    assert "ValueError: BSN ********* niet gevonden" in error["exc_info"]
    assert error["status_code"] == 500
    assert "request" not in error
    assert server_error["message"] == "Internal Server Error: /huishoudens/*********/"
    for leak in (BSN, OTHER_BSN, "?bsn", "WSGIRequest"):
        assert leak not in output


def test_the_console_stays_readable_text_in_development_and_masks_the_same():
    output = _run(LOG_FORMAT="text").stderr

    assert not output.lstrip().startswith("{")
    assert "ERROR" in output and "routekaart.proef" in output and "Fout voor *********" in output
    for leak in (BSN, OTHER_BSN, "?bsn"):
        assert leak not in output


def test_production_logs_json_unless_told_otherwise():
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.LOGGING['handlers']['console']['formatter'])"
    production = PRODUCTION_TEST_ENV
    assert _run("routekaart.conf.production", code, **production).stdout.strip() == "json"
    assert _run("routekaart.conf.production", code, LOG_FORMAT="text", **production).stdout.strip() == "text"


def test_a_line_logged_outside_a_request_gets_no_trace_id_and_leaves_none_behind(settings):
    """A log line must not start a trace: the job worker's next processing-log entries would all share it."""
    import logging

    from routekaart.audit import context
    from routekaart.core.logging import PrivateDataFilter

    config = settings.LOGGING["filters"]["private"]
    log_filter = PrivateDataFilter(trace_id=config["trace_id"])
    token = context.set_trace_id(None)
    try:
        record = logging.LogRecord("routekaart.proef", logging.ERROR, __file__, 1, "buiten een verzoek", None, None)
        log_filter.filter(record)
        assert record.trace_id == ""
        assert context.trace_id_if_any() is None
    finally:
        context.reset_trace_id(token)
