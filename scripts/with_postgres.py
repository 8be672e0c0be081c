"""Run a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, a free port, then gone.

No system service and no password: the cluster trusts local connections and lives only as long as the command.
As root (PostgreSQL refuses to run as root) the server runs as the `postgres` user that Debian's package creates.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    for candidate in reversed(candidates):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    sys.exit("PostgreSQL ontbreekt. Installeer het als root: apt-get install -y postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(command: list[str]) -> int:
    bindir = _bindir()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    workdir = Path(tempfile.mkdtemp(prefix="routekaart-pg-"))
    data, port = workdir / "data", _free_port()
    if as_root:
        shutil.chown(workdir, "postgres")
    try:
        subprocess.run(
            [
                *prefix,
                bindir / "initdb",
                "-D",
                data,
                "-U",
                "routekaart",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # A throwaway cluster: no durability (fsync, commit flushes, full pages, WAL beyond crash recovery), no
        # background vacuum of tables a test run empties anyway, no JIT compiling of the tests' small queries.
        durability = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal"
        background = "-c max_wal_senders=0 -c autovacuum=off -c jit=off"
        options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 {durability} {background}"
        subprocess.run(
            [
                *prefix,
                bindir / "pg_ctl",
                "-D",
                data,
                "-o",
                options,
                "-l",
                workdir / "server.log",
                "-w",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {**os.environ, "DATABASE_URL": f"postgres://routekaart@127.0.0.1:{port}/postgres"}
        print(f"PostgreSQL throwaway cluster on port {port}", flush=True)
        return subprocess.run(command, env=env).returncode
    finally:
        subprocess.run([*prefix, bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: with_postgres.py COMMAND [ARGS...]")
    sys.exit(main(sys.argv[1:]))
