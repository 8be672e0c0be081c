"""What the processing log costs: the household page with logging versus the same page with logging switched off.

Every read of personal data appends processing-log entries (one per person per domain shown, in one INSERT). This
benchmark requests the staff household page in the 1,000,000-resident demo town (the one `bench_household_page`
makes and reuses), alternately with the log writer on and replaced by a no-op, and compares the medians.
Target: under 1.2x. Run alone: `.venv/bin/python bench/run.py processing_log_cost`.

It also measures the bytes the log grows by per page view (tables and indexes, SQLite's dbstat) in two forms: the
compact one (one entry per processing action, its people in a child table) and the former one (one row per person
per action, with its own pseudonym index), by copying the same page views' entries into both in a scratch database.
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
VIEWS_FOR_BYTES = 20
LIST_PEOPLE = 63  # the worklist's people per view, as measured by issue 17

# The former form (migration 0008): one row per data subject, each index on it as Django made them.
FORMER = [
    'CREATE TABLE "old" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "trace_id" varchar(64) NOT NULL, '
    '"occurred_at" datetime NOT NULL, "activity_id" varchar(80) NOT NULL, "operation" varchar(10) NOT NULL, '
    '"data_subject" varchar(64) NOT NULL, "actor_id" bigint NULL, "organisation_code" varchar(60) NOT NULL, '
    '"channel" varchar(10) NOT NULL, "result" varchar(12) NOT NULL, "reason" text NOT NULL)',
    'CREATE INDEX "old_trace" ON "old" ("trace_id")',
    'CREATE INDEX "old_occurred" ON "old" ("occurred_at")',
    'CREATE INDEX "old_activity" ON "old" ("activity_id")',
    'CREATE INDEX "old_subject" ON "old" ("data_subject")',
    'CREATE INDEX "old_actor" ON "old" ("actor_id")',
    'CREATE INDEX "old_organisation" ON "old" ("organisation_code")',
    'CREATE INDEX "old_actor_occurred" ON "old" ("actor_id", "occurred_at")',
]
LOG_TABLES = ("audit_processinglogentry", "audit_processinglogsubject")


def _log_bytes(entries: list[tuple], subjects: list[tuple], schema: list[str]) -> tuple[int, int]:
    """Bytes (tables + indexes, by dbstat) of these entries in the compact form and in the former one."""
    import sqlite3

    scratch = sqlite3.connect(":memory:")
    for sql in [*schema, *FORMER]:
        scratch.execute(sql)
    columns = ", ".join(f'"{c}"' for c in ENTRY_COLUMNS)
    scratch.executemany(
        f'INSERT INTO "audit_processinglogentry" ({columns}) VALUES ({", ".join("?" * len(ENTRY_COLUMNS))})', entries
    )
    scratch.executemany(
        'INSERT INTO "audit_processinglogsubject" ("entry_id", "pseudonym", "occurred_at") VALUES (?, ?, ?)', subjects
    )
    by_entry = {}
    for entry_id, pseudonym, _at in subjects:
        by_entry.setdefault(entry_id, []).append(pseudonym)
    former = [(*row[1:5], pseudonym, *row[5:]) for row in entries for pseudonym in (by_entry.get(row[0]) or [""])]
    scratch.executemany(
        'INSERT INTO "old" ("trace_id", "occurred_at", "activity_id", "operation", "data_subject", "actor_id", '
        '"organisation_code", "channel", "result", "reason") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        former,
    )
    sizes = dict(scratch.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    objects = dict(scratch.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
    compact = sum(size for name, size in sizes.items() if objects.get(name, name).startswith(LOG_TABLES))
    old = sum(size for name, size in sizes.items() if objects.get(name, name) == "old")
    return compact, old


ENTRY_COLUMNS = (
    "id",
    "trace_id",
    "occurred_at",
    "activity_id",
    "operation",
    "actor_id",
    "organisation_code",
    "channel",
    "result",
    "reason",
)


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

    # Bytes per page view: the entries of VIEWS_FOR_BYTES views, copied into a scratch database in both forms.
    from routekaart.audit.models import ProcessingLogSubject

    first = (ProcessingLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    with CaptureQueriesContext(connection) as one_view:
        page()
    sql = [q["sql"] for q in one_view.captured_queries]
    inserts = [s for s in sql if s.startswith("INSERT") and "processinglog" in s]
    for _ in range(VIEWS_FOR_BYTES - 1):
        page()
    rows = list(ProcessingLogEntry.objects.filter(id__gte=first).order_by("id").values_list(*ENTRY_COLUMNS))
    rows = [(*row[:2], row[2].isoformat(), *row[3:]) for row in rows]
    subjects = [
        (e, p, at.isoformat())
        for e, p, at in ProcessingLogSubject.objects.filter(entry_id__gte=first).values_list(
            "entry_id", "pseudonym", "occurred_at"
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN (%s, %s) AND type IN ('table', 'index') "
            "AND sql IS NOT NULL ORDER BY type DESC",
            list(LOG_TABLES),
        )
        schema = [row[0] for row in cursor.fetchall()]
    compact, former = _log_bytes(rows, subjects, schema)
    # A list page reads many people in one action (the worklist 63, the API case list up to 128): the same
    # entries, each as one read of LIST_PEOPLE people.
    import secrets

    list_subjects = [(row[0], secrets.token_hex(16), row[2]) for row in rows for _ in range(LIST_PEOPLE)]
    list_compact, list_former = _log_bytes(rows, list_subjects, schema)
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
        "bytes_compact": compact / VIEWS_FOR_BYTES,
        "bytes_former": former / VIEWS_FOR_BYTES,
        "rows_compact": (len(rows) + len(subjects)) / VIEWS_FOR_BYTES,
        "rows_former": sum(max(1, sum(1 for s in subjects if s[0] == e[0])) for e in rows) / VIEWS_FOR_BYTES,
        "list_compact": list_compact / len(rows),
        "list_former": list_former / len(rows),
        "log_inserts": len(inserts),
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
        ("log INSERT statements per page view", str(r["log_inserts"])),
        (
            "log bytes per page view (tables + indexes), compact / former form",
            f"{r['bytes_compact']:.0f} / {r['bytes_former']:.0f} ({r['bytes_former'] / r['bytes_compact']:.1f}x less)",
        ),
        ("log rows per page view, compact / former form", f"{r['rows_compact']:.0f} / {r['rows_former']:.0f}"),
        (
            f"log bytes per read of {LIST_PEOPLE} people (a list page), compact / former form",
            f"{r['list_compact']:.0f} / {r['list_former']:.0f} ({r['list_former'] / r['list_compact']:.1f}x less)",
        ),
        ("queries with / without", f"{r['queries_on']} / {r['queries_off']}"),
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
