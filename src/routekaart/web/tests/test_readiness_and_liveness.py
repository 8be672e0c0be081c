"""/healthz is the readiness check (the database answers: 200; it does not: 503 JSON) and /healthz/live the
liveness check (the process answers, whatever the database does). Load balancers take a worker out of rotation on
the first and restart it only on the second, so a database restart does not restart every worker."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from routekaart.core.tests.outage import database_down
from routekaart.testing import PRODUCTION_TEST_ENV

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def probe(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_readiness_answers_503_json_while_the_database_is_down(probe):
    with database_down():
        response = probe.get("/healthz")

    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("application/")
    assert "json" in response.headers["Content-Type"]
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["status"] == "unavailable"


def test_readiness_answers_503_even_for_a_probe_that_sends_a_session_cookie(probe):
    probe.cookies["sessionid"] = "x" * 32
    with database_down():
        response = probe.get("/healthz")

    assert response.status_code == 503
    assert "json" in response.headers["Content-Type"]


def test_readiness_answers_200_again_once_the_database_is_back(probe):
    with database_down():
        probe.get("/healthz")

    response = probe.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_liveness_answers_200_while_the_database_is_down(probe):
    with database_down():
        response = probe.get("/healthz/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_liveness_touches_neither_the_database_nor_the_session(probe, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    with CaptureQueriesContext(connection) as queries:
        response = probe.get("/healthz/live")

    assert response.status_code == 200
    assert len(queries) == 0
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_both_checks_and_the_metrics_are_exempt_from_the_https_redirect():
    """A probe on the internal network talks plain HTTP to the worker; production redirects everything else."""
    code = "from django.conf import settings; print(chr(10).join(settings.SECURE_REDIRECT_EXEMPT))"
    exempt = _production_setting(code)
    for path in ("healthz", "healthz/live", "metrics"):
        assert any(re.search(pattern, path) for pattern in exempt), path
    assert not any(re.search(pattern, "healthz/live/x") or re.search(pattern, "huishoudens/") for pattern in exempt)


def _production_setting(code: str) -> list[str]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "routekaart.conf.production",
        **PRODUCTION_TEST_ENV,
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()
