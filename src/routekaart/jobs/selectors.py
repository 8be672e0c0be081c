"""What functioneel beheer sees of the background jobs: per job its schedule, its last run and its next run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import Promise

from .models import ACTIVE, JobRun, Schedule
from .registry import JOBS
from .schedules import slot_next


@dataclass(frozen=True)
class JobRow:
    name: str
    label: str | Promise
    description: str | Promise
    schedule: Schedule | None
    last: JobRun | None
    next_at: datetime | None

    @property
    def busy(self) -> bool:
        return self.last is not None and self.last.status in ACTIVE


def job_overview(*, now: datetime | None = None) -> list[JobRow]:
    """Every job with its schedule, its latest run and its next slot (two queries)."""
    now = now or timezone.now()
    schedules = {s.job: s for s in Schedule.objects.all()}
    newest = JobRun.objects.filter(job=OuterRef("job")).order_by("-queued_at", "-pk").values("pk")[:1]
    last = {run.job: run for run in JobRun.objects.filter(pk=Subquery(newest))}
    rows = []
    for name, job in JOBS.items():
        schedule = schedules.get(name)
        next_at = None
        if schedule is not None and schedule.enabled:
            next_at = slot_next(every=schedule.every, at=schedule.at, month=schedule.month, day=schedule.day, now=now)
        rows.append(JobRow(name, job.label, job.description, schedule, last.get(name), next_at))
    return rows


def job_run_active(job: str) -> JobRun | None:
    return JobRun.objects.filter(job=job, status__in=ACTIVE).first()
