"""The caseworker's pages (worklist, household, case, API case list, regulations check): per page its raw SQL time,
its total server time and CPU time in the process, and their ratio, measured in one run.

The yardstick is the page's own SQL: every read the page ran, captured once with its parameters and replayed
through the database cursor without Django's ORM, templates or middleware (median of the replays; the writes of the
processing log and the session are left out, so the ratio is a conservative one). The page is
requested through Django's test client in a child process, DEBUG off, signed in as the demo coordinator
`regisseur`; no network or server process is in the figures, so the ratio is Django's own work per page.

The town: `BENCH_PAGES_DATABASE` (a database URL, e.g. a 1M-resident PostgreSQL town built by bench/load) or else
a SQLite town of `BENCH_RESIDENTS` people (default 20,000) built once into var/bench/ by the project's own
generator, with the demo accounts and one open case per household of the coordinator (a signal each, through the
service). Run alone: `.venv/bin/python bench/run.py --no-docs pages_cpu`; `python bench/bench_pages_cpu.py profile
<page>` prints where one page's time goes (cProfile, cumulative).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "20000"))
# BENCH_PAGES_ROOT: another checkout (its own .venv) to measure, e.g. the code before a change, with this script.
ROOT = Path(os.environ.get("BENCH_PAGES_ROOT") or Path(__file__).resolve().parents[1])
_SUFFIX = f"-{ROOT.name}" if os.environ.get("BENCH_PAGES_ROOT") else ""
TOWN = Path(__file__).resolve().parents[1] / "var" / "bench" / f"pages-{RESIDENTS}{_SUFFIX}.sqlite3"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if os.environ.get("BENCH_PAGES_ROOT") else sys.executable
TITLE = "The caseworker's pages: Django's work against the page's own SQL"
DATA_SIZE = (
    f"{os.environ['BENCH_PAGES_DATABASE'].split('://')[0]} town from BENCH_PAGES_DATABASE"
    if os.environ.get("BENCH_PAGES_DATABASE")
    else f"a generated town of {RESIDENTS:,} residents on SQLite, the demo coordinator's caseload, DEBUG off"
)
REPEAT = int(os.environ.get("BENCH_PAGES_REPEAT", "30"))
ACCOUNT = "regisseur"
CASES = 120  # open cases the coordinator works (one signal per household, through the service)
PAGES = {
    "worklist": "/toegang/",
    "household": "/huishoudens/{household}/",
    "case": "/toegang/huishoudens/{case_household}/",
    "api_cases": "/api/v1/cases/",
    "regulations_check": "/api/v1/income/households/{benefit_household}/entitlements/",
}


def _env() -> dict:
    url = os.environ.get("BENCH_PAGES_DATABASE") or f"sqlite:///{TOWN}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "routekaart.conf.dev", "DEBUG": "False"}


def _manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=_env(), check=True, stdout=subprocess.DEVNULL)


def _town() -> None:
    """Build the SQLite town once (minutes); kept in var/bench/ for the next run."""
    if os.environ.get("BENCH_PAGES_DATABASE"):
        return
    path = TOWN
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.sqlite3")
    env = {**_env(), "DATABASE_URL": f"sqlite:///{partial}"}
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_configuration"],
        ["generate_municipality", "--residents", str(RESIDENTS), "--no-progress", "--allow-bsn-outside-test-range"],
        ["setup_demo"],
    ):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([PYTHON, __file__, "seed"], cwd=ROOT, env=env, check=True)
    partial.rename(path)


def _django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def seed() -> None:
    """One open case per household of the coordinator (up to CASES), a fifth urgent, through the service."""
    _django()
    from django.contrib.auth import get_user_model

    from routekaart.access import services
    from routekaart.access.models import Case
    from routekaart.residents.access import households_visible

    user = get_user_model().objects.get(username=ACCOUNT)
    with_case = set(Case.objects.values_list("household_id", flat=True))
    made = 0
    for index, household in enumerate(households_visible(user=user).order_by("pk")[: CASES * 2]):
        if made >= CASES or household.pk in with_case:
            continue
        services.signal_receive(
            actor=user,
            household=household,
            kind="report",
            topic="support",
            summary="Melding (benchmark): buurtbewoner maakt zich zorgen",
            urgent=index % 5 == 0,
        )
        made += 1
    print(f"{made} open cases for {ACCOUNT}", file=sys.stderr)


def _targets(client) -> dict:
    from django.contrib.auth import get_user_model

    from routekaart.access.models import Case
    from routekaart.residents.access import households_visible

    user = get_user_model().objects.get(username=ACCOUNT)
    households = list(households_visible(user=user).order_by("pk").values_list("pk", flat=True)[:200])
    cases = sorted(Case.objects.filter(household_id__in=households).values_list("household_id", flat=True))
    benefit = next(
        h for h in households if client.get(PAGES["regulations_check"].format(benefit_household=h)).status_code == 200
    )
    return {
        "household": households[len(households) // 2],
        "case_household": cases[len(cases) // 2],
        "benefit_household": benefit,
    }


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(username=ACCOUNT))
    return client


def _capture(client, path: str) -> list:
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return statements


def _replay(statements: list) -> float:
    """Seconds the page's reads take on the database cursor (the SELECTs, with their parameters), in a transaction.

    The writes (processing log, session) are left out: their cost is the processing log's and the session's, which
    bench/load measures; replaying them would take keys the page already took. So the ratio is a conservative one.
    """
    from django.db import connection, transaction

    reads = [(sql, params) for sql, params, _many in statements if sql.lstrip().upper().startswith("SELECT")]
    if connection.in_atomic_block or connection.needs_rollback:
        connection.close()
    with transaction.atomic():
        cursor = connection.cursor()
        start = time.perf_counter()
        for sql, params in reads:
            cursor.execute(sql, params)
            cursor.fetchall()
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


def child() -> None:
    _django()
    client = _client()
    targets = _targets(client)
    results = {}
    for name, pattern in PAGES.items():
        path = pattern.format(**targets)
        for _ in range(3):  # warm-up: first-use imports, template and configuration caches
            client.get(path)
        walls, cpus = [], []
        for _ in range(REPEAT):
            wall, cpu = time.perf_counter(), time.process_time()
            client.get(path)
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - wall)
        statements = _capture(client, path)
        sql = statistics.median(_replay(statements) for _ in range(max(5, REPEAT // 3)))
        results[name] = {
            "statements": len(statements),
            "sql": sql,
            "total": statistics.median(walls),
            "cpu": statistics.median(cpus),
        }
    print(json.dumps(results))


def profile(name: str) -> None:
    import cProfile
    import pstats

    _django()
    client = _client()
    path = PAGES[name].format(**_targets(client))
    for _ in range(3):
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(REPEAT):
        client.get(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative")).print_stats(45)


def run() -> list[tuple[str, str]]:
    _town()
    out = subprocess.run([PYTHON, __file__, "child"], cwd=ROOT, env=_env(), check=True, capture_output=True, text=True)
    results = json.loads(out.stdout.strip().splitlines()[-1])
    rows = [("load average (1 min) at the start", f"{os.getloadavg()[0]:.1f}")]
    for name, r in results.items():
        rows.append(
            (
                f"{name}: raw SQL / total / CPU (median of {REPEAT}), {r['statements']} statements",
                f"{r['sql'] * 1000:.1f} / {r['total'] * 1000:.1f} / {r['cpu'] * 1000:.1f} ms"
                f" (total {r['total'] / r['sql']:.0f}x, CPU {r['cpu'] / r['sql']:.0f}x SQL)",
            )
        )
    return rows


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "child":
        child()
    elif command == "seed":
        seed()
    elif command == "profile":
        os.environ.update({k: v for k, v in _env().items() if k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")})
        profile(sys.argv[2])
    else:
        for measure, value in run():
            print(f"{measure:<70} {value}")
