"""Queue and run the background jobs: the scheduler's tick, the "Nu uitvoeren" button and the runner of a run.

Every run is a JobRun row and a task in the database queue (django-tasks with the django-tasks-db backend): the row
holds the progress and the outcome, the task only says "run JobRun n". The runner does each step of the job in its
own transaction together with its checkpoint; a step done for the same job and day (by this run or an earlier one)
is skipped. So a second run on one day changes nothing, and a run whose worker was killed is queued again by the
next tick and continues at the step it had not finished.
"""

from __future__ import annotations

import logging
import traceback
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..audit import services as audit
from .models import ACTIVE, JobRun, Schedule, Status, Trigger
from .registry import job_get
from .schedules import slot_due

logger = logging.getLogger(__name__)

# A run that has recorded no progress for this long lost its worker (killed, machine restarted): queue it again.
# Longer than the longest step (the regulations check over every benefit client), so a slow step is not run twice.
STALE_AFTER = timedelta(hours=1)


def _enqueue(run: JobRun) -> None:
    from .tasks import job_run_task

    job_run_task.enqueue(run_id=run.pk)


def _active(job: str) -> JobRun | None:
    return JobRun.objects.filter(job=job, status__in=ACTIVE).first()


def _busy_refusal(run: JobRun) -> ValidationError:
    since = formats.date_format(timezone.localtime(run.started_at or run.queued_at), "j F Y H:i")
    return ValidationError(
        _("Deze taak loopt al (sinds %(since)s). Wacht tot die klaar is en probeer het daarna opnieuw.")
        % {"since": since},
        code="busy",
    )


@transaction.atomic
def job_run_request(*, actor, job: str) -> JobRun:
    """Functioneel beheer's "Nu uitvoeren": queue a run of `job` for today, unless one is waiting or running."""
    if job_get(job) is None:
        raise ValidationError(_("Deze taak bestaat niet."), code="unknown")
    running = _active(job)
    if running is not None:
        raise _busy_refusal(running)
    now = timezone.now()
    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=job, on=timezone.localdate(now), trigger=Trigger.MANUAL, requested_by=actor, queued_at=now
            )
    except IntegrityError:  # another request queued one a moment ago
        raise _busy_refusal(_active(job) or JobRun(queued_at=now)) from None
    _enqueue(run)
    audit.action_record(actor=actor, action="job_run.requested", subject=run, after={"job": job})
    return run


def schedule_tick(*, now: datetime | None = None) -> list[JobRun]:
    """Queue every schedule's due slot once, and queue again the runs that lost their worker. Safe with two
    workers ticking at once: the unique (job, slot) lets one of them insert the slot's run."""
    now = now or timezone.now()
    queued = []
    for schedule in Schedule.objects.filter(enabled=True):
        slot = slot_due(every=schedule.every, at=schedule.at, month=schedule.month, day=schedule.day, now=now)
        if slot is None or JobRun.objects.filter(job=schedule.job, slot=slot).exists() or _active(schedule.job):
            continue  # a slot met while the job runs is queued at the next tick after it finished
        try:
            with transaction.atomic():
                run = JobRun.objects.create(
                    job=schedule.job,
                    on=timezone.localdate(slot),
                    slot=slot,
                    trigger=Trigger.SCHEDULE,
                    queued_at=now,
                )
                _enqueue(run)
        except IntegrityError:  # another worker queued this slot (or a run) first
            continue
        queued.append(run)
    stale = JobRun.objects.filter(status=Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    for run in stale:
        with transaction.atomic():
            if JobRun.objects.filter(pk=run.pk, heartbeat_at=run.heartbeat_at).update(heartbeat_at=now):
                _enqueue(run)  # continues from its checkpoint
                queued.append(run)
    return queued


# How long the queue keeps a finished task; the JobRun rows keep each run's history.
QUEUE_KEEP = timedelta(days=30)


def queue_results_prune(*, on: date) -> int:
    """Delete the queue's finished tasks older than QUEUE_KEEP before `on`; the number deleted."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.make_aware(datetime.combine(on, time.min)) - QUEUE_KEEP
    with transaction.atomic():
        deleted, _rows = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


def _steps_done(run: JobRun) -> set[str]:
    """The step keys done for this job and day, by this run or by an earlier one."""
    done: set[str] = set(run.checkpoint)
    for checkpoint in JobRun.objects.filter(job=run.job, on=run.on).exclude(pk=run.pk).values_list("checkpoint"):
        done.update(checkpoint[0] or [])
    return done


def _failure(number: int, total: int) -> str:
    """The error on screen: which step failed, never the exception's text (it may name a person); the log line
    has the kind of error and where it happened."""
    return _(
        "Stap %(number)s van %(total)s is mislukt. De stappen die klaar waren blijven staan; voer de taak opnieuw "
        "uit om verder te gaan."
    ) % {"number": number, "total": total}


def job_run_execute(*, run_id: int) -> JobRun:
    """Run (or continue) one queued run: its steps in order, each with its checkpoint in one transaction of its own
    (not one for the whole run: a killed run keeps the steps it finished)."""
    run = JobRun.objects.get(pk=run_id)
    if run.status not in ACTIVE:  # a task delivered twice: the run was finished already
        return run
    job = job_get(run.job)
    if job is None:  # the job left the product after this run was queued
        return _finish(run, Status.FAILED, error=_("Deze taak bestaat niet meer."))
    steps = job.steps(run.on)
    done = _steps_done(run)
    now = timezone.now()
    run.status = Status.RUNNING
    run.started_at = run.started_at or now
    run.heartbeat_at = now
    run.progress_total = len(steps)
    run.progress_done = sum(1 for step in steps if step.key in done)
    with transaction.atomic():
        run.save(update_fields=["status", "started_at", "heartbeat_at", "progress_total", "progress_done"])
    for number, step in enumerate(steps, start=1):
        if step.key in done:
            continue
        try:
            with transaction.atomic():
                counts = step.run()
                run.checkpoint = [*run.checkpoint, step.key]
                run.results = {**run.results, step.key: counts}
                run.progress_done += 1
                run.heartbeat_at = timezone.now()
                run.save(update_fields=["checkpoint", "results", "progress_done", "heartbeat_at"])
        except Exception as error:
            logger.error(
                "job %s run %s failed at step %s: %s\n%s",
                run.job,
                run.pk,
                step.key,
                type(error).__name__,
                "".join(traceback.format_tb(error.__traceback__)),  # frames only: the message may hold personal data
            )
            return _finish(run, Status.FAILED, error=_failure(number, len(steps)))
    nothing = _("Niets te doen: deze taak was vandaag al uitgevoerd.")
    outcome = job.outcome(run.results) if run.results else nothing
    return _finish(run, Status.DONE, outcome=outcome)


@transaction.atomic
def _finish(run: JobRun, status: str, *, outcome: str = "", error: str = "") -> JobRun:
    run.status = status
    run.finished_at = timezone.now()
    run.outcome = outcome
    run.error = error
    run.save(update_fields=["status", "finished_at", "outcome", "error"])
    audit.action_record(
        actor=None,
        action="job_run.finished" if status == Status.DONE else "job_run.failed",
        subject=run,
        after={"job": run.job, "done": run.progress_done, "total": run.progress_total},
    )
    return run
