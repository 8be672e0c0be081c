"""A run does each step of its job once a day: a second run the same day changes nothing, a killed run continues
at the step it had not finished (the finished ones stay done), and the worker command runs what is queued."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from routekaart.audit.models import Event
from routekaart.core.models import IdempotencyKey
from routekaart.income.models import AnnualReview, EntitlementCheckRun, Reminder
from routekaart.income.tests.factories import AnnualReviewFactory, SocialAssistanceFactory
from routekaart.jobs import registry, services
from routekaart.jobs.models import JobRun
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import FINGERPRINT_IGNORES, database_fingerprint

pytestmark = pytest.mark.django_db

# The bookkeeping of the runs themselves: each run has its row, its task and its events. The product's data must not.
BOOKKEEPING = FINGERPRINT_IGNORES | {"jobs_jobrun", "django_tasks_database_dbtaskresult", "audit_event"}


def product_events() -> list[tuple[str, str]]:
    """The events of the product's own data, not those of the runs."""
    return list(Event.objects.exclude(action__startswith="job_run.").values_list("action", "subject_id"))


def run_now(job: str, actor=None) -> JobRun:
    run = services.job_run_request(actor=actor, job=job)
    return services.job_run_execute(run_id=run.pk)


@freeze_time("2026-03-02 06:00:00")
def test_reminders_a_second_time_the_same_day_change_nothing():
    review = AnnualReviewFactory(planned_on=date(2026, 3, 12))
    first = run_now("annual_review_reminders")
    assert first.status == "done" and (first.progress_done, first.progress_total) == (1, 1)
    assert first.outcome == "Herinneringen verstuurd voor 1 jaargesprekken."
    assert Reminder.objects.filter(annual_review=review).count() == 2

    before, events = database_fingerprint(BOOKKEEPING), product_events()
    second = run_now("annual_review_reminders")
    assert database_fingerprint(BOOKKEEPING) == before and product_events() == events
    assert second.status == "done" and second.outcome == "Niets te doen: deze taak was vandaag al uitgevoerd."


@freeze_time("2026-03-02 03:00:00")
def test_the_yearly_planning_twice_the_same_day_plans_once():
    SocialAssistanceFactory(started_on=date(2025, 1, 6))
    run_now("annual_reviews_plan")
    planned = AnnualReview.objects.count()
    before, events = database_fingerprint(BOOKKEEPING), product_events()
    run_now("annual_reviews_plan")
    assert database_fingerprint(BOOKKEEPING) == before and product_events() == events
    assert AnnualReview.objects.count() == planned


@freeze_time("2026-03-02 02:00:00")
def test_the_regulations_check_twice_the_same_day_checks_once():
    first = run_now("entitlement_check")
    assert first.status == "done" and first.outcome.startswith("0 huishoudens gecontroleerd")
    before, events = database_fingerprint(BOOKKEEPING), product_events()
    run_now("entitlement_check")
    assert database_fingerprint(BOOKKEEPING) == before and product_events() == events
    assert EntitlementCheckRun.objects.count() == 1


@freeze_time("2026-03-02 01:00:00")
def test_retention_runs_audits_retention_once_a_day():
    first = run_now("retention")
    assert first.status == "done" and first.outcome == "0 gegevens na de bewaartermijn geanonimiseerd."
    assert first.results["apply"]["processing-log"] == 0  # every term with a handler, by code
    assert first.results["queue"] == {"pruned": 0} and first.progress_total == 3
    assert first.results["idempotency_keys"] == {"purged": 0}
    before, events = database_fingerprint(BOOKKEEPING), product_events()
    second = run_now("retention")
    assert database_fingerprint(BOOKKEEPING) == before and product_events() == events
    assert second.results == {}


def test_retention_prunes_the_queues_finished_tasks_after_thirty_days(three_steps):
    with freeze_time("2026-01-01 12:00:00"):
        old = services.job_run_execute(run_id=services.job_run_request(actor=None, job="test_job").pk)
    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=old.finished_at)
    with freeze_time("2026-01-31 01:00:00"):
        assert services.queue_results_prune(on=date(2026, 1, 31)) == 0
    with freeze_time("2026-02-01 01:00:00"):
        assert run_now("retention").results["queue"] == {"pruned": 1}
    assert not DBTaskResult.objects.filter(args_kwargs__kwargs__run_id=old.pk).exists()
    assert JobRun.objects.filter(pk=old.pk).exists()  # the run's history stays


class Killed(BaseException):
    """What a killed worker looks like to the run: it stops mid-step, nothing after it runs."""


@pytest.fixture
def three_steps(monkeypatch):
    """A job of three steps that counts its calls; `kill_at` stops the worker inside that step once."""
    calls: list[str] = []
    state = {"kill_at": None}

    def step(key: str):
        def run():
            if state["kill_at"] == key:
                state["kill_at"] = None
                raise Killed
            calls.append(key)
            return {"done": 1}

        return registry.Step(key, run)

    job = registry.Job(
        "test_job", "Testtaak", "", lambda on: [step("a"), step("b"), step("c")], lambda r: f"{len(r)} stappen"
    )
    monkeypatch.setitem(registry.JOBS, "test_job", job)
    return calls, state


def test_a_killed_run_keeps_its_progress_and_continues_where_it_stopped(three_steps):
    calls, state = three_steps
    state["kill_at"] = "b"
    run = services.job_run_request(actor=None, job="test_job")
    with pytest.raises(Killed):
        services.job_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "running" and run.checkpoint == ["a"] and (run.progress_done, run.progress_total) == (1, 3)

    # The next tick, once the run has shown no progress for a while, queues it again; it continues at step b.
    later = timezone.now() + services.STALE_AFTER + timedelta(minutes=1)
    assert [r for r in services.schedule_tick(now=later - timedelta(minutes=2)) if r.job == "test_job"] == []
    queued = [r for r in services.schedule_tick(now=later) if r.job == "test_job"]
    assert queued == [run]
    services.job_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert calls == ["a", "b", "c"]  # a ran once: its result was kept
    assert run.status == "done" and (run.progress_done, run.progress_total) == (3, 3)
    assert run.checkpoint == ["a", "b", "c"] and run.outcome == "3 stappen"


def test_a_failed_step_is_recorded_without_its_message_and_a_new_run_continues(three_steps, monkeypatch):
    calls, _state = three_steps
    job = registry.JOBS["test_job"]

    def steps(on):
        def broken():
            raise ValueError("Noor de Vries, BSN 999999990")

        return [job.steps(on)[0], registry.Step("b", broken)]

    monkeypatch.setitem(registry.JOBS, "test_job", registry.Job("test_job", "Testtaak", "", steps, job.outcome))
    run = services.job_run_execute(run_id=services.job_run_request(actor=None, job="test_job").pk)
    assert run.status == "failed" and run.progress_done == 1
    assert run.error.startswith("Stap 2 van 2 is mislukt.")
    assert "Noor" not in run.error and "999999990" not in run.error

    monkeypatch.setitem(registry.JOBS, "test_job", job)
    again = services.job_run_execute(run_id=services.job_run_request(actor=None, job="test_job").pk)
    assert again.status == "done" and calls == ["a", "b", "c"]  # a was not done again


@pytest.mark.django_db(transaction=True)  # the database worker closes the connection between tasks, as in production
def test_the_worker_command_runs_the_queued_run(three_steps):
    calls, _state = three_steps
    run = services.job_run_request(actor=None, job="test_job")
    call_command("jobs_worker", once=True, verbosity=0)
    run.refresh_from_db()
    assert run.status == "done" and calls == ["a", "b", "c"]
    assert DBTaskResult.objects.get(args_kwargs__kwargs__run_id=run.pk).status == "SUCCESSFUL"


def test_retention_purges_the_apis_idempotency_keys_after_24_hours():
    user = UserFactory()
    with freeze_time("2026-03-01 01:00:00"):
        IdempotencyKey.objects.create(user=user, key="ouder", request_hash="0" * 64, status=201)
    with freeze_time("2026-03-01 02:00:00"):
        IdempotencyKey.objects.create(user=user, key="jonger", request_hash="0" * 64, status=201)
    with freeze_time("2026-03-02 01:00:00"):
        assert run_now("retention").results["idempotency_keys"] == {"purged": 1}
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["jonger"]
