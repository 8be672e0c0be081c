"""Run every benchmark in bench/, print its figures and write them to docs/performance.md.

A benchmark is a module `bench/bench_<name>.py` with `TITLE`, `DATA_SIZE` and `run() -> list[tuple[str, str]]`
returning (measure, value) rows. Figures are for people; tests never assert on time.
"""

import importlib.util
import os
import platform
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


def main(selected: list[str]) -> None:
    sections = []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if selected and path.stem.removeprefix("bench_") not in selected:
            continue
        module = load(path)
        print(f"== {module.TITLE} ({module.DATA_SIZE})", flush=True)
        rows = module.run()
        for measure, value in rows:
            print(f"   {measure}: {value}")
        table = "\n".join(f"| {m} | {v} |" for m, v in rows)
        sections.append(
            f"## {module.TITLE}\n\nData size: {module.DATA_SIZE}\n\n| measure | value |\n|---|---|\n{table}\n"
        )
    header = (
        "# Performance\n\nWritten by `make bench` (bench/run.py); do not edit by hand.\n\n"
        f"Measured on {date.today().isoformat()} on: {machine()}.\n\n"
    )
    OUT.write_text(header + "\n".join(sections))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
