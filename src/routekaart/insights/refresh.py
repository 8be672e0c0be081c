"""The refresh of the precomputed figures: each step recomputes its tables from the other apps' fact selectors,
from a month on, and records what it did (`RefreshRun`). A full refresh recomputes everything; an incremental one
skips a step when the event stream has nothing new for it and otherwise recomputes only the recent months.

Each step is a module `refresh_<name>` with `refresh(ctx) -> int` (the rows it wrote); a module that does not exist
yet is skipped. The order matters: forecasts read the flows.

Incremental, per step (`insights/data/flows.yaml`):
- the step's last run is its newest `RefreshRun`; without one the step runs in full;
- the event kinds that change its facts are `event_subject_types[step]`; when none of them had an event after the
  last run's watermark, and no step it reads (`READS` on its module) ran in this refresh, it is skipped
  (a `skipped` run, 0 rows, the new watermark);
- otherwise it recomputes every month from `from_month`: the first month of (the last run's day minus
  `backdating_months`). A step deletes its rows from that month on and writes them again.
A step not named in `event_subject_types` is never skipped. Each step reads the facts in one transaction with its
writes and logs one entry of processing activity `management-information` (a batch, no person named: the facts
are counted, none is kept).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from ..audit import selectors_facts_flows as events
from ..audit import services as audit
from .models import RefreshMode, RefreshRun

STEPS = ("flows", "outcomes", "cost_benefit", "forecasts")
EARLIEST_MONTH = date(2000, 1, 1)
PURPOSE = "management-information"

SETTINGS = yaml.safe_load((Path(__file__).parent / "data" / "flows.yaml").read_text(encoding="utf-8"))
BACKDATING_MONTHS = int(SETTINGS["backdating_months"])
FULL_REFRESH_WEEKDAY = int(SETTINGS["full_refresh_weekday"])
SUBJECT_TYPES: dict[str, tuple[str, ...]] = {
    step: tuple(kinds) for step, kinds in (SETTINGS.get("event_subject_types") or {}).items()
}


@dataclass(frozen=True)
class RefreshContext:
    """What one step recomputes: every month from `from_month` (EARLIEST_MONTH when full) up to `as_of`.

    `full`: the step's tables are rebuilt (delete all, write all). Otherwise delete the rows of months on or after
    `from_month` and write them again (a table by year: from `from_month.year`). `watermark`: the id of the last
    event of the stream when the refresh started; what came later is for the next refresh.
    """

    full: bool
    as_of: date
    from_month: date
    watermark: int


def _step(name: str):
    try:
        return import_module(f"{__package__}.refresh_{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__package__}.refresh_{name}":
            raise
        return None


def incremental_from(last_run: RefreshRun) -> date:
    """The first month an incremental refresh recomputes: the month of the last run's day minus the backdating."""
    day = timezone.localdate(last_run.started_at) - relativedelta(months=BACKDATING_MONTHS)
    return day.replace(day=1)


def _plan(name: str, module, *, full: bool, watermark: int, wrote: set[str]) -> tuple[str, date | None]:
    """How this step runs now: (mode, from_month); from_month None for a full run or a skip."""
    if full:
        return RefreshMode.FULL, None
    last = RefreshRun.objects.filter(step=name).order_by("-started_at", "-id").first()
    if last is None:
        return RefreshMode.FULL, None
    kinds = SUBJECT_TYPES.get(name)
    reads = set(getattr(module, "READS", ()))
    changed = kinds is None or bool(reads & wrote)
    if not changed and not events.subject_types_since(watermark=last.watermark, subject_types=kinds, until=watermark):
        return RefreshMode.SKIPPED, None
    return RefreshMode.INCREMENTAL, incremental_from(last)


def insights_refresh(
    *, full: bool = True, as_of: date | None = None, steps: tuple[str, ...] | None = None
) -> list[RefreshRun]:
    """Recompute the figures (one transaction per step, so a page never reads a half-written table); `steps`
    limits the refresh to some of STEPS (in their order)."""
    as_of = as_of or timezone.localdate()
    watermark = events.event_watermark()
    runs, wrote = [], set()
    for name in STEPS:
        if steps is not None and name not in steps:
            continue
        module = _step(name)
        if module is None:
            continue
        started_at, started = timezone.now(), time.perf_counter()
        mode, from_month = _plan(name, module, full=full, watermark=watermark, wrote=wrote)
        with transaction.atomic():
            rows = 0
            if mode != RefreshMode.SKIPPED:
                ctx = RefreshContext(
                    full=mode == RefreshMode.FULL,
                    as_of=as_of,
                    from_month=from_month or EARLIEST_MONTH,
                    watermark=watermark,
                )
                rows = module.refresh(ctx)
                audit.processing_record(
                    actor=None, activity=PURPOSE, data_subjects=[""], channel="batch", reason=f"insights.{name}"
                )
                wrote.add(name)
            runs.append(
                RefreshRun.objects.create(
                    step=name,
                    mode=mode,
                    from_month=from_month,
                    watermark=watermark,
                    started_at=started_at,
                    duration_ms=int((time.perf_counter() - started) * 1000),
                    rows=rows,
                )
            )
    return runs


def scheduled_full(on: date) -> bool:
    """Whether the nightly job recomputes everything on this day (the weekly full refresh)."""
    return on.weekday() == FULL_REFRESH_WEEKDAY
