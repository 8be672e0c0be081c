"""The scheduler queues a schedule's slot exactly once: not before it is due, once at it, never again after it,
whichever worker ticks; and a yearly slot long past is not run when the schedule is loaded."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django_tasks_db.models import DBTaskResult

from routekaart.jobs.configuration import schedules_load
from routekaart.jobs.models import JobRun, Schedule
from routekaart.jobs.services import schedule_tick

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUE = datetime(2026, 3, 2, 2, 0, tzinfo=AMSTERDAM)  # the regulations check runs daily at 02:00
SECOND = timedelta(seconds=1)


def runs(job: str) -> list[JobRun]:
    return list(JobRun.objects.filter(job=job))


def test_the_slot_is_queued_at_its_time_and_only_once():
    schedule_tick(now=DUE - SECOND)
    assert runs("entitlement_check") == []

    schedule_tick(now=DUE)
    [run] = runs("entitlement_check")
    assert run.slot == DUE and run.on == DUE.date() and run.status == "queued" and run.trigger == "schedule"
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__run_id=run.pk).count() == 1

    schedule_tick(now=DUE + SECOND)
    schedule_tick(now=DUE + timedelta(hours=3))
    assert runs("entitlement_check") == [run]
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__run_id=run.pk).count() == 1


def test_a_second_worker_cannot_queue_the_same_slot():
    schedule_tick(now=DUE)
    [run] = runs("entitlement_check")
    run.status = "done"
    run.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        JobRun.objects.create(job=run.job, on=run.on, slot=run.slot, trigger="schedule", queued_at=DUE)
    schedule_tick(now=DUE + SECOND)  # the other worker's tick
    assert runs("entitlement_check") == [run]


def test_the_next_day_has_its_own_slot():
    schedule_tick(now=DUE)
    JobRun.objects.filter(job="entitlement_check").update(status="done")
    schedule_tick(now=DUE + timedelta(days=1) - SECOND)
    assert len(runs("entitlement_check")) == 1
    schedule_tick(now=DUE + timedelta(days=1))
    assert [r.on.isoformat() for r in runs("entitlement_check")] == ["2026-03-03", "2026-03-02"]


def test_a_yearly_job_runs_on_its_day_and_not_when_loaded_months_later():
    planning = datetime(2026, 1, 2, 3, 0, tzinfo=AMSTERDAM)
    schedule_tick(now=planning - SECOND)
    assert runs("annual_reviews_plan") == []
    schedule_tick(now=planning)
    assert len(runs("annual_reviews_plan")) == 1
    JobRun.objects.all().delete()
    schedule_tick(now=datetime(2026, 6, 1, 12, 0, tzinfo=AMSTERDAM))
    assert runs("annual_reviews_plan") == []


def test_a_slot_is_not_queued_while_the_job_still_runs_and_follows_after_it():
    schedule_tick(now=DUE)
    JobRun.objects.filter(job="entitlement_check").update(status="running", heartbeat_at=DUE)
    tomorrow = DUE + timedelta(days=1)
    schedule_tick(now=tomorrow)
    assert len(runs("entitlement_check")) == 1
    JobRun.objects.filter(job="entitlement_check").update(status="done")
    schedule_tick(now=tomorrow + timedelta(minutes=1))
    assert len(runs("entitlement_check")) == 2


def test_loading_the_schedules_twice_changes_nothing():
    before = list(Schedule.objects.values())
    assert "ongewijzigd" in schedules_load()
    assert list(Schedule.objects.values()) == before
    jobs = {
        "entitlement_check",
        "annual_review_reminders",
        "annual_reviews_plan",
        "retention",
        "satisfaction_surveys",
        "klantbeheer_daily",
        "insights_refresh",
    }
    assert {s["job"] for s in before} == jobs
