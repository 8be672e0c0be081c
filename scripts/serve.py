"""Serve Routekaart as production does, on this machine: production settings, PostgreSQL, gunicorn, the job worker.

`make serve` runs this. Without DATABASE_URL it starts (or reuses) a persistent PostgreSQL cluster in var/postgres
(kept between runs; stopped again on exit if this script started it). Local secrets are made once into
var/serve.env (mode 0600); the environment wins over that file. Then: migrate, load_configuration, collectstatic,
optionally the demo town (--demo), and gunicorn on 127.0.0.1:8000 plus `manage.py jobs_worker`. Ctrl-C stops all.

Only for this machine: plain http on localhost, so the redirect to https and HSTS are off (production.py reads
SECURE_SSL_REDIRECT and SECURE_HSTS_SECONDS); behind a real TLS proxy leave them at their defaults.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
SERVE_ENV = VAR / "serve.env"
PG_DIR = VAR / "postgres"
PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from with_postgres import _bindir  # noqa: E402  (the same way of finding PostgreSQL's binaries)


def log(message: str) -> None:
    print(f"serve: {message}", flush=True)


def local_secrets() -> dict[str, str]:
    """The keys production.py refuses to start without, made once for this machine and kept in var/serve.env."""
    if not SERVE_ENV.exists():
        from cryptography.fernet import Fernet

        VAR.mkdir(exist_ok=True)
        values = {
            "SECRET_KEY": secrets.token_urlsafe(64),
            "PSEUDONYM_KEY": secrets.token_urlsafe(48),
            "BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BSN_HASH_KEY": secrets.token_urlsafe(48),
        }
        descriptor = os.open(SERVE_ENV, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write("# Local secrets for `make serve`, made once by scripts/serve.py. Never use them elsewhere.\n")
            file.writelines(f"{name}={value}\n" for name, value in values.items())
        log(f"local secrets written to {SERVE_ENV}")
    pairs = (line.split("=", 1) for line in SERVE_ENV.read_text().splitlines() if line and not line.startswith("#"))
    return {name.strip(): value.strip() for name, value in pairs}


class LocalPostgres:
    """A cluster in var/postgres/data on a fixed local port; as root the server runs as the `postgres` user."""

    def __init__(self, port: int) -> None:
        self.bindir = _bindir()
        self.port = port
        self.data = PG_DIR / "data"
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.started_here = False

    def run(self, *command: object, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([*self.prefix, *map(str, command)], **kwargs)

    def running(self) -> bool:
        done = self.run(self.bindir / "pg_ctl", "-D", self.data, "status", stdout=subprocess.DEVNULL)
        return done.returncode == 0

    def start(self) -> str:
        if not (self.data / "PG_VERSION").exists():
            PG_DIR.mkdir(parents=True, exist_ok=True)
            if self.prefix:
                shutil.chown(PG_DIR, "postgres")
            log(f"initdb {self.data.relative_to(ROOT)}")
            self.run(
                self.bindir / "initdb", "-D", self.data, "-U", "routekaart", "--auth=trust", "-E", "UTF8",
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        if self.running():
            log(f"PostgreSQL in {self.data.relative_to(ROOT)} already runs; reusing it")
        else:
            options = f"-p {self.port} -k {PG_DIR} -c listen_addresses=127.0.0.1"
            self.run(
                self.bindir / "pg_ctl", "-D", self.data, "-o", options, "-l", PG_DIR / "server.log", "-w", "start",
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            self.started_here = True
            log(f"PostgreSQL started on 127.0.0.1:{self.port} ({self.data.relative_to(ROOT)})")
        exists = self.run(
            self.bindir / "psql", "-h", PG_DIR, "-p", self.port, "-U", "routekaart", "-d", "postgres", "-tAc",
            "SELECT 1 FROM pg_database WHERE datname = 'routekaart'",
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        if exists.stdout.strip() != "1":
            self.run(
                self.bindir / "createdb", "-h", PG_DIR, "-p", self.port, "-U", "routekaart", "routekaart", check=True
            )
        return f"postgres://routekaart@127.0.0.1:{self.port}/routekaart"

    def stop(self) -> None:
        if self.started_here:
            self.run(self.bindir / "pg_ctl", "-D", self.data, "-m", "fast", "stop", stdout=subprocess.DEVNULL)
            log("PostgreSQL stopped (its data stays in var/postgres)")


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8000", help="address for gunicorn (default 127.0.0.1:8000)")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("SERVE_PG_PORT", "54329")))
    parser.add_argument("--demo", action="store_true", help="also make the demo town (setup_demo; idempotent)")
    parser.add_argument("--no-worker", action="store_true", help="do not start `manage.py jobs_worker`")
    options = parser.parse_args()

    env = {**local_secrets(), **os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="routekaart.conf.production",
        SECURE_SSL_REDIRECT=os.environ.get("SECURE_SSL_REDIRECT", "false"),
        SECURE_HSTS_SECONDS=os.environ.get("SECURE_HSTS_SECONDS", "0"),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    postgres = None if os.environ.get("DATABASE_URL") else LocalPostgres(options.pg_port)
    children: list[subprocess.Popen] = []

    def stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        if postgres:
            env["DATABASE_URL"] = postgres.start()
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_configuration")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        if options.demo:
            # The demo generators run only under the demo settings; the same database and keys, so the same data.
            manage({**env, "DJANGO_SETTINGS_MODULE": "routekaart.conf.dev", "DEBUG": "false"}, "setup_demo")
        # Several workers: each writes its metrics here and /metrics adds them up (docs/deployment.md, Monitoring).
        env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(VAR / "prometheus"))
        gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        children.append(
            subprocess.Popen([*gunicorn, "--bind", options.bind, "routekaart.wsgi:application"], cwd=ROOT, env=env)
        )
        has_worker = (ROOT / "src/routekaart/jobs/management/commands/jobs_worker.py").exists()
        if has_worker and not options.no_worker:
            children.append(subprocess.Popen([str(PYTHON), "manage.py", "jobs_worker"], cwd=ROOT, env=env))
        log(f"serving production settings on http://{options.bind}/ (Ctrl-C stops)")
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        log("a process ended; stopping the others")
        return next(child.returncode for child in children if child.returncode is not None) or 1
    except KeyboardInterrupt:
        log("stopping")
        return 0
    except subprocess.CalledProcessError as error:
        log(f"failed: {' '.join(map(str, error.cmd))}")
        return error.returncode or 1
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()  # gunicorn: graceful shutdown of its workers; the job worker stops after its run
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
        if postgres:
            postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
