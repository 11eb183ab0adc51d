"""The per-message work budget's cost: parsing in-process vs in the warm child vs a one-off fork.

Every `tests/corpus/*.eml` message is parsed --rounds times each way, interleaved (so machine load falls
on all three alike): `parse_message` in this process; through `bot.budget.Worker` (the warm forked child
intake uses, the message sent down a pipe, the result pickled back); and through a one-off fork per
message (what a message over 4 MB gets: its bytes shared, not copied). Reported: median and p95 per
message, and the overhead per message (median of the per-message differences). Then the pathological
HTML case of issue #10 (50,000 nested <div>s, 0.56 MB) through the warm child, timed.

Run:  .venv/bin/python bench/bench_budget.py [--rounds 5] [--tag X]
Writes bench/results/budget.json (budget-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from common import ROOT, percentile, print_table, write_results

from bot.budget import Budget, Worker
from bot.intake import _parse_target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    msgs = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("*.eml"))]
    worker = Worker(_parse_target, Budget(30, 768))
    for raw in msgs:  # warm both: imports, caches, the child's copy-on-write faults
        _parse_target((raw, {}))
        worker.call((raw, {}))
    times: dict[str, list[float]] = {"in-process": [], "warm child": [], "one-off fork": []}
    diffs: dict[str, list[float]] = {"warm child": [], "one-off fork": []}
    for _ in range(args.rounds):
        for raw in msgs:
            t0 = time.perf_counter()
            _parse_target((raw, {}))
            t1 = time.perf_counter()
            worker.call((raw, {}))
            t2 = time.perf_counter()
            worker.call((raw, {}), size=1 << 40)  # forces the one-off fork path
            t3 = time.perf_counter()
            times["in-process"].append(t1 - t0)
            times["warm child"].append(t2 - t1)
            times["one-off fork"].append(t3 - t2)
            diffs["warm child"].append((t2 - t1) - (t1 - t0))
            diffs["one-off fork"].append((t3 - t2) - (t1 - t0))
    html = "<div>" * 50_000 + "Name of child: nobody" + "</div>" * 50_000
    bomb = (f"From: a@example.org\nTo: b@example.org\nSubject: x\nMessage-ID: <b@example.org>\n"
            f"Content-Type: text/html; charset=utf-8\n\n{html}\n").encode()
    t0 = time.perf_counter()
    worker.call((bomb, {}))
    bomb_s = time.perf_counter() - t0
    worker.close()
    rows = []
    result: dict[str, Any] = {"command": f"bench/bench_budget.py --rounds {args.rounds}", "messages": len(msgs)}
    for k, v in times.items():
        over = statistics.median(diffs[k]) * 1000 if k in diffs else 0.0
        rows.append((k, f"{statistics.median(v) * 1000:.1f}", f"{percentile(v, 95) * 1000:.1f}",
                     f"{over:+.1f}" if k in diffs else "-"))
        result[k] = {"median_ms": statistics.median(v) * 1000, "p95_ms": percentile(v, 95) * 1000,
                     "overhead_median_ms": over if k in diffs else None}
    print_table(("path", "median ms", "p95 ms", "overhead ms (median)"), rows)
    print(f"\n50,000 nested <div>s (0.56 MB HTML) through the warm child: {bomb_s:.2f} s")
    result["nested_html_s"] = bomb_s
    write_results("budget" + (f"-{args.tag}" if args.tag else ""), result)


if __name__ == "__main__":
    main()
