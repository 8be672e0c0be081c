"""`make serve` (scripts/serve.py): local secrets made once, private, and good enough for the production settings."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def serve_module(tmp_path: Path):
    spec = importlib.util.spec_from_file_location("routekaart_serve", ROOT / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.VAR = tmp_path
    module.SERVE_ENV = tmp_path / "serve.env"
    return module


def test_local_secrets_are_made_once_readable_by_the_owner_only(tmp_path):
    serve = serve_module(tmp_path)
    first = serve.local_secrets()
    assert serve.local_secrets() == first, "a second run keeps the keys: the encrypted BSNs stay readable"
    assert set(first) == {"SECRET_KEY", "PSEUDONYM_KEY", "BSN_ENCRYPTION_KEYS", "BSN_HASH_KEY"}
    assert (tmp_path / "serve.env").stat().st_mode & 0o777 == 0o600


def test_the_production_settings_accept_the_local_secrets(tmp_path):
    secrets = serve_module(tmp_path).local_secrets()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BSN_", "DJANGO_", "SECRET_KEY", "PSEUDONYM"))}
    env.update(secrets, PYTHONPATH=str(ROOT / "src"), DATABASE_URL="postgres://routekaart@127.0.0.1:54329/routekaart")
    done = subprocess.run(
        [sys.executable, "-c", "import routekaart.conf.production"], env=env, cwd="/", capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
