"""What the benchmarks that measure in a child process share: the parent runs the module again as
`<module> --inner` on a throwaway SQLite file (so its figures do not depend on other benchmarks) and reads the
rows the child prints as JSON on its last line; the child sets Django up on that file with the income
configuration loaded. Imported as `_child` (bench/ is the first entry of sys.path for bench/run.py and for
`bench/bench_<name>.py --inner`)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child_rows(script: str) -> list[tuple[str, str]]:
    """Run `script --inner` in a child process on a fresh SQLite file; its (measure, value) rows."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "routekaart.conf.dev",
            "DEBUG": "False",
        }
        result = subprocess.run([sys.executable, script, "--inner"], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        result.check_returncode()
    return [tuple(row) for row in json.loads(result.stdout.strip().splitlines()[-1])]


def income_child_setup() -> None:
    """In the child: Django on the empty file, migrated, with the processing activities and income's rules."""
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from routekaart.audit.configuration import processing_activities_load
    from routekaart.income.configuration import income_configuration_load

    processing_activities_load()
    income_configuration_load()
