"""The job queue in /metrics (core.metrics): per job whether a run waits or runs, whether its last run failed and
when it last finished, read from the database at each scrape (one overview, two queries).

A monitor alerts on a job that failed or has not finished for longer than its schedule; functioneel beheer sees the
same on /achtergrondtaken/. While the database is away the scrape still answers, with `routekaart_jobs_readable 0`.
"""

from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily

from ..core.outage import DATABASE_ERRORS
from .models import Status
from .selectors import job_overview


class JobQueueCollector:
    """A prometheus-client collector; registered once, by the app's ready()."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        readable = GaugeMetricFamily("routekaart_jobs_readable", "1 when the job runs could be read.")
        try:
            rows = job_overview()
        except DATABASE_ERRORS:
            readable.add_metric([], 0)
            yield readable
            return
        readable.add_metric([], 1)
        yield readable
        families = {
            "waiting": GaugeMetricFamily("routekaart_job_waiting", "1 while a run of the job waits.", labels=["job"]),
            "running": GaugeMetricFamily("routekaart_job_running", "1 while a run of the job runs.", labels=["job"]),
            "failed": GaugeMetricFamily("routekaart_job_last_failed", "1 when its last run failed.", labels=["job"]),
        }
        finished = GaugeMetricFamily(
            "routekaart_job_last_finished_timestamp_seconds", "When its last run ended (Unix time).", labels=["job"]
        )
        for row in rows:
            status = row.last.status if row.last else None
            families["waiting"].add_metric([row.name], int(status == Status.QUEUED))
            families["running"].add_metric([row.name], int(status == Status.RUNNING))
            families["failed"].add_metric([row.name], int(status == Status.FAILED))
            if row.last is not None and row.last.finished_at is not None:
                finished.add_metric([row.name], row.last.finished_at.timestamp())
        yield from families.values()
        yield finished
