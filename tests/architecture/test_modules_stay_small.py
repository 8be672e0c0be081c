"""A newcomer finds their way: no Python module of the product grows past 800 lines (migrations excepted).

A module that would pass it is split per aggregate into a package that re-exports the same names
(docs/architecture.md).
"""

from pathlib import Path

LIMIT = 800
SRC = Path(__file__).resolve().parents[2] / "src" / "routekaart"


def _too_long() -> dict[str, int]:
    sizes = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        lines = sum(1 for _ in path.open(encoding="utf-8"))
        if lines > LIMIT:
            sizes[str(path.relative_to(SRC))] = lines
    return sizes


def test_no_module_passes_800_lines():
    assert _too_long() == {}


def test_the_check_sees_a_long_module(tmp_path, monkeypatch):
    package = tmp_path / "routekaart"
    package.mkdir()
    (package / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    (package / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", package)
    assert _too_long() == {"long.py": LIMIT + 1}
