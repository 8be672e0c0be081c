"""The monitor reads the job queue in /metrics: per job whether a run waits or runs and whether the last failed."""

import pytest
from django.test import Client
from django.utils import timezone

from routekaart.core.tests.outage import database_down
from routekaart.jobs.models import JobRun, Status

pytestmark = [pytest.mark.django_db(transaction=True)]


def scrape() -> str:
    response = Client(raise_request_exception=False).get("/metrics")
    assert response.status_code == 200
    return response.content.decode()


def test_the_metrics_show_a_waiting_run_and_a_failed_last_run_per_job():
    now = timezone.now()
    JobRun.objects.create(job="entitlement_check", on=now.date(), trigger="manual", queued_at=now)
    JobRun.objects.create(
        job="retention", on=now.date(), trigger="manual", queued_at=now, status=Status.FAILED, finished_at=now
    )

    body = scrape()

    assert "routekaart_jobs_readable 1.0" in body
    assert 'routekaart_job_waiting{job="entitlement_check"} 1.0' in body
    assert 'routekaart_job_running{job="entitlement_check"} 0.0' in body
    assert 'routekaart_job_last_failed{job="retention"} 1.0' in body
    finished = 'routekaart_job_last_finished_timestamp_seconds{job="retention"} '
    line = next(line for line in body.splitlines() if line.startswith(finished))
    assert float(line.removeprefix(finished)) == pytest.approx(now.timestamp())


def test_the_metrics_still_answer_while_the_database_is_away():
    with database_down():
        body = scrape()

    assert "routekaart_jobs_readable 0.0" in body
