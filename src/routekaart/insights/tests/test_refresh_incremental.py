"""The incremental refresh: it reads the event stream, skips a step with nothing new and otherwise recomputes
only the recent months (data/flows.yaml: backdating_months)."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from routekaart.audit import services as audit
from routekaart.audit.models import Event
from routekaart.audit.selectors_facts_flows import event_watermark
from routekaart.insights.models import FlowCount, RefreshRun
from routekaart.insights.refresh import BACKDATING_MONTHS, insights_refresh, scheduled_full

from .factories_flows import RouteFactory, town, trajectories, with_event

pytestmark = pytest.mark.django_db


def refresh(*, full: bool):
    [run] = insights_refresh(full=full, steps=("flows",))
    return run


@pytest.fixture
def counted():
    """A full refresh of 12 residents who started a route this month and 12 two years ago."""
    _, district = town()
    route = RouteFactory()
    this_month = timezone.localdate().replace(day=1)
    for trajectory in trajectories(12, route, district, started_on=this_month):
        with_event(trajectory)
    trajectories(12, route, district, started_on=this_month - relativedelta(years=2))
    refresh(full=True)
    return route, district, this_month


def flows() -> list[tuple]:
    return sorted(FlowCount.objects.values_list("dimension", "key", "direction", "month", "count"))


def test_a_second_incremental_refresh_without_new_events_writes_nothing_and_says_skipped(counted):
    before = flows()
    run = refresh(full=False)
    assert (run.mode, run.rows, run.from_month) == ("skipped", 0, None)
    assert run.watermark == event_watermark() == Event.objects.order_by("-id").first().pk
    assert flows() == before


def test_an_event_of_another_kind_changes_nothing_for_the_flows(counted):
    audit.action_record(actor=None, action="complaint.received", subject=("complaint", 1))
    assert refresh(full=False).mode == "skipped"


def test_a_new_trajectory_is_counted_by_the_next_incremental_refresh(counted):
    route, district, this_month = counted
    for trajectory in trajectories(3, route, district, started_on=this_month):
        with_event(trajectory)
    run = refresh(full=False)
    # recomputed from the first month of (the last refresh's day minus the backdating months)
    assert run.mode == "incremental"
    assert run.from_month == (timezone.localdate() - relativedelta(months=BACKDATING_MONTHS)).replace(day=1)
    counts = {(row[3], row[2]): row[4] for row in flows() if row[0] == "route"}
    # this month: 12 + 3 = 15 in; two years ago: the 12 kept (not recomputed, not lost)
    assert counts == {(this_month, "in"): 15, (this_month - relativedelta(years=2), "in"): 12}


def test_a_step_without_a_run_before_runs_in_full():
    run = refresh(full=False)
    assert (run.mode, run.from_month) == ("full", None)


def test_the_command_refreshes_what_changed_and_says_so(counted, capsys):
    call_command("insights_refresh", "--step", "flows")
    assert "flows: Niets veranderd" in capsys.readouterr().out
    assert RefreshRun.objects.filter(step="flows").count() == 2


def test_the_nightly_job_recomputes_everything_on_sunday_only():
    assert scheduled_full(datetime.date(2026, 12, 6))  # a Sunday
    assert not scheduled_full(datetime.date(2026, 12, 7))


def test_each_step_that_ran_logs_one_batch_read_for_management_information(counted):
    from routekaart.audit.models import ProcessingLogEntry

    before = ProcessingLogEntry.objects.filter(activity_id="management-information").count()
    audit.action_record(actor=None, action="trajectory.started", subject=("trajectory", 1))
    refresh(full=False)
    entries = ProcessingLogEntry.objects.filter(activity_id="management-information")
    assert entries.count() == before + 1
    assert entries.order_by("-id").first().channel == "batch"
    refresh(full=False)  # skipped: nothing read, nothing logged
    assert entries.count() == before + 1


def test_a_step_that_reads_a_step_that_ran_is_not_skipped(monkeypatch):
    from types import SimpleNamespace

    from routekaart.insights import refresh as refresh_module

    written = []
    steps = {
        "flows": SimpleNamespace(refresh=lambda ctx: written.append(("flows", ctx)) or 1),
        "forecasts": SimpleNamespace(READS=("flows",), refresh=lambda ctx: written.append(("forecasts", ctx)) or 1),
    }
    monkeypatch.setattr(refresh_module, "_step", steps.get)
    monkeypatch.setitem(refresh_module.SUBJECT_TYPES, "forecasts", ())  # no event of its own ever changes it
    insights_refresh(full=True)
    audit.action_record(actor=None, action="trajectory.started", subject=("trajectory", 1))
    runs = insights_refresh(full=False)
    assert [(run.step, run.mode) for run in runs] == [("flows", "incremental"), ("forecasts", "incremental")]
    assert written[-1][1].from_month == runs[1].from_month
    runs = insights_refresh(full=False)  # nothing new: both skipped
    assert [(run.step, run.mode) for run in runs] == [("flows", "skipped"), ("forecasts", "skipped")]


def test_the_nightly_job_runs_the_refresh_and_says_what_it_did(monkeypatch):
    from routekaart.insights import refresh as refresh_module
    from routekaart.jobs.registry import JOBS

    calls = []

    def fake(*, full, as_of):
        calls.append((full, as_of))
        return [RefreshRun(step="flows", mode="skipped", rows=0), RefreshRun(step="outcomes", mode="full", rows=7)]

    monkeypatch.setattr(refresh_module, "insights_refresh", fake)
    job = JOBS["insights_refresh"]
    sunday, monday = datetime.date(2026, 12, 6), datetime.date(2026, 12, 7)
    [step] = job.steps(monday)
    counts = step.run()
    job.steps(sunday)[0].run()
    assert calls == [(False, monday), (True, sunday)]
    assert counts == {"rows": 7, "steps": 2, "skipped": 1, "full": 1}
    assert job.outcome({"refresh": counts}) == "7 sturingscijfers berekend in 2 stappen; 1 stappen ongewijzigd."
