"""The refresh of the precomputed figures: each step recomputes its tables from the other apps' fact selectors,
from a month on, and records what it did (`RefreshRun`). A full refresh recomputes everything; an incremental one
skips a step when the event stream has nothing new for it and otherwise recomputes only the recent months.

Each step is a module `refresh_<name>` with `refresh(ctx) -> int` (the rows it wrote); a module that does not exist
yet is skipped. The order matters: forecasts read the flows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.utils import timezone

from .models import RefreshMode, RefreshRun

STEPS = ("flows", "outcomes", "cost_benefit", "forecasts")
EARLIEST_MONTH = date(2000, 1, 1)


@dataclass(frozen=True)
class RefreshContext:
    """What one step recomputes: every month from `from_month` (EARLIEST_MONTH when full), as of `as_of`."""

    full: bool
    as_of: date
    from_month: date
    watermark: int  # the last event of the stream when the refresh started


def _step(name: str):
    try:
        return import_module(f"{__package__}.refresh_{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__package__}.refresh_{name}":
            raise
        return None


def insights_refresh(*, full: bool = True, as_of: date | None = None) -> list[RefreshRun]:
    """Recompute the figures (one transaction per step, so a page never reads a half-written table)."""
    from django.db import transaction

    as_of = as_of or timezone.localdate()
    runs = []
    for name in STEPS:
        module = _step(name)
        if module is None:
            continue
        ctx = RefreshContext(full=full, as_of=as_of, from_month=EARLIEST_MONTH, watermark=0)
        started_at, started = timezone.now(), time.perf_counter()
        with transaction.atomic():
            rows = module.refresh(ctx)
            runs.append(
                RefreshRun.objects.create(
                    step=name,
                    mode=RefreshMode.FULL if full else RefreshMode.INCREMENTAL,
                    from_month=None if full else ctx.from_month,
                    watermark=ctx.watermark,
                    started_at=started_at,
                    duration_ms=int((time.perf_counter() - started) * 1000),
                    rows=rows,
                )
            )
    return runs
