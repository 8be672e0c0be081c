"""Throughput and peak memory of the demo municipality generator, at 100,000 and 1,000,000 residents.

Each size runs `manage.py generate_municipality` in a child process on a fresh database (SQLite; PostgreSQL too
when `scripts/with_postgres.py` finds it), timed from the outside. The peak memory is the child's maximum resident
set size, read with `resource.getrusage(RUSAGE_CHILDREN)` by a small wrapper process whose only child is the
generator, so neither `migrate` nor another case's peak hides it. CPU time (user + system) is reported beside the
wall time: on a shared machine it holds steadier (for PostgreSQL it leaves out the server's own work).
Run alone: `.venv/bin/python bench/run.py generator`.
"""

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Demo municipality generator"
DATA_SIZE = "100,000 and 1,000,000 resident records (seed 2016, with the demo caseloads), each on a fresh database"
ROOT = Path(__file__).resolve().parents[1]
SIZES = (100_000, 1_000_000)
SEED = "2016"


def _generate(residents: int) -> dict:
    """In the inner wrapper, whose only child is the generator: wall time, CPU time and peak RSS of that child."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_municipality",
            "--seed",
            SEED,
            "--residents",
            str(residents),
            "--allow-bsn-outside-test-range",
            "--no-progress",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss}


def _case(residents: int) -> dict:
    """In the outer wrapper (inside the throwaway PostgreSQL cluster, if any): migrate, then generate in an inner
    wrapper, so that migrate's memory does not count as the generator's."""
    env = dict(os.environ)
    tmp = None
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        tmp = tempfile.mkdtemp(prefix="routekaart-bench-")
        env["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'town.sqlite3'}"
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
        done = subprocess.run(
            [sys.executable, __file__, "--generate", str(residents)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["db_bytes"] = (Path(tmp) / "town.sqlite3").stat().st_size if tmp else None
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return result


def _pure(residents: int) -> float:
    """Residents per second of the pure generator (no database), in this process."""
    sys.path.insert(0, str(ROOT / "src"))
    from datetime import date

    from routekaart.residents.generator.population import chunk_build
    from routekaart.residents.generator.town import TownPlan

    plan = TownPlan(seed=int(SEED), residents=residents, reference_date=date(2026, 1, 1))
    start = time.perf_counter()
    for chunk in range(plan.chunk_count):
        chunk_build(plan, chunk)
    return residents / (time.perf_counter() - start)


def _run_case(residents: int, postgres: bool) -> dict:
    command = [sys.executable, __file__, "--case", str(residents)]
    if postgres:
        command = [sys.executable, str(ROOT / "scripts" / "with_postgres.py"), *command]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:120]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_available() -> bool:
    return bool(shutil.which("initdb") or list(Path("/usr/lib/postgresql").glob("*/bin/initdb")))


def run() -> list[tuple[str, str]]:
    rows = [("pure generator (no database), 100,000 residents", f"{_pure(100_000):,.0f} residents/s")]
    backends = [("SQLite", False)] + ([("PostgreSQL", True)] if _postgres_available() else [])
    for label, postgres in backends:
        for residents in SIZES:
            result = _run_case(residents, postgres)
            name = f"{label}, {residents:,} residents"
            if "error" in result:
                rows.append((name, f"failed: {result['error']}"))
                continue
            rows.append((f"{name}: wall time", f"{result['seconds']:.1f} s"))
            rows.append((f"{name}: throughput", f"{residents / result['seconds']:,.0f} residents/s"))
            # The generator's own CPU time (SQLite runs in-process; PostgreSQL's server time is not in it): steadier
            # than wall time on a shared machine.
            rows.append((f"{name}: generator CPU time", f"{result['cpu_seconds']:.1f} s"))
            rows.append((f"{name}: peak memory (max RSS)", f"{result['peak_kib'] / 1024:.0f} MiB"))
            if result["db_bytes"]:
                rows.append((f"{name}: database file", f"{result['db_bytes'] / 2**20:.0f} MiB"))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(_case(int(sys.argv[2]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "--generate":
        print(json.dumps(_generate(int(sys.argv[2]))))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
