"""Start-up time: wall time of `csprbot --help` (and, for context, of other cheap commands), hyperfine-style.

Each command runs --warmup times unmeasured, then --runs times, each a fresh process
(subprocess.run, timed with time.perf_counter); reported: mean ± stdev, min, p50, p95, max. A bare
`python -c pass` is measured the same way as the floor. Then `python -X importtime -m bot.cli --help` is
run once and checked: none of the heavy libraries (exchangelib, msal, sqlalchemy, pydantic,
email_validator, docx, pypdf, jinja2, apscheduler, imapclient, holidays) may be imported for --help.
Target: `csprbot --help` p50 <= 0.3 s.

Run:  .venv/bin/python bench/bench_startup.py [--runs 20] [--warmup 3] [--tag before]
Prints a table; writes bench/results/startup.json (startup-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, print_table, summary, verdict, write_results

HEAVY = ("exchangelib", "msal", "sqlalchemy", "pydantic", "email_validator", "docx", "pypdf", "jinja2",
         "apscheduler", "imapclient", "holidays", "alembic", "requests")


def csprbot_exe() -> list[str]:
    exe = Path(sys.executable).with_name("csprbot")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def measure(cmd: list[str], runs: int, warmup: int, env: dict[str, str]) -> dict[str, float]:
    for _ in range(warmup):
        subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return summary(times)


def heavy_imports_for_help(env: dict[str, str]) -> tuple[list[str], float, list[tuple[str, int]]]:
    """(heavy top-level packages imported, total import µs, the five slowest imports) for --help."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot.cli", "--help"], capture_output=True,
                          text=True, env=env, cwd=ROOT, check=False)
    rows: list[tuple[str, int, int]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line.split(":", 1)[1].split("|", 2)  # self | cumulative | name
        rows.append((name, int(self_us), int(cum_us)))
    heavy = sorted({n.strip().split(".")[0] for n, _, _ in rows} & set(HEAVY))
    total = sum(s for _, s, _ in rows)
    slowest = sorted(((n.strip(), c) for n, _, c in rows), key=lambda r: -r[1])[:5]
    return heavy, total / 1e6, slowest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    exe = csprbot_exe()
    with tempfile.TemporaryDirectory(prefix="bench-startup.") as tmp:
        env = {**os.environ, "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/startup.db",
               "CSPRBOT_INBOX_URL": f"maildir:{tmp}/inbox", "CSPRBOT_SENDER_URL": f"maildir:{tmp}/outbox"}
        commands: dict[str, list[str]] = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "csprbot --help": [*exe, "--help"],
            "csprbot check-config": [*exe, "check-config"],
            "csprbot cases": [*exe, "cases"],
        }
        results: dict[str, Any] = {name: measure(cmd, args.runs, args.warmup, env) for name, cmd in commands.items()}
        heavy, import_s, slowest = heavy_imports_for_help(env)
    rows = [(name, r["mean"], r["stdev"], r["min"], r["p50"], r["p95"], r["max"]) for name, r in results.items()]
    print_table(("command", "mean s", "± stdev", "min", "p50", "p95", "max"), rows)
    help_p50 = results["csprbot --help"]["p50"]
    print(f"\ncsprbot --help p50 {help_p50:.3f} s: target <= 0.3 s {verdict(help_p50 <= 0.3)}; "
          f"heavy imports for --help: {', '.join(heavy) or 'none'}; imports {import_s:.3f} s self-time total")
    print("slowest imports (cumulative µs): " + ", ".join(f"{n} {c}" for n, c in slowest))
    write_results("startup" + (f"-{args.tag}" if args.tag else ""), {
        "command": f"bench/bench_startup.py --runs {args.runs} --warmup {args.warmup}",
        "executable": " ".join(exe), "runs": args.runs, "results_s": results,
        "help_heavy_imports": heavy, "help_import_self_s": import_s, "help_slowest_imports_us": slowest,
        "target_s": 0.3, "met": help_p50 <= 0.3 and not heavy,
    })


if __name__ == "__main__":
    main()
