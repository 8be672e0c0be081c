"""Back up and restore Routekaart's PostgreSQL database with pg_dump's custom format, and prove a restore is whole.

    python scripts/backup.py dump FILE                  # pg_dump -Fc of DATABASE_URL into FILE (mode 0600)
    python scripts/backup.py restore FILE --target URL  # pg_restore into an empty database (made if it is missing)
    python scripts/backup.py verify FILE                # the archive reads (pg_restore --list)
    python scripts/backup.py fingerprint [URL]          # row count and md5 of the ordered rows of every table

Compare `fingerprint` of the source and of the restored database: equal output means an identical copy (every
table, the processing log included, and every sequence's position). docs/deployment.md, "Backups and restore".
The dump holds personal data (BSNs encrypted, names and addresses not): store it encrypted, with access logged.
Without --database-url the source is DATABASE_URL. PostgreSQL's client programs come from the newest
/usr/lib/postgresql/*/bin (a newer pg_dump reads older servers) or the PATH.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from with_postgres import _bindir  # (the same way of finding PostgreSQL's binaries)


def libpq_url(url: str) -> str:
    """DATABASE_URL as libpq reads it (django-environ also accepts postgresql://, pgsql:// and psql://)."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql", "psql"):
        sys.exit(f"backup: not a PostgreSQL URL: {parts.scheme}://…")
    return urlunsplit(("postgresql", *parts[1:]))


def dump(source: str, file: Path) -> None:
    """A consistent snapshot (one transaction) without owners or grants, so it restores under any role."""
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    subprocess.run(
        [_bindir() / "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", file, source],
        check=True,
    )


def database_create(target: str) -> None:
    """Makes the target database when it does not exist; refuses one that has tables (restore into empty only)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(target)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return
    with psycopg.connect(target) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%%'"
        ).fetchone()[0]
    if tables:
        sys.exit(f"backup: the target database {name} is not empty ({tables} tables); restore into an empty one")


def restore(file: Path, target: str) -> None:
    """All or nothing: one transaction, stop at the first error."""
    database_create(target)
    subprocess.run(
        [
            _bindir() / "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
            "--dbname", target, file,
        ],
        check=True,
    )  # fmt: skip


def verify(file: Path) -> int:
    listing = subprocess.run([_bindir() / "pg_restore", "--list", file], capture_output=True, text=True, check=True)
    entries = [line for line in listing.stdout.splitlines() if line and not line.startswith(";")]
    print(f"{file}: {len(entries)} entries, {sum(' TABLE DATA ' in line for line in entries)} tables with data")
    return 0 if entries else 1


def fingerprint(url: str) -> dict[str, list]:
    """Per table: [row count, md5 of its rows' text in md5 order] (no primary key needed); per sequence: its
    position. The same database content gives the same fingerprint on any server of the same major version."""
    import psycopg
    from psycopg import sql

    result: dict[str, list] = {}
    with psycopg.connect(url) as connection:
        relations = connection.execute(
            "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%%' ORDER BY 1, 2"
        ).fetchall()
        for schema, name, kind in relations:
            relation = sql.Identifier(schema, name)
            if kind == "S":
                row = connection.execute(sql.SQL("SELECT last_value, is_called FROM {}").format(relation)).fetchone()
                result[f"{schema}.{name}"] = ["sequence", row[0], row[1]]
            else:
                query = sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
                    "FROM (SELECT md5(t::text) AS h FROM {} AS t) AS rows"
                ).format(relation)
                result[f"{schema}.{name}"] = list(connection.execute(query).fetchone())
    return result


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""), help="source (DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("dump").add_argument("file", type=Path)
    restoring = commands.add_parser("restore")
    restoring.add_argument("file", type=Path)
    restoring.add_argument("--target", required=True, help="URL of the database to restore into (made if missing)")
    commands.add_parser("verify").add_argument("file", type=Path)
    commands.add_parser("fingerprint").add_argument("url", nargs="?")
    options = parser.parse_args(arguments)

    if options.command == "verify":
        return verify(options.file)
    if options.command == "restore":
        restore(options.file, libpq_url(options.target))
        print(f"restored {options.file} into {urlsplit(options.target).path.lstrip('/')}")
        return 0
    source = options.url if options.command == "fingerprint" and options.url else options.database_url
    if not source:
        sys.exit("backup: set DATABASE_URL or --database-url")
    if options.command == "dump":
        dump(libpq_url(source), options.file)
        print(f"dumped into {options.file} ({options.file.stat().st_size} bytes)")
        return 0
    print(json.dumps(fingerprint(libpq_url(source)), indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
