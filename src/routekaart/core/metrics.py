"""Metrics in Prometheus' text format for the monitor, and nobody else.

Requests, latency by view name and responses by status come from django-prometheus' two middlewares (labels name
the view, never the address: an address may hold a BSN). What they cannot see is counted here: answers of 503
because the database did not answer. Values that only exist at scrape time (the length of the job queue) come from
a collector an app registers with `register_collector`; it is read at every scrape, also in gunicorn's
multiprocess mode (PROMETHEUS_MULTIPROC_DIR), where the per-process samples are merged from files.
"""

import hmac
import os
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from .problems import problem_response

DATABASE_UNAVAILABLE = Counter(
    "routekaart_database_unavailable",
    "Answers of 503 because the database refused, lost or timed out a connection.",
)

_LOCAL_ADDRESSES = frozenset({"127.0.0.1", "::1"})
# A proxy on this machine makes every visitor arrive from 127.0.0.1; any of these headers gives it away.
_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
_collectors: list[Collector] = []


def register_collector(collector: Collector) -> None:
    """Add a collector read at every scrape (e.g. the job queue's waiting and failed jobs, read from the database).

    Not `REGISTRY.register`: in multiprocess mode the scrape builds its own registry from files, and a collector
    registered only with the default registry would be missing.
    """
    if collector not in _collectors:
        _collectors.append(collector)


def unregister_collector(collector: Collector) -> None:
    if collector in _collectors:
        _collectors.remove(collector)


class _Default:
    """This process's own metrics, when one process serves (runserver, a single worker, tests)."""

    def collect(self) -> Iterable:
        return REGISTRY.collect()


def _scrape_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_Default())
    for collector in _collectors:
        registry.register(collector)
    return registry


def may_read_metrics(request: HttpRequest) -> bool:
    """The monitor on this machine talking to the worker directly, or anyone with the METRICS_TOKEN bearer."""
    token = getattr(settings, "METRICS_TOKEN", "")
    scheme, _space, presented = request.headers.get("Authorization", "").partition(" ")
    if token and scheme == "Bearer" and hmac.compare_digest(presented.encode(), token.encode()):
        return True
    local = request.META.get("REMOTE_ADDR") in _LOCAL_ADDRESSES
    return local and not any(header in request.META for header in _PROXY_HEADERS)


@transaction.non_atomic_requests
@never_cache
@require_GET
def metrics_export(request: HttpRequest) -> HttpResponse:
    """GET /metrics for Prometheus; refused (403) to anyone but the monitor."""
    if not may_read_metrics(request):
        return problem_response(403, _("Alleen de monitoring mag deze meetwaarden lezen."), code="metrics_refused")
    return HttpResponse(generate_latest(_scrape_registry()), content_type=CONTENT_TYPE_LATEST)
