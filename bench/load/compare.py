"""Before and after, side by side: the ratios issue 17 asks for, from two bench/load/run.py results.

    .venv/bin/python bench/load/compare.py var/load-before.json var/load-after.json [--out var/load-compare.json]

Targets (issue 17, on the 2-core machine): throughput at 16 users >= 3x before (and >= 48 requests/s), the API
case list's p50 at 1 user <= 30 ms, every page's p50 at 1 user <= 5x its raw SQL.
"""

import argparse
import json
from pathlib import Path

PAGE_ORDER = ["worklist", "household", "case", "api_cases", "regulations_check"]


def _step(result: dict, users: int) -> dict | None:
    return next((s for s in result["steps"] if s["users"] == users), None)


def compare(before: dict, after: dict) -> tuple[str, dict]:
    lines, figures = [], {"pages": {}}
    b16, a16 = _step(before, 16), _step(after, 16)
    if b16 and a16:
        bt, at = b16["total"]["throughput_rps"], a16["total"]["throughput_rps"]
        ratio = at / bt if bt else 0.0
        figures["throughput_16"] = {"before": bt, "after": at, "ratio": round(ratio, 2)}
        verdict = "PASS" if ratio >= 3 and at >= 48 else "FAIL"
        lines.append(
            f"throughput at 16 users: {bt} -> {at} requests/s = {ratio:.2f}x  (target >= 3x, >= 48/s) {verdict}"
        )
        lines.append(
            f"errors at 16 users: before {b16['total']['errors']}/{b16['total']['requests']}, "
            f"after {a16['total']['errors']}/{a16['total']['requests']}"
        )
        lines.append(f"p95 at 16 users (all pages): {b16['total']['p95_ms']} -> {a16['total']['p95_ms']} ms")
        for part in ("gunicorn", "postgres"):
            key = f"{part}_cpu_ms_per_request"
            before_cpu, after_cpu = b16["total"].get(key), a16["total"].get(key)
            if before_cpu and after_cpu:
                figures[key + "_16"] = {"before": before_cpu, "after": after_cpu}
                lines.append(
                    f"{part} CPU per request at 16 users: {before_cpu} -> {after_cpu} ms = "
                    f"{before_cpu / after_cpu:.2f}x less"
                )
    b1, a1 = _step(before, 1), _step(after, 1)
    if b1 and a1:
        lines.append("\nat 1 user, p50 per page (ms), and the page against its raw SQL:")
        header = (
            f"  {'page':<18} {'before':>8} {'after':>8} {'ratio':>7} | {'SQL before':>10} {'SQL after':>9} "
            f"{'x SQL before':>12} {'x SQL after':>11}  target"
        )
        lines.append(header)
        for name in PAGE_ORDER:
            bp, ap = b1["pages"][name]["p50_ms"], a1["pages"][name]["p50_ms"]
            bs, as_ = before["sql"][name]["sql_ms"], after["sql"][name]["sql_ms"]
            bx = bp / bs if bs else 0.0
            ax = ap / as_ if as_ else 0.0
            ok = ax <= 5 and (name != "api_cases" or ap <= 30)
            target = "<= 5x SQL" + (", <= 30 ms" if name == "api_cases" else "")
            figures["pages"][name] = {
                "p50_before_ms": bp,
                "p50_after_ms": ap,
                "ratio": round(bp / ap, 2) if ap else None,
                "sql_before_ms": bs,
                "sql_after_ms": as_,
                "times_sql_before": round(bx, 1),
                "times_sql_after": round(ax, 1),
                "meets_target": ok,
            }
            lines.append(
                f"  {name:<18} {bp:>8} {ap:>8} {bp / ap if ap else 0:>6.2f}x | {bs:>10} {as_:>9} {bx:>11.1f}x "
                f"{ax:>10.1f}x  {target} {'PASS' if ok else 'FAIL'}"
            )
    head = (
        f"before: {before['commit']} ({before['residents']}, {before['when']}, load average at end "
        f"{before['load_average_at_end'][0]:.1f})\nafter:  {after['commit']} ({after['residents']}, {after['when']}, "
        f"load average at end {after['load_average_at_end'][0]:.1f})\nmachine: {after['machine']}\n"
    )
    return head + "\n".join(lines), figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    text, figures = compare(json.loads(options.before.read_text()), json.loads(options.after.read_text()))
    print(text)
    if options.out:
        options.out.write_text(json.dumps(figures, indent=2))
        print(f"\nwritten: {options.out}")


if __name__ == "__main__":
    main()
