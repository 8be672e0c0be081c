"""Fault checks against a local production-like server (gunicorn, production settings, the PostgreSQL town).

    .venv/bin/python bench/load/faults.py --db faults --copy-of before_run_after [--checks kill,pg_restart,soak,backup]
        [--soak-minutes 10]     (before_run_after: the migrated 1M town that `make load` leaves behind)

- kill:       API writes (POST /api/v1/signals/, each with its own Idempotency-Key, retried with the same key after
              a dropped connection or a 5xx) while a gunicorn worker is killed with SIGKILL every few tenths of a
              second, and every fourth write's first answer is lost (the client hangs up once it has sent it);
              then the rows are counted: every write exactly once, none lost, none doubled.
- pg_restart: pages, API and /healthz are requested while PostgreSQL stops for a while and starts again: while it
              is down a page answers the Dutch 503 page (HTML), the API problem+json 503, /healthz 503, never a 500;
              afterwards every request answers 200 again, from the same gunicorn master (no restart).
- soak:       N minutes at 16 users of the caseworker mix (locust): 0 errors, and each worker's resident memory,
              sampled every 10 s, flat (last minute against the first minute after warm-up); the database's growth
              per page view beside it.
- backup:     scripts/backup.py (the shipped backup) or, without it, pg_dump -Fc / pg_restore: the restored
              database has the same row count and checksum in every table.

Each check prints PASS or FAIL with its figures and the whole run writes var/load-faults.json. Bounded and local:
a server on 127.0.0.1, the cluster of LOAD_PG_DIR, at most --writes writes and --max-kills kills.
"""

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as load_run
import stack

HERE = Path(__file__).resolve().parent
_last_replayed = threading.local()  # whether this thread's last answer was a kept one (Idempotent-Replayed: true)


def _request(port: int, method: str, path: str, headers: dict, body: bytes | None = None, timeout: float = 30,
             drop: bool = False):  # fmt: skip
    """(status, content type, body) or (None, error name, b"") when the connection failed.

    `drop`: hang up as soon as the request is sent, as a client whose connection breaks before the answer comes.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"X-Forwarded-Proto": "https", **headers})
        if drop:
            return None, "dropped by the client", b""
        response = connection.getresponse()
        _last_replayed.value = response.getheader("Idempotent-Replayed") == "true"
        return response.status, response.getheader("Content-Type", ""), response.read()
    except (OSError, http.client.HTTPException) as error:
        return None, type(error).__name__, b""
    finally:
        connection.close()


def _prepare(tree: Path, database: str, work: Path, sessions: int = 16) -> dict:
    targets = work / "targets.json"
    load_run.django_side(tree, database, "prepare", "--out", str(targets), "--sessions", str(sessions))
    return json.loads(targets.read_text())


# --- kill -9 during writes -----------------------------------------------------------------------------------


def check_kill(server: stack.Server, prepared: dict, writes: int, clients: int, max_kills: int) -> dict:
    run_id = uuid.uuid4().hex[:8]
    marker = f"lasttest-{run_id}"
    credential = prepared["credentials"][0]
    households = prepared["targets"][credential["account"]]["household"]
    queue = list(range(writes))
    lock = threading.Lock()
    stats = {"acknowledged": 0, "replayed": 0, "retries": 0, "gave_up": 0, "statuses": {}}
    done = threading.Event()

    def write_one(index: int) -> None:
        body = json.dumps(
            {
                "household": households[index % len(households)],
                "kind": "report",
                "topic": "support",
                "summary": f"{marker}-{index}: melding uit de foutproef (lasttest)",
            }
        ).encode()
        headers = {
            "Authorization": f"Token {credential['token']}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"{marker}-{index}",
        }
        for attempt in range(40):
            # Every fourth write loses its first answer on the way back (the client hangs up once it has sent
            # it): the server writes, the client cannot know, and retries. Only the key keeps that from doubling.
            drop = attempt == 0 and index % 4 == 0
            _last_replayed.value = False
            status, kind, _ = _request(server.port, "POST", "/api/v1/signals/", headers, body, drop=drop)
            with lock:
                key = str(status or kind)
                stats["statuses"][key] = stats["statuses"].get(key, 0) + 1
            if status in (200, 201):
                with lock:
                    stats["acknowledged"] += 1
                    stats["replayed"] += bool(_last_replayed.value)
                return
            if status is not None and status < 500 and status != 409:
                with lock:
                    stats["gave_up"] += 1  # a refusal: the write itself is wrong, retrying will not help
                return
            with lock:
                stats["retries"] += 1
            time.sleep(0.2 + 0.1 * attempt)
        with lock:
            stats["gave_up"] += 1

    def client() -> None:
        while True:
            with lock:
                if not queue:
                    return
                index = queue.pop(0)
            write_one(index)

    kills = []

    def killer() -> None:
        time.sleep(0.5)
        while not done.is_set() and len(kills) < max_kills:
            pids = server.worker_pids()
            if pids:
                victim = random.choice(pids)
                try:
                    os.kill(victim, 9)
                    kills.append(victim)
                except ProcessLookupError:
                    pass
            time.sleep(random.uniform(0.3, 1.0))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    killing = threading.Thread(target=killer)
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    killing.start()
    for thread in threads:
        thread.join()
    done.set()
    killing.join()
    seconds = time.perf_counter() - start
    rows = stack.psql(
        f"SELECT count(*), count(DISTINCT split_part(summary, ':', 1)) FROM access_signal "
        f"WHERE summary LIKE '{marker}-%'",
        server.database,
    ).split("|")
    total, distinct = int(rows[0]), int(rows[1])
    ok = total == writes and distinct == writes and stats["acknowledged"] == writes
    return {
        "check": "kill",
        "pass": ok,
        "writes": writes,
        "acknowledged": stats["acknowledged"],
        "rows": total,
        "distinct_rows": distinct,
        "lost": writes - distinct,
        "doubled": total - distinct,
        "kills": len(kills),
        "retries": stats["retries"],
        "answers_replayed": stats["replayed"],
        "gave_up": stats["gave_up"],
        "answers": stats["statuses"],
        "seconds": round(seconds, 1),
    }


# --- PostgreSQL restart during load --------------------------------------------------------------------------


def _dutch_page(content_type: str, body: bytes) -> bool:
    text = body.decode("utf-8", "replace")
    return content_type.startswith("text/html") and 'lang="nl"' in text and "Server Error" not in text


def check_pg_restart(server: stack.Server, prepared: dict, down_seconds: float) -> dict:
    credential = prepared["credentials"][0]
    target = prepared["targets"][credential["account"]]
    page_headers = {"Cookie": f"sessionid={credential['session']}"}
    api_headers = {"Authorization": f"Token {credential['token']}"}
    probes = [
        ("page", "/toegang/", page_headers),
        ("page", f"/huishoudens/{target['household'][0]}/", page_headers),
        ("api", "/api/v1/cases/", api_headers),
        ("healthz", "/healthz", {}),
    ]
    samples: list[dict] = []
    phase = {"name": "before"}
    stop = threading.Event()
    master = server.process.pid

    def prober(kind: str, path: str, headers: dict) -> None:
        while not stop.is_set():
            status, content_type, body = _request(server.port, "GET", path, headers, timeout=30)
            samples.append(
                {
                    "phase": phase["name"],
                    "kind": kind,
                    "at": time.time(),
                    "status": status,
                    "content_type": content_type,
                    "dutch": _dutch_page(content_type, body),
                }
            )
            time.sleep(0.1)

    threads = [threading.Thread(target=prober, args=probe) for probe in probes]
    for thread in threads:
        thread.start()
    time.sleep(3)
    phase["name"] = "down"
    stack.log(f"PostgreSQL stops for {down_seconds:.0f} s")
    stack.pg_ctl("stop", mode="fast")
    time.sleep(down_seconds)
    (stack.PG_DIR / "mode").unlink(missing_ok=True)
    stack.pg_ensure("serve")
    phase["name"] = "recovering"
    restarted_at = time.time()
    recovered_at = None
    deadline = time.time() + 60
    while time.time() < deadline:
        recent = [s for s in samples[-12:] if s["at"] > restarted_at]
        if len(recent) >= 8 and all(s["status"] == 200 for s in recent):
            recovered_at = min(s["at"] for s in recent)
            break
        time.sleep(0.5)
    phase["name"] = "after"
    time.sleep(5)
    stop.set()
    for thread in threads:
        thread.join()
    down = [s for s in samples if s["phase"] == "down"]
    after = [s for s in samples if s["phase"] == "after"]
    server_errors = [s for s in samples if s["status"] == 500]
    down_pages = [s for s in down if s["kind"] == "page" and s["status"] != 200]
    down_api = [s for s in down if s["kind"] == "api" and s["status"] != 200]
    down_health = [s for s in down if s["kind"] == "healthz" and s["status"] != 200]
    pages_ok = bool(down_pages) and all(s["status"] == 503 and s["dutch"] for s in down_pages)
    api_ok = bool(down_api) and all(
        s["status"] == 503 and s["content_type"].startswith("application/problem+json") for s in down_api
    )
    health_ok = bool(down_health) and all(s["status"] == 503 for s in down_health)
    after_ok = bool(after) and all(s["status"] == 200 for s in after)
    same_master = server.process.poll() is None and server.process.pid == master
    ok = pages_ok and api_ok and health_ok and after_ok and not server_errors and same_master

    def summary(rows: list[dict]) -> dict:
        counted: dict[str, int] = {}
        for s in rows:
            key = f"{s['kind']} {s['status'] or s['content_type']}"
            counted[key] = counted.get(key, 0) + 1
        return counted

    return {
        "check": "pg_restart",
        "pass": ok,
        "down_seconds": down_seconds,
        "answers_while_down": summary(down),
        "answers_after": summary(after),
        "pages_dutch_503": pages_ok,
        "api_problem_json_503": api_ok,
        "healthz_503": health_ok,
        "server_errors_500": len(server_errors),
        "recovered_after_s": round(recovered_at - restarted_at, 1) if recovered_at else None,
        "server_not_restarted": same_master,
    }


# --- soak --------------------------------------------------------------------------------------------------------


def _table_sizes(database: str) -> dict[str, int]:
    rows = stack.psql(
        "SELECT c.relname || ' ' || pg_total_relation_size(c.oid) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public'",
        database,
    )
    return {name: int(size) for name, size in (line.split() for line in rows.splitlines())}


def check_soak(server: stack.Server, work: Path, minutes: float, users: int) -> dict:
    targets = work / "targets.json"
    samples: list[tuple[float, dict[int, int]]] = []
    stop = threading.Event()

    def sampler() -> None:
        while not stop.is_set():
            samples.append((time.time(), {pid: stack.rss_kib(pid) for pid in server.worker_pids()}))
            stop.wait(10)

    size_before = int(stack.psql("SELECT pg_database_size(current_database())", server.database))
    tables_before = _table_sizes(server.database)
    thread = threading.Thread(target=sampler)
    thread.start()
    try:
        result = load_run.locust(
            server.url, targets, users, int(minutes * 60), 10_000_000, work, "soak", server.process.pid
        )
    finally:
        stop.set()
        thread.join()
    size_after = int(stack.psql("SELECT pg_database_size(current_database())", server.database))
    tables_after = _table_sizes(server.database)
    grown = sorted(
        ((name, size - tables_before.get(name, 0)) for name, size in tables_after.items()),
        key=lambda item: -item[1],
    )
    start, end = samples[0][0], samples[-1][0]
    first = [rss for at, by_pid in samples if start + 60 <= at < start + 120 for rss in by_pid.values()]
    last = [rss for at, by_pid in samples if at >= end - 60 for rss in by_pid.values()]
    first_mib = sum(first) / len(first) / 1024 if first else 0.0
    last_mib = sum(last) / len(last) / 1024 if last else 0.0
    growth = (last_mib - first_mib) / first_mib if first_mib else 0.0
    respawned = len({pid for _, by_pid in samples for pid in by_pid}) - server.workers
    total = result["total"]
    flat = abs(growth) <= 0.10 or (last_mib - first_mib) <= 10
    return {
        "check": "soak",
        "pass": total["errors"] == 0 and flat and total["requests"] > 0,
        "minutes": minutes,
        "users": users,
        "requests": total["requests"],
        "errors": total["errors"],
        "throughput_rps": total["throughput_rps"],
        "p50_ms": total["p50_ms"],
        "p95_ms": total["p95_ms"],
        "worker_rss_mib_first_minute": round(first_mib, 1),
        "worker_rss_mib_last_minute": round(last_mib, 1),
        "worker_rss_growth": f"{growth:+.1%}",
        "workers_replaced": max(0, respawned),
        "database_growth_mb": round((size_after - size_before) / 1e6, 1),
        "database_bytes_per_request": round((size_after - size_before) / max(1, total["requests"])),
        "bytes_per_request_by_table": {
            name: round(delta / max(1, total["requests"])) for name, delta in grown[:6] if delta > 0
        },
        "rss_samples": [[round(at - start), sorted(by_pid.values())] for at, by_pid in samples],
    }


# --- backup and restore ---------------------------------------------------------------------------------------


def _fingerprint(database: str) -> dict[str, str]:
    """Row count and checksum of every table (rows sorted by their text), as one value per table."""
    tables = stack.psql(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
        database,
    ).split()
    found = {}
    for table in tables:
        found[table] = stack.psql(
            f"SELECT count(*) || ' ' || coalesce(md5(string_agg(r, '' ORDER BY r)), '-') "
            f"FROM (SELECT md5(t::text) AS r FROM {table} t) s",
            database,
        )
    return found


def check_backup(tree: Path, database: str) -> dict:
    folder = stack.PG_DIR / "backups"
    folder.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        os.chown(folder, 0, 0)
    restored = f"{database}_restored"
    dump = folder / f"{database}.dump"
    script = tree / "scripts" / "backup.py"
    start = time.perf_counter()
    env = stack.tree_env(tree, database)
    shipped_equal = None
    if script.exists():
        method = "scripts/backup.py dump / verify / restore"
        python = stack.tree_python(tree)
        subprocess.run([python, str(script), "dump", str(dump)], cwd=tree, env=env, check=True)
        subprocess.run([python, str(script), "verify", str(dump)], cwd=tree, env=env, check=True, capture_output=True)
        backup_s = time.perf_counter() - start
        stack.psql(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        target = stack.database_url(restored)
        subprocess.run([python, str(script), "restore", str(dump), "--target", target], cwd=tree, env=env, check=True)

        def shipped(url: str) -> str:
            command = [python, str(script), "fingerprint", url]
            return subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True, text=True).stdout

        shipped_equal = shipped(stack.database_url(database)) == shipped(target)
    else:
        method = "pg_dump -Fc / pg_restore (scripts/backup.py not found)"
        bindir = stack._bindir()
        url = stack.database_url(database)
        subprocess.run([bindir / "pg_dump", "-Fc", "-f", str(dump), url], check=True)
        backup_s = time.perf_counter() - start
        stack.psql(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        stack.psql(f'CREATE DATABASE "{restored}"')
        subprocess.run([bindir / "pg_restore", "--no-owner", "-d", stack.database_url(restored), str(dump)], check=True)
    restore_s = time.perf_counter() - start - backup_s
    original, copy = _fingerprint(database), _fingerprint(restored)
    differing = sorted(t for t in set(original) | set(copy) if original.get(t) != copy.get(t))
    rows = sum(int(v.split()[0]) for v in original.values())
    size = dump.stat().st_size
    stack.psql(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
    return {
        "check": "backup",
        "pass": not differing and bool(original) and shipped_equal is not False,
        "method": method,
        "shipped_fingerprints_equal": shipped_equal,
        "tables": len(original),
        "rows": rows,
        "differing_tables": differing[:20],
        "backup_s": round(backup_s, 1),
        "restore_s": round(restore_s, 1),
        "dump_mb": round(size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=stack.ROOT)
    parser.add_argument("--db", required=True, help="a copy you may write to: the checks add rows")
    parser.add_argument("--copy-of", default="", help="first make --db a fresh copy of this one")
    parser.add_argument("--checks", default="kill,pg_restart,soak,backup")
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--max-kills", type=int, default=12)
    parser.add_argument("--down-seconds", type=float, default=10)
    parser.add_argument("--soak-minutes", type=float, default=10)
    parser.add_argument("--soak-users", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--out", type=Path, default=stack.ROOT / "var" / "load-faults.json")
    options = parser.parse_args()
    if options.writes > 5000 or options.soak_users > 64 or options.soak_minutes > 60 or options.max_kills > 100:
        sys.exit("bounded: at most 5000 writes, 100 kills, 64 users and 60 minutes")
    checks = options.checks.split(",")
    tree = options.tree.resolve()
    work = stack.ROOT / "var" / "load" / f"faults-{options.db}"
    work.mkdir(parents=True, exist_ok=True)
    stack.pg_ensure("serve")
    if options.copy_of:
        stack.database_copy(options.copy_of, options.db)
    results = []
    server = stack.Server(tree, options.db, workers=options.workers).start() if checks != ["backup"] else None
    try:
        prepared = _prepare(tree, options.db, work) if server else {}
        for check in checks:
            stack.log(f"check: {check}")
            if check == "kill":
                result = check_kill(server, prepared, options.writes, 4, options.max_kills)
            elif check == "pg_restart":
                result = check_pg_restart(server, prepared, options.down_seconds)
            elif check == "soak":
                result = check_soak(server, work, options.soak_minutes, options.soak_users)
            elif check == "backup":
                result = check_backup(tree, options.db)
            else:
                sys.exit(f"unknown check {check}")
            results.append(result)
            shown = {k: v for k, v in result.items() if k not in ("check", "pass", "rss_samples")}
            print(f"{'PASS' if result['pass'] else 'FAIL'} {check}: {json.dumps(shown)}", flush=True)
    finally:
        if server is not None:
            server.stop()
    options.out.write_text(json.dumps({"tree": str(tree), "database": options.db, "results": results}, indent=2))
    print(f"written: {options.out}")
    sys.exit(0 if all(r["pass"] for r in results) else 1)


if __name__ == "__main__":
    main()
