"""The load harness's stack: a persistent PostgreSQL cluster, the town in it, and gunicorn serving one code tree.

Everything is local: the cluster listens on 127.0.0.1 only, the server binds 127.0.0.1, and the secrets are the
demo's public keys (routekaart.conf.dev): a load-test database holds generated people only.

The cluster lives outside the repository (LOAD_PG_DIR, default /work/bench-pg) so a 1,000,000-resident town is
built once and kept. Towns are built by the project's own generator (`generate_municipality` + `setup_demo`), with
the code of the tree given, so a town for "before" is built by the code before.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from with_postgres import _bindir  # noqa: E402  (the project's one way of finding PostgreSQL's binaries)

PG_DIR = Path(os.environ.get("LOAD_PG_DIR", "/work/bench-pg"))
PG_PORT = int(os.environ.get("LOAD_PG_PORT", "55432"))
PG_USER = "routekaart"
# Production-like: fsync and full page writes on (the defaults). Building a town may switch them off (`build`).
PG_OPTIONS = {
    "serve": "-c shared_buffers=1GB -c max_connections=200",
    "build": "-c shared_buffers=1GB -c max_connections=200 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_wal_size=8GB",
}
# The demo's public keys (conf/dev.py): the towns are built with them, so the server must read with them.
DEMO_ENV = {
    "SECRET_KEY": "load-test-only-not-a-secret-0123456789abcdef",
    "PSEUDONYM_KEY": "dev-only-insecure-key-never-use-in-production",
    "BSN_ENCRYPTION_KEYS": "ZGV2LW9ubHktYnNuLWtleS1ub3QtYS1zZWNyZXQtMDE=",
    "BSN_HASH_KEY": "dev-only-bsn-hash-key-not-a-secret",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",  # the harness sends X-Forwarded-Proto: https, as the TLS proxy would
    "LOG_LEVEL": "WARNING",
}
# The code before the production fix could not run collectstatic (a CSS file of the design tokens points at a
# missing icon). For that tree only, serve the three files the templates link, as the fix does (conf/static_vendor).
SHIM = Path(__file__).resolve().parent / "shim"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- PostgreSQL -----------------------------------------------------------------------------------------------


def _as_pg() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def database_url(name: str) -> str:
    return f"postgres://{PG_USER}@127.0.0.1:{PG_PORT}/{name}"


def pg_running() -> bool:
    result = subprocess.run(
        [*_as_pg(), _bindir() / "pg_ctl", "-D", PG_DIR / "data", "status"], capture_output=True, text=True
    )
    return result.returncode == 0


def _mode_file() -> Path:
    return PG_DIR / "mode"


def pg_ensure(mode: str = "serve") -> None:
    """The cluster is up, in `mode` (restarted when it runs in the other one)."""
    data = PG_DIR / "data"
    if not data.exists():
        PG_DIR.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(PG_DIR, "postgres")
        subprocess.run(
            [*_as_pg(), _bindir() / "initdb", "-D", data, "-U", PG_USER, "--auth=trust", "-E", "UTF8"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    current = _mode_file().read_text().strip() if _mode_file().exists() else ""
    if pg_running():
        if current == mode:
            return
        pg_ctl("stop")
    options = f"-p {PG_PORT} -k {PG_DIR} -c listen_addresses=127.0.0.1 {PG_OPTIONS[mode]}"
    subprocess.run(
        [*_as_pg(), _bindir() / "pg_ctl", "-D", data, "-o", options, "-l", PG_DIR / "server.log", "-w", "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _mode_file().write_text(mode)
    log(f"PostgreSQL on 127.0.0.1:{PG_PORT} ({mode}), data in {data}")


def pg_ctl(action: str, *, mode: str = "fast") -> None:
    """stop or restart the cluster (`mode`: fast or immediate), keeping its options."""
    command = [*_as_pg(), _bindir() / "pg_ctl", "-D", PG_DIR / "data", "-m", mode, "-w", action]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        [_bindir() / "psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", PG_USER, "-d", database, "-Atqc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def database_exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def database_copy(source: str, target: str) -> None:
    """A fresh copy of `source` (a file copy in PostgreSQL: seconds, not a rebuild)."""
    psql(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


# --- the code trees --------------------------------------------------------------------------------------------


def tree_python(tree: Path) -> str:
    return str(tree / ".venv" / "bin" / "python")


def tree_env(tree: Path, database: str, *, settings: str = "routekaart.conf.production") -> dict[str, str]:
    env = {**os.environ, **DEMO_ENV, "DATABASE_URL": database_url(database), "DJANGO_SETTINGS_MODULE": settings}
    env.pop("PYTHONPATH", None)
    if settings == "routekaart.conf.production" and not (tree / "src/routekaart/conf/static_vendor.py").exists():
        env["DJANGO_SETTINGS_MODULE"] = "load_shim_settings"
        env["PYTHONPATH"] = f"{tree / 'src'}:{SHIM}"
        env["LOAD_SHIM_NODE_MODULES"] = str(tree / "node_modules")
        env["LOAD_SHIM_STATIC"] = str(PG_DIR / "static-vendor-shim")
    return env


def manage(tree: Path, database: str, *args: str, settings: str = "routekaart.conf.production", **kwargs):
    return subprocess.run(
        [tree_python(tree), "manage.py", *args], cwd=tree, env=tree_env(tree, database, settings=settings), **kwargs
    )


def town_build(tree: Path, database: str, residents: int) -> None:
    """The generated town of `residents` people with the demo accounts and their caseloads, by `tree`'s code."""
    pg_ensure("build")
    psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{database}"')
    dev = "routekaart.conf.dev"
    start = time.perf_counter()
    manage(tree, database, "migrate", "--noinput", "-v", "0", settings=dev, check=True)
    manage(tree, database, "load_configuration", settings=dev, check=True, stdout=subprocess.DEVNULL)
    generate = ["generate_municipality", "--residents", str(residents), "--no-progress"]
    if residents > 9_000:  # the RvIG test band holds 9,000 numbers
        generate.append("--allow-bsn-outside-test-range")
    manage(tree, database, *generate, settings=dev, check=True)
    manage(tree, database, "setup_demo", settings=dev, check=True, stdout=subprocess.DEVNULL)
    town_seed(tree, database)
    psql("VACUUM ANALYZE", database)
    log(f"town of {residents:,} residents in database {database}: {time.perf_counter() - start:.0f} s")


def town_seed(tree: Path, database: str) -> None:
    """The caseworkers' open cases (django_side.py seed): the generator makes none for the Toegang."""
    script = Path(__file__).resolve().parent / "django_side.py"
    out = PG_DIR / f"seed-{database}.json"
    subprocess.run(
        [tree_python(tree), str(script), "seed", "--tree", str(tree), "--out", str(out)],
        env=tree_env(tree, database),
        check=True,
    )


def town_upgrade(tree: Path, database: str) -> None:
    """Bring a town built by older code to `tree`'s schema and configuration (as an upgrade would)."""
    manage(tree, database, "migrate", "--noinput", "-v", "0", check=True)
    manage(tree, database, "load_configuration", check=True, stdout=subprocess.DEVNULL)
    psql("VACUUM ANALYZE", database)


# --- gunicorn --------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url}/healthz did not answer 200 within {timeout:.0f} s")


class Server:
    """gunicorn serving `tree` with production settings on `database`, `workers` sync workers, 127.0.0.1 only.

    A tree with deploy/gunicorn.conf.py (the shipped configuration) is served with it; WEB_CONCURRENCY sets its
    workers. Older trees get gunicorn's defaults with `--workers`.
    """

    def __init__(self, tree: Path, database: str, *, workers: int = 4, port: int | None = None, extra_env=None):
        self.tree, self.database, self.workers = tree, database, workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**tree_env(tree, database), "WEB_CONCURRENCY": str(workers), **(extra_env or {})}
        self.process: subprocess.Popen | None = None
        self.log_path = PG_DIR / f"gunicorn-{tree.name}-{database}.log"

    def collectstatic(self) -> None:
        shim = self.env.get("LOAD_SHIM_STATIC")
        if shim and (Path(shim).parent / "staticfiles-before" / "staticfiles.json").exists():
            return  # the code before never changes: its files were collected by an earlier run
        subprocess.run(
            [tree_python(self.tree), "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=self.tree,
            env=self.env,
            check=True,
        )

    def start(self) -> "Server":
        self.collectstatic()
        command = [tree_python(self.tree), "-m", "gunicorn", "routekaart.wsgi:application"]
        config = self.tree / "deploy" / "gunicorn.conf.py"
        if config.exists():
            command += ["-c", str(config)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--timeout", "60"]
        command += ["--chdir", str(self.tree / "src")]
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(
                command, cwd=self.tree, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_healthy(self.url)
        log(f"gunicorn ({self.workers} workers) serving {self.tree} on {self.url}, database {self.database}")
        return self

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in found.split()]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def rss_kib(pid: int) -> int:
    """Resident set size of one process, from /proc (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_fields(pid: int) -> tuple[float, float]:
    """(own, reaped children's) CPU seconds of a process, from /proc/<pid>/stat; (0, 0) once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime) / tick, (cutime + cstime) / tick


def process_tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and all its children, the ended ones included (reaped by it)."""
    own, reaped = _cpu_fields(pid)
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return own + reaped + sum(_cpu_fields(int(child))[0] for child in children)


def postgres_cpu() -> float:
    """CPU seconds of the cluster: the postmaster, its ended backends and the live ones."""
    try:
        pid = int((PG_DIR / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return process_tree_cpu(pid)
