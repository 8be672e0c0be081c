"""Backup -> restore gives an identical database: the same rows in every table and the same sequence positions.

PostgreSQL only (pg_dump and pg_restore): `python scripts/with_postgres.py .venv/bin/pytest tests/deployment`.
"""

import importlib.util
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="pg_dump/pg_restore need PostgreSQL: run with scripts/with_postgres.py (make test-postgres)",
    ),
    pytest.mark.django_db(transaction=True),  # pg_dump reads from its own connection: the rows must commit
]


def backup_module():
    spec = importlib.util.spec_from_file_location("routekaart_backup", ROOT / "scripts" / "backup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def database_url(name: str) -> str:
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"


def test_a_restored_backup_has_the_same_rows_in_every_table_and_the_same_sequences(tmp_path):
    from routekaart.organisations.tests.factories import UserFactory
    from routekaart.residents.tests.factories import ResidentFactory

    call_command("load_configuration", verbosity=0)
    actor = UserFactory()
    ResidentFactory.create_batch(3, registered_by=actor)  # encrypted BSNs, and processing-log rows
    backup = backup_module()
    source = database_url(connection.settings_dict["NAME"])
    target = database_url(f"{connection.settings_dict['NAME']}_restored")
    archive = tmp_path / "routekaart.dump"

    assert backup.main(["--database-url", source, "dump", str(archive)]) == 0
    assert archive.stat().st_mode & 0o077 == 0, "the dump holds personal data: readable by its owner only"
    assert backup.main(["verify", str(archive)]) == 0
    try:
        assert backup.main(["restore", str(archive), "--target", target]) == 0
        before = backup.fingerprint(backup.libpq_url(source))
        after = backup.fingerprint(backup.libpq_url(target))
        assert before == after
        filled = {table for table, value in before.items() if value[0] != "sequence" and value[0] > 0}
        assert {"public.residents_resident", "public.organisations_user"} <= filled
        assert len(filled) > 20, "the configuration's tables are in the comparison too"

        # A second restore into the same, now filled database is refused: restore goes into an empty one only.
        with pytest.raises(SystemExit, match="not empty"):
            backup.main(["restore", str(archive), "--target", target])
        assert backup.fingerprint(backup.libpq_url(target)) == after
    finally:
        import psycopg

        with psycopg.connect(backup.libpq_url(database_url("postgres")), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{connection.settings_dict["NAME"]}_restored" WITH (FORCE)')
