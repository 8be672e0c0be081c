"""The one task of the database queue: run (or continue) a JobRun. Django 6 has this API as django.tasks."""

from django_tasks import task

from . import services


@task()
def job_run_task(run_id: int) -> None:
    services.job_run_execute(run_id=run_id)
