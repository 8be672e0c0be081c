"""Run every benchmark in bench/, print its figures and write them to docs/performance.md.

A benchmark is a module `bench/bench_<name>.py` with `TITLE`, `DATA_SIZE` and `run() -> list[tuple[str, str]]`
returning (measure, value) rows. Figures are for people; tests never assert on time.
`--no-docs` prints the figures only (a quick look on a small town, e.g. BENCH_RESIDENTS=20000, must not end up in
the docs).
"""

import importlib.util
import os
import platform
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "performance.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB RAM, {system}"


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _existing_sections() -> dict[str, str]:
    """Sections already in docs/performance.md by benchmark name, so a partial run keeps the others."""
    if not OUT.exists():
        return {}
    found = re.findall(r"<!-- bench:(\w+) -->\n(.*?)(?=<!-- bench:|\Z)", OUT.read_text(), flags=re.S)
    return {name: body.rstrip() + "\n" for name, body in found}


def main(selected: list[str], write: bool = True) -> None:
    sections = _existing_sections()
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if selected and name not in selected:
            continue
        module = load(path)
        print(f"== {module.TITLE} ({module.DATA_SIZE})", flush=True)
        rows = module.run()
        for measure, value in rows:
            print(f"   {measure}: {value}")
        table = "\n".join(f"| {m} | {v} |" for m, v in rows)
        sections[name] = (
            f"## {module.TITLE}\n\nMeasured {date.today().isoformat()} on: {machine()}.\n"
            f"Data size: {module.DATA_SIZE}\n\n| measure | value |\n|---|---|\n{table}\n"
        )
    if not write:
        return
    header = (
        "# Performance\n\nWritten by `make bench` (bench/run.py; `bench/run.py NAME` re-runs one benchmark and keeps"
        " the others); do not edit by hand. Figures are for people; no test asserts on time.\n\n"
    )
    body = "\n".join(f"<!-- bench:{name} -->\n{text}" for name, text in sorted(sections.items()))
    OUT.write_text(header + body)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([a for a in arguments if a != "--no-docs"], write="--no-docs" not in arguments)
