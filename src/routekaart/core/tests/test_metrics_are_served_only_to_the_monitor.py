"""/metrics answers Prometheus' text format (requests, latency by view name, responses by status, database
outages, and whatever a job queue registers) only to the monitor: from this machine (no proxy in between) or with
the METRICS_TOKEN bearer. Labels name views, never the address (it may hold a BSN)."""

import re

import pytest
from django.test import Client
from prometheus_client.core import GaugeMetricFamily

from routekaart.core import metrics

pytestmark = [pytest.mark.django_db]

TOKEN = "monitor-token-for-tests-only-0123456789"
TYPED_BSN = "999900006"


@pytest.fixture
def monitor(settings):
    settings.DEBUG = False
    settings.METRICS_TOKEN = TOKEN
    return Client(raise_request_exception=False)


def test_the_metrics_answer_this_machine_in_prometheus_format_by_view_name(monitor):
    monitor.get("/healthz")
    monitor.get(f"/huishoudens/{TYPED_BSN}/")

    response = monitor.get("/metrics")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    body = response.content.decode()
    latency = re.compile(r"^django_http_requests_latency_seconds_by_view_method_count\{(.*)\} [1-9]", re.MULTILINE)
    labels = {label for found in latency.findall(body) for label in found.split(",")}
    assert {'view="healthz"', 'method="GET"'} <= labels
    assert re.search(r'^django_http_responses_total_by_status_total\{status="200"\} [1-9]', body, re.MULTILINE)
    assert "routekaart_database_unavailable_total" in body
    assert TYPED_BSN not in body


@pytest.mark.parametrize(
    "headers",
    [
        {"REMOTE_ADDR": "10.0.0.5"},
        {"REMOTE_ADDR": "10.0.0.5", "HTTP_AUTHORIZATION": "Bearer wrong-token"},
        {"REMOTE_ADDR": "10.0.0.5", "HTTP_AUTHORIZATION": f"Token {TOKEN}"},
        # Through a proxy on this machine every visitor arrives from 127.0.0.1: the proxy's header gives it away.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
    ],
)
def test_the_metrics_are_refused_to_anyone_else(monitor, headers):
    response = monitor.get("/metrics", **headers)

    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Alleen de monitoring mag deze meetwaarden lezen."
    assert "django_http" not in response.content.decode()


def test_the_metrics_answer_the_bearer_of_the_token_from_elsewhere(monitor):
    response = monitor.get("/metrics", REMOTE_ADDR="10.0.0.5", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200


def test_without_a_token_configured_no_bearer_is_let_in(monitor, settings):
    settings.METRICS_TOKEN = ""

    assert monitor.get("/metrics", REMOTE_ADDR="10.0.0.5", HTTP_AUTHORIZATION="Bearer ").status_code == 403


class QueueCollector:
    """What the job queue registers: a gauge read at scrape time."""

    def collect(self):
        gauge = GaugeMetricFamily("routekaart_jobs_waiting", "Taken in de wachtrij.", labels=["queue"])
        gauge.add_metric(["default"], 3)
        yield gauge


@pytest.mark.parametrize("multiprocess", [False, True])
def test_a_registered_collector_is_read_at_every_scrape_also_across_worker_processes(
    monitor, monkeypatch, tmp_path, multiprocess
):
    if multiprocess:  # gunicorn with several workers: each writes its samples to files in this folder
        monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    collector = QueueCollector()
    metrics.register_collector(collector)
    try:
        body = monitor.get("/metrics").content.decode()
    finally:
        metrics.unregister_collector(collector)

    assert 'routekaart_jobs_waiting{queue="default"} 3.0' in body
