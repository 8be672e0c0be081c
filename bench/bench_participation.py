"""Participation at 100,000 and 1,000,000 residents: the reassessment planning and the budget monitor.

Each size gets a fresh SQLite file: migrate, load the configuration, generate the demo town with its benefit
clients' participation (`manage.py participation_bench`), then time each read (median of 5) and count its queries.
The ratio 1M / 100k shows whether a read grows with the data; the query counts must not.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TITLE = "Participation: reassessment planning and budget monitor"
DATA_SIZE = "the demo town at 100,000 and 1,000,000 residents (SQLite), its benefit clients with a distance"
ROOT = Path(__file__).resolve().parents[1]
SIZES = [100_000, 1_000_000]


def _run(residents: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", "DEBUG": "False"}
        for step in (["migrate", "--noinput", "-v", "0"], ["load_configuration"]):
            subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True, capture_output=True)
        out = subprocess.run(
            [sys.executable, "manage.py", "participation_bench", "--residents", str(residents)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[tuple[str, str]]:
    small, large = (_run(size) for size in SIZES)
    rows = []
    for label, figures in (("100k", small), ("1M", large)):
        rows.append(
            (
                f"{label}: data",
                f"{figures['residents']:,} residents, {figures['with_distance']:,} with a distance "
                f"({figures['assessments']:,} assessments), {figures['assignments']:,} assignments, "
                f"{figures['commitments']:,} monthly commitments, {figures['expenditures']:,} expenditures",
            )
        )
    for name, read in large["reads"].items():
        before = small["reads"][name]
        rows.append(
            (
                name,
                f"1M: {read['seconds'] * 1000:.1f} ms, {read['queries']} queries; "
                f"100k: {before['seconds'] * 1000:.1f} ms, {before['queries']} queries; "
                f"ratio {read['seconds'] / before['seconds']:.1f}",
            )
        )
    rows.append(
        (
            "generating 1M town + participation",
            f"{large['generate_town_seconds']:.0f} s + {large['generate_participation_seconds']:.0f} s",
        )
    )
    return rows
