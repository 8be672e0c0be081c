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
    queries_on = len(with_log.captured_queries)  # now: the next request empties the connection's query log
    entries = ProcessingLogEntry.objects.count() - before
    audit.processing_record = logging_off
    with CaptureQueriesContext(connection) as without_log:
        page()
    queries_off = len(without_log.captured_queries)
    audit.processing_record = logging_on

    for _ in range(5):
        page()
    on, off, on_cpu, off_cpu = [], [], [], []
    for _ in range(REPEAT):  # alternate, so drift in the machine's speed hits both alike
        for writer, wall, cpu in ((logging_on, on, on_cpu), (logging_off, off, off_cpu)):
            audit.processing_record = writer
            start, start_cpu = time.perf_counter(), time.process_time()
            page()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    audit.processing_record = logging_on
    return {
        "on": statistics.median(on),
        "off": statistics.median(off),
        "on_cpu": statistics.median(on_cpu),
        "off_cpu": statistics.median(off_cpu),
        "entries": entries,
        "queries_on": queries_on,
        "queries_off": queries_off,
    }


def run() -> list[tuple[str, str]]:
    env = _household_page_module().town_database()
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    r = json.loads(done.stdout.strip().splitlines()[-1])
    ratio, ratio_cpu = r["on"] / r["off"], r["on_cpu"] / r["off_cpu"]
    verdict = "within" if ratio < 1.2 else "over"
    return [
        (
            f"page with the processing log (median of {REPEAT})",
            f"{r['on'] * 1000:.1f} ms ({r['on_cpu'] * 1000:.1f} ms CPU)",
        ),
        (f"page without it (median of {REPEAT})", f"{r['off'] * 1000:.1f} ms ({r['off_cpu'] * 1000:.1f} ms CPU)"),
        ("with / without", f"{ratio:.2f}x ({verdict} the 1.2x target); by CPU time {ratio_cpu:.2f}x"),
        ("log entries written per page view", str(r["entries"])),
        ("queries with / without", f"{r['queries_on']} / {r['queries_off']}"),
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
