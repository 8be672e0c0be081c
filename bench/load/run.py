"""Load one code tree, served by gunicorn with production settings on a PostgreSQL town, with the caseworker mix.

    .venv/bin/python bench/load/run.py --db after --users 1,16 --duration 60
    .venv/bin/python bench/load/run.py --tree /work/wt-before --db before_run --label before ...
    .venv/bin/python bench/load/run.py --build 20000 --db small ...   (build the town first, with the tree's code)

Prints, per page, p50/p95 (ms), requests, errors and the page's raw SQL time beside it, and the throughput per
user count; writes the same to var/load-<label>.json. Bounded: at most --max-users users, --duration seconds and
--max-requests requests per step, and only a local server.
"""

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack

HERE = Path(__file__).resolve().parent
BENCH_PYTHON = stack.ROOT / ".venv-bench" / "bin" / "python"
PAGE_ORDER = ["worklist", "household", "case", "api_cases", "regulations_check"]


def machine() -> str:
    cpu = platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB RAM, Python {platform.python_version()}"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def django_side(tree: Path, database: str, *args: str) -> None:
    subprocess.run(
        [stack.tree_python(tree), str(HERE / "django_side.py"), *args, "--tree", str(tree)],
        env=stack.tree_env(tree, database),
        check=True,
    )


def locust(
    url: str, targets: Path, users: int, seconds: int, max_requests: int, work: Path, tag: str, server_pid: int = 0
) -> dict:
    """One headless locust run; returns per-page and total figures from every request's own timing, and the CPU
    time per request of gunicorn, PostgreSQL and locust itself (steadier than wall time on a shared machine)."""
    samples = work / f"samples-{tag}.json"
    env = {
        **os.environ,
        "LOAD_TARGETS": str(targets),
        "LOAD_SAMPLES": str(samples),
        "LOAD_MAX_REQUESTS": str(max_requests),
    }
    env.pop("PYTHONPATH", None)
    command = [
        str(BENCH_PYTHON),
        "-m",
        "locust",
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--only-summary",
        "--host",
        url,
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    cpu_start = (
        stack.process_tree_cpu(server_pid) if server_pid else 0.0,
        stack.postgres_cpu(),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    with open(work / f"locust-{tag}.log", "w") as log:  # locust's own summary and warnings, for a look later
        done = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    if done.returncode != 0 or not samples.exists():
        sys.exit(f"locust failed: see {work / f'locust-{tag}.log'}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = {
        "gunicorn_s": stack.process_tree_cpu(server_pid) - cpu_start[0] if server_pid else None,
        "postgres_s": stack.postgres_cpu() - cpu_start[1],
        "locust_s": children.ru_utime + children.ru_stime - cpu_start[2].ru_utime - cpu_start[2].ru_stime,
    }
    rows = json.loads(samples.read_text())
    pages: dict[str, dict] = {}
    for name in PAGE_ORDER:
        times = [ms for n, _start, ms, _ok in rows if n == name]
        errors = sum(1 for n, _s, _ms, ok in rows if n == name and not ok)
        pages[name] = {
            "requests": len(times),
            "errors": errors,
            "p50_ms": round(_percentile(times, 0.5), 1),
            "p95_ms": round(_percentile(times, 0.95), 1),
            "mean_ms": round(statistics.fmean(times), 1) if times else 0.0,
        }
    if rows:
        begin = min(start for _n, start, _ms, _ok in rows)
        end = max(start + ms / 1000 for _n, start, ms, _ok in rows)
        span = max(end - begin, 1e-9)
    else:
        span = float(seconds)
    total = {
        "requests": len(rows),
        "errors": sum(1 for row in rows if not row[3]),
        "seconds": round(span, 1),
        "throughput_rps": round(len(rows) / span, 2),
        "p50_ms": round(_percentile([r[2] for r in rows], 0.5), 1),
        "p95_ms": round(_percentile([r[2] for r in rows], 0.95), 1),
        "load_average": round(os.getloadavg()[0], 2),
    }
    for name, seconds_used in cpu.items():
        key = name.replace("_s", "_cpu_ms_per_request")
        total[key] = round(seconds_used * 1000 / len(rows), 1) if rows and seconds_used is not None else None
    return {"users": users, "pages": pages, "total": total}


def table(result: dict) -> str:
    sql = result["sql"]
    lines = [
        f"{result['label']}: {result['tree']} on database {result['database']} ({result['residents']})",
    ]
    for step in result["steps"]:
        total = step["total"]
        lines.append(
            f"\n{step['users']} user(s): {total['throughput_rps']} requests/s, {total['requests']} requests, "
            f"{total['errors']} errors in {total['seconds']} s; CPU per request: gunicorn "
            f"{total.get('gunicorn_cpu_ms_per_request')} ms, PostgreSQL {total.get('postgres_cpu_ms_per_request')} ms, "
            f"locust {total.get('locust_cpu_ms_per_request')} ms; load average {total.get('load_average')}"
        )
        lines.append(
            f"  {'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'req':>6} {'err':>4} {'raw SQL ms':>10} {'p50/SQL':>8}"
        )
        for name in PAGE_ORDER:
            page = step["pages"][name]
            raw = sql.get(name, {}).get("sql_ms", 0.0)
            ratio = f"{page['p50_ms'] / raw:.1f}x" if raw else "-"
            lines.append(
                f"  {name:<18} {page['p50_ms']:>8} {page['p95_ms']:>8} {page['requests']:>6} {page['errors']:>4} "
                f"{raw:>10} {ratio:>8}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=stack.ROOT)
    parser.add_argument("--db", required=True, help="the PostgreSQL database of the town (in LOAD_PG_DIR)")
    parser.add_argument("--label", default=None)
    parser.add_argument("--build", type=int, default=0, help="first build a town of this many residents")
    parser.add_argument("--users", default="1,16")
    parser.add_argument("--duration", type=int, default=60, help="seconds per user count")
    parser.add_argument("--warmup", type=int, default=15, help="seconds at 4 users before measuring (0: none)")
    parser.add_argument("--max-users", type=int, default=64)
    parser.add_argument("--max-requests", type=int, default=100_000, help="per user count")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--accounts", default="regisseur")
    parser.add_argument("--url", default=None, help="load this running local server instead of starting gunicorn")
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    label = options.label or options.db
    users = [int(u) for u in options.users.split(",")]
    if max(users) > options.max_users or options.duration > 3600:
        sys.exit(f"bounded: at most {options.max_users} users and 3600 s per step")
    tree = options.tree.resolve()
    work = stack.ROOT / "var" / "load" / label
    work.mkdir(parents=True, exist_ok=True)
    out = options.out or stack.ROOT / "var" / f"load-{label}.json"

    if options.build:
        stack.town_build(tree, options.db, options.build)
    stack.pg_ensure("serve")
    residents = stack.psql("SELECT count(*) FROM residents_resident", options.db)
    server = None if options.url else stack.Server(tree, options.db, workers=options.workers).start()
    url = options.url or server.url
    pid = server.process.pid if server else 0
    try:
        targets = work / "targets.json"
        sessions = max([*users, 4])
        django_side(tree, options.db, "prepare", "--out", str(targets), "--accounts", options.accounts,
                    "--sessions", str(sessions))  # fmt: skip
        found = json.loads(targets.read_text())
        if not found["credentials"]:
            sys.exit("no caseworker with a target for every page: is the town built (setup_demo)?")
        sql_path = work / "sql.json"
        django_side(tree, options.db, "sqltime", "--targets", str(targets), "--out", str(sql_path))
        if options.warmup:
            stack.log(f"warm-up: 4 users, {options.warmup} s")
            locust(url, targets, 4, options.warmup, options.max_requests, work, "warmup", pid)
        steps = []
        for count in users:
            stack.log(f"load: {count} user(s), {options.duration} s")
            steps.append(locust(url, targets, count, options.duration, options.max_requests, work, f"u{count}", pid))
    finally:
        if server is not None:
            server.stop()
    result = {
        "label": label,
        "tree": str(tree),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=tree, capture_output=True, text=True
        ).stdout.strip(),
        "database": options.db,
        "residents": f"{int(residents):,} residents",
        "machine": machine(),
        "load_average_at_end": os.getloadavg(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "workers": options.workers,
        "duration_s": options.duration,
        "accounts": options.accounts,
        "sql": json.loads(sql_path.read_text()),
        "steps": steps,
    }
    out.write_text(json.dumps(result, indent=2))
    print(table(result))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
