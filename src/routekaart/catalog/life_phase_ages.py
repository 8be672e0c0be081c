"""The age bounds of the life phases, read from the catalog's data file without the database.

The catalog owns the life phases (DESIGN.md); `residents.life_phase` places a person in them in bulk (the
generator, set-based rules), so it needs the bounds as a pure, cached read of the same versioned file the loader
loads. The seeds close the working-age phase at 65; in law it is the AOW age, which residents applies instead.
"""

from functools import cache
from pathlib import Path

import yaml

FILE = Path(__file__).resolve().parent / "data" / "life_phases.yaml"


@cache
def life_phase_ages() -> dict[str, tuple[int, int | None]]:
    """{code: (min_age, max_age)} in the file's order; max_age None means no upper age."""
    with FILE.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return {item["code"]: (int(item["min_age"]), item.get("max_age")) for item in document["life_phases"]}
