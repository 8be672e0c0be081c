"""Production settings read from the environment: secrets from files, persistent checked database connections."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FERNET_KEY = "uZ0z2a1mXQxGxJ0cQm0Wb3l8bqkqgk1X2E6k5m1bVvE="

SHOW = """
import json
from routekaart.conf import production as s
db = s.DATABASES["default"]
print(json.dumps({"secret": s.SECRET_KEY, "bsn_keys": s.BSN_ENCRYPTION_KEYS, "hash": s.BSN_HASH_KEY,
    "conn_max_age": db.get("CONN_MAX_AGE"), "health": db.get("CONN_HEALTH_CHECKS"), "hosts": s.ALLOWED_HOSTS,
    "origins": s.CSRF_TRUSTED_ORIGINS}))
"""


def production_settings(**variables: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BSN_", "DJANGO_", "SECRET_KEY", "PSEUDONYM_KEY", "DATABASE_URL", "CONN_MAX_AGE"))
    }
    env.update(PYTHONPATH=str(ROOT / "src"), **variables)
    done = subprocess.run([sys.executable, "-c", SHOW], env=env, cwd="/", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_secrets_are_read_from_files_without_their_final_newline(tmp_path):
    """Container secrets are files (SECRET_KEY_FILE=/run/secrets/...); an editor's newline must not change a key."""
    files = {"SECRET_KEY": "s" * 50, "BSN_ENCRYPTION_KEYS": FERNET_KEY, "BSN_HASH_KEY": "h" * 40, "PSEUDONYM_KEY": "p"}
    variables = {}
    for name, value in files.items():
        (tmp_path / name).write_text(value + "\n")
        variables[f"{name}_FILE"] = str(tmp_path / name)
    shown = production_settings(DATABASE_URL="postgres://routekaart@db.internal/routekaart", **variables)
    assert shown["secret"] == "s" * 50
    assert shown["bsn_keys"] == [FERNET_KEY]
    assert shown["hash"] == "h" * 40


def test_postgresql_connections_persist_and_are_checked_before_reuse():
    secrets = {"SECRET_KEY": "s" * 50, "BSN_ENCRYPTION_KEYS": FERNET_KEY, "BSN_HASH_KEY": "h" * 40}
    secrets["PSEUDONYM_KEY"] = "p"
    database = "postgres://routekaart@db.internal/routekaart"
    shown = production_settings(DATABASE_URL=database, **secrets)
    assert (shown["conn_max_age"], shown["health"]) == (60, True)
    shown = production_settings(DATABASE_URL=database, CONN_MAX_AGE="0", **secrets)
    assert shown["conn_max_age"] == 0


def test_hosts_and_trusted_origins_come_from_the_environment():
    shown = production_settings(
        DATABASE_URL="postgres://routekaart@db.internal/routekaart",
        SECRET_KEY="s" * 50,
        BSN_ENCRYPTION_KEYS=FERNET_KEY,
        BSN_HASH_KEY="h" * 40,
        PSEUDONYM_KEY="p",
        ALLOWED_HOSTS="routekaart.gemeente.nl,intern.gemeente.nl",
        CSRF_TRUSTED_ORIGINS="https://routekaart.gemeente.nl",
    )
    assert shown["hosts"] == ["routekaart.gemeente.nl", "intern.gemeente.nl"]
    assert shown["origins"] == ["https://routekaart.gemeente.nl"]
