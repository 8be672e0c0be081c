"""Steering (insights) at 1,000,000 residents and 10,000,000 events: the refresh, every dashboard figure, the
exports, and the ratio of each figure to the raw SQL that computes the same aggregate from the casework tables.

The town of `bench_household_page` is copied once to its own file and given years of casework and an event stream
of ten million events (`insights_world`), so the household page's benchmark keeps its own town. In a child process
(DEBUG off) it runs a full refresh (each step's time from its `RefreshRun`), an incremental refresh with nothing
new and one after new casework, then times every registered figure (median of REPEAT) with its query count, the
raw SQL of its family on the casework tables, and DuckDB over a Parquet export of the same facts (the columnar
alternative the issue asks to measure), and finally the CSV, XLSX and Parquet export of the largest figure.
Run alone: `.venv/bin/python bench/run.py insights` (BENCH_RESIDENTS=20000 for a quick look, with --no-docs).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Insights (sturing) at 1,000,000 residents and 10,000,000 events"
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "1000000"))
DATA_SIZE = (
    f"the demo town with {RESIDENTS:,} resident records (seed 2016) plus generated casework since 2019 and "
    "10,000,000 events (bench/insights_world.py), SQLite, DEBUG off"
)
ROOT = Path(__file__).resolve().parents[1]
REPEAT = 5
CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)"  # the town's write-ahead log into its file before the copy

# The raw SQL of each figure family on the casework tables: the yardstick a precomputed figure is measured against.
RAW_SQL = {
    "flows": (
        "SELECT route_id, strftime('%Y-%m', started_on), COUNT(*) FROM routes_trajectory WHERE started_on >= ? "
        "GROUP BY 1, 2 UNION ALL SELECT route_id, strftime('%Y-%m', ended_on), COUNT(*) FROM routes_trajectory "
        "WHERE ended_on >= ? GROUP BY 1, 2"
    ),
    "sankey": (
        "SELECT t.route_id, COALESCE(s.route_id, t.exit_profile), COUNT(*) FROM routes_trajectory t LEFT JOIN "
        "routes_trajectory s ON s.id = t.switched_to_id WHERE t.ended_on >= ? AND t.ended_on >= ? GROUP BY 1, 2"
    ),
    "caseload": (
        "SELECT organisation_id, user_id, COUNT(DISTINCT household_id) FROM residents_involvement WHERE kind = "
        "'coordinator' AND valid_from <= date('now') AND (valid_to IS NULL OR valid_to >= ?) AND ? IS NOT NULL "
        "GROUP BY 1, 2"
    ),
    "what_works": (
        "SELECT a.instrument_id, (CAST(strftime('%Y', a.started_on) AS INT) - CAST(strftime('%Y', r.birth_date) AS "
        "INT)) / 10, r.education_level, COUNT(*), SUM(a.left_social_assistance), SUM(d.change = 'smaller') FROM "
        "participation_assignment a JOIN residents_resident r ON r.id = a.resident_id LEFT JOIN "
        "participation_distanceassessment d ON d.resident_id = a.resident_id AND d.is_current AND d.assessed_on "
        "BETWEEN a.started_on AND date(a.started_on, '+12 months') WHERE a.started_on >= ? AND ? IS NOT NULL "
        "GROUP BY 1, 2, 3"
    ),
    "cost_benefit": (
        "SELECT a.instrument_id, strftime('%Y', a.started_on), COUNT(DISTINCT a.id), SUM(e.amount), "
        "SUM(a.left_social_assistance) FROM participation_assignment a JOIN participation_expenditure e ON "
        "e.assignment_id = a.id WHERE a.started_on >= ? AND ? IS NOT NULL GROUP BY 1, 2"
    ),
    "forecast": (
        "SELECT route_id, strftime('%Y-%m', started_on), COUNT(*) FROM routes_trajectory WHERE started_on >= ? "
        "AND ? IS NOT NULL GROUP BY 1, 2"
    ),
    "yardstick": (
        "SELECT category_id, change, COUNT(*) FROM participation_distanceassessment WHERE assessed_on >= ? AND ? IS "
        "NOT NULL GROUP BY 1, 2"
    ),
}


def _family(code: str) -> str:
    for family in RAW_SQL:
        if code.startswith(family):
            return family
    return "flows"


def _database() -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_household_page import SEED, town_database

    town_env = town_database(RESIDENTS)
    town = Path(town_env["DATABASE_URL"].removeprefix("sqlite:///"))
    path = town.with_name(f"insights-{RESIDENTS}-seed{SEED}.sqlite3")
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sqlite3; sqlite3.connect('{town}').execute('PRAGMA wal_checkpoint(TRUNCATE)')",
            ],
            check=True,
        )
        shutil.copyfile(town, path)
    env = {**town_env, "DATABASE_URL": f"sqlite:///{path}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "load_configuration"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    return env


def _timed(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _measure() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from insights_world import world_ensure

    from routekaart.insights.exports import export_bytes, filter_lines
    from routekaart.insights.figures import figure_builder, figure_codes
    from routekaart.insights.filters import FilterForm, default_filters
    from routekaart.insights.refresh import insights_refresh

    today = timezone.localdate()
    result = {"world": world_ensure(today=today)}
    started = time.perf_counter()
    runs = insights_refresh(full=True)
    result["refresh_full"] = time.perf_counter() - started
    result["steps"] = {run.step: [run.duration_ms, run.rows] for run in runs}
    started = time.perf_counter()
    insights_refresh(full=False)
    result["refresh_nothing_new"] = time.perf_counter() - started
    _new_events()
    started = time.perf_counter()
    runs = insights_refresh(full=False)
    result["refresh_incremental"] = time.perf_counter() - started
    result["incremental_steps"] = {run.step: [run.mode, run.duration_ms, run.rows] for run in runs}

    filters = default_filters()
    since = filters.month_from.isoformat()
    figures = {}
    for code in figure_codes():
        build = figure_builder(code)
        build(filters)  # warm
        with CaptureQueriesContext(connection) as queries:
            table = build(filters)
        sql = RAW_SQL[_family(code)]

        def raw(sql=sql) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), [since, since])
                cursor.fetchall()

        figures[code] = {
            "seconds": _timed(lambda build=build: build(filters)),
            "queries": len(queries.captured_queries),
            "rows": len(table.rows),
            "raw": _timed(raw, 3),
            "family": _family(code),
        }
    result["figures"] = figures
    largest = max(figures, key=lambda code: figures[code]["rows"]) if figures else None
    if largest:
        table = figure_builder(largest)(filters)
        form = FilterForm({})
        form.is_valid()
        lines = filter_lines(form, filters)
        result["exports"] = {
            fmt: [_timed(lambda fmt=fmt: export_bytes(table, lines, fmt), 3), len(export_bytes(table, lines, fmt))]
            for fmt in ("csv", "xlsx", "parquet")
        }
        result["largest"] = [largest, len(table.rows)]
    result["duckdb"] = _duckdb(since)
    return result


def _new_events(count: int = 1000) -> None:
    """New casework since the last refresh, as the event stream tells it: events of every step's subject types."""
    from routekaart.audit.models import Event
    from routekaart.insights.refresh import SUBJECT_TYPES

    kinds = sorted({kind for step in SUBJECT_TYPES.values() for kind in step}) or ["trajectory"]
    Event.objects.bulk_create(
        Event(organisation_code="bench", action="bench.changed", subject_type=kinds[i % len(kinds)], subject_id=str(i))
        for i in range(count)
    )


def _duckdb(since: str) -> dict:
    """The columnar alternative: the trajectories' facts exported to Parquet once, then the flows aggregate in
    DuckDB, against the same aggregate read from the precomputed table."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq
    from django.db import connection

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "trajectories.parquet"
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT route_id, started_on, ended_on FROM routes_trajectory")
            rows = cursor.fetchall()
        table = pa.table(
            {
                "route_id": [r[0] for r in rows],
                "started_on": [str(r[1]) for r in rows],
                "ended_on": [str(r[2]) if r[2] else None for r in rows],
            }
        )
        pq.write_table(table, path)
        export = time.perf_counter() - started
        con = duckdb.connect()
        query = (
            f"SELECT route_id, substr(started_on, 1, 7) m, count(*) FROM '{path}' WHERE started_on >= '{since}' "
            "GROUP BY 1, 2"
        )

        def run() -> None:
            con.execute(query).fetchall()

        run()
        seconds = _timed(run)

    def precomputed() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT key, month, SUM(count) FROM insights_flowcount WHERE dimension = 'route' AND direction = 'in' "
                "AND month >= %s GROUP BY 1, 2",
                [since],
            )
            cursor.fetchall()

    return {"parquet_export": export, "duckdb_query": seconds, "precomputed_query": _timed(precomputed)}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def run() -> list[tuple[str, str]]:
    env = _database()
    done = subprocess.run([sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-5000:])
        done.check_returncode()
    result = json.loads(done.stdout.strip().splitlines()[-1])
    world = result["world"]
    rows = [
        ("residents / events in the database", f"{world['residents']:,} / {world['events']:,}"),
        (
            "casework: benefits / trajectories / assignments / assessments / cases / provisions",
            " / ".join(
                f"{world[k]:,}"
                for k in ("benefits", "trajectories", "assignments", "assessments", "cases", "provisions")
            ),
        ),
        ("full refresh (all steps)", f"{result['refresh_full']:.1f} s"),
    ]
    rows += [
        (f"full refresh, step {step}", f"{ms / 1000:.1f} s, {n:,} rows") for step, (ms, n) in result["steps"].items()
    ]
    rows.append(("incremental refresh with no new events", _ms(result["refresh_nothing_new"])))
    rows.append(
        ("incremental refresh after 1,000 new events of every step's kinds", f"{result['refresh_incremental']:.1f} s")
    )
    rows += [
        (f"incremental refresh, step {step}", f"{mode}, {ms / 1000:.1f} s, {n:,} rows")
        for step, (mode, ms, n) in result["incremental_steps"].items()
    ]
    for code, f in sorted(result["figures"].items()):
        ratio = f["seconds"] / f["raw"] if f["raw"] else 0
        rows.append(
            (
                f"figure {code}: time (median of {REPEAT}), queries, rows",
                f"{_ms(f['seconds'])}, {f['queries']} queries, {f['rows']} rows",
            )
        )
        rows.append(
            (f"figure {code}: raw SQL of its family ({f['family']}) / ratio", f"{_ms(f['raw'])} / {ratio:.2f}x")
        )
    if "exports" in result:
        code, n = result["largest"]
        for fmt, (seconds, size) in result["exports"].items():
            rows.append((f"export {fmt} of {code} ({n} rows)", f"{_ms(seconds)}, {size:,} bytes"))
    d = result["duckdb"]
    rows += [
        ("columnar alternative: trajectories to Parquet (once)", f"{d['parquet_export']:.1f} s"),
        ("columnar alternative: flows per route and month in DuckDB over Parquet", _ms(d["duckdb_query"])),
        ("the same flows read from the precomputed table", _ms(d["precomputed_query"])),
    ]
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure(), default=str))
