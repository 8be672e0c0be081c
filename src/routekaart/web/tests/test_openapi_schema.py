import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def test_openapi_schema_validates_without_warnings(tmp_path):
    """Every app's API ends up in one schema; name clashes between apps would make clients generate wrong types."""
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "routekaart.conf.test"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "/api/v1/households/" in (tmp_path / "s.yaml").read_text()
