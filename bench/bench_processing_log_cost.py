"""What the processing log costs: the household page with logging versus the same page with logging switched off.

Every read of personal data appends processing-log entries (one per person per domain shown, in one INSERT). This
benchmark requests the staff household page in the 1,000,000-resident demo town (the one `bench_household_page`
makes and reuses), alternately with the log writer on and replaced by a no-op, and compares the medians.
Target: under 1.2x. Run alone: `.venv/bin/python bench/run.py processing_log_cost`.
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

TITLE = "Cost of the processing log"
DATA_SIZE = "household page of the regisseur's largest household, demo town of 1,000,000 residents (SQLite)"
ROOT = Path(__file__).resolve().parents[1]
REPEAT = 60


def _household_page_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_household_page", ROOT / "bench" / "bench_household_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _measure() -> dict:
    page_bench = _household_page_module()
    client, user = page_bench.child_setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from routekaart.audit import services as audit
    from routekaart.audit.models import ProcessingLogEntry

    household, _ = page_bench.caseload_extremes(user)
    url = reverse("residents:household_detail", args=[household])
    logging_on = audit.processing_record

    def logging_off(**kwargs) -> int:
        return 0

    def page() -> None:
        assert client.get(url).status_code == 200

    before = ProcessingLogEntry.objects.count()
    with CaptureQueriesContext(connection) as with_log:
        page()
    entries = ProcessingLogEntry.objects.count() - before
    audit.processing_record = logging_off
    with CaptureQueriesContext(connection) as without_log:
        page()
    audit.processing_record = logging_on

    for _ in range(5):
        page()
    on, off = [], []
    for _ in range(REPEAT):  # alternate, so drift in the machine's speed hits both alike
        start = time.perf_counter()
        page()
        on.append(time.perf_counter() - start)
        audit.processing_record = logging_off
        start = time.perf_counter()
        page()
        off.append(time.perf_counter() - start)
        audit.processing_record = logging_on
    return {
        "on": statistics.median(on),
        "off": statistics.median(off),
        "entries": entries,
        "queries_on": len(with_log.captured_queries),
        "queries_off": len(without_log.captured_queries),
    }


def run() -> list[tuple[str, str]]:
    env = _household_page_module().town_database()
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    r = json.loads(done.stdout.strip().splitlines()[-1])
    ratio = r["on"] / r["off"]
    return [
        (f"page with the processing log (median of {REPEAT})", f"{r['on'] * 1000:.1f} ms"),
        (f"page without it (median of {REPEAT})", f"{r['off'] * 1000:.1f} ms"),
        ("with / without", f"{ratio:.2f}x ({'within' if ratio < 1.2 else 'over'} the 1.2x target)"),
        ("log entries written per page view", str(r["entries"])),
        ("queries with / without", f"{r['queries_on']} / {r['queries_off']}"),
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
