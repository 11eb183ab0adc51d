"""Start-up time: wall time of `csprbot --help`, `check-config` and `cases` (and `python -c pass`), hyperfine-style.

Each command runs --warmup times unmeasured, then --runs times, each a fresh process
(subprocess.run, timed with time.perf_counter); reported: mean ± stdev, min, p50, p95, max, and the load
average before and after. The store is a SQLite file at the head revision holding --cases open cases (one
running clock each, inserted directly). `csprbot cases` is measured twice: with the memo of validated
profiles in place (what a deployment sees once any command, e.g. `csprbot run`, has validated the profile:
the light path of bot/caselist_light.py) and with no memo possible (CSPRBOT_CACHE_DIR unwritable: full
validation and SQLAlchemy every time, as before the light path). With --callgrind each command is also run
once under `valgrind --tool=callgrind` (PYTHONHASHSEED=0) for its instruction count, which other processes'
load does not change. Then `python -X importtime -m bot.cli --help` is checked: none of the heavy libraries
(exchangelib, msal, sqlalchemy, pydantic, email_validator, docx, pypdf, jinja2, apscheduler, imapclient,
holidays) may be imported for --help. Targets: `csprbot --help` p50 <= 0.3 s; `csprbot cases` <= 0.3 s (issue 13).

The commands run the code of the tree this file is in (PYTHONPATH first, so a "before" checkout can be
measured with the same venv), with byte-code caching on, as an installed csprbot has.

Run:  .venv/bin/python bench/bench_startup.py [--runs 20] [--warmup 3] [--cases 500] [--callgrind] [--tag before]
      [--postgresql]   (the store on a throw-away PostgreSQL cluster on loopback instead of a SQLite file)
Prints a table; writes bench/results/startup.json (startup-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import shutil
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


def seed(url: str, n: int) -> None:
    """A store at the head revision with n open cases, one running clock each (as `csprbot cases` reads them)."""
    from sqlalchemy import insert

    from bot.store.db import make_engine, migrate
    from bot.store.models import Case, Clock

    engine = make_engine(url)
    migrate(engine)
    opened = dt.datetime(2026, 3, 2, 9)
    with engine.begin() as conn:
        if n:
            conn.execute(insert(Case), [{"id": i, "ref": f"NS-CSPR-2026-{i:04d}", "year": 2026, "seq": i,
                                         "stage": "rapid_review", "opened_at": opened, "late_referral": i % 7 == 0,
                                         "received_date": opened.date()} for i in range(1, n + 1)])
            conn.execute(insert(Clock), [{"case_id": i, "key": "rr_submission", "agency": "", "anchor": opened.date(),
                                          "due": opened.date() + dt.timedelta(days=i % 90),
                                          "original_due": opened.date(), "state": "running", "started_at": opened}
                                         for i in range(1, n + 1)])
    engine.dispose()


def instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """Instructions executed by one run of cmd (callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)  # byte-code cached, memo written
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env={**env, "PYTHONHASHSEED": "0"}, cwd=ROOT, check=False)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    return int(m.group(1)) if m else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--cases", type=int, default=500, help="open cases in the store")
    ap.add_argument("--callgrind", action="store_true", help="also count instructions with valgrind")
    ap.add_argument("--tag", default="")
    ap.add_argument("--postgresql", action="store_true",
                    help="the store on a throw-away PostgreSQL cluster on loopback (tests/servers), not SQLite")
    args = ap.parse_args()
    exe = csprbot_exe()
    with tempfile.TemporaryDirectory(prefix="bench-startup.") as tmp, contextlib.ExitStack() as stack:
        if args.postgresql:
            sys.path.insert(0, str(ROOT))
            from tests.servers.postgres_server import PostgresServer

            url = stack.enter_context(PostgresServer()).create_database(migrated=False)
        else:
            url = f"sqlite:///{tmp}/startup.db"
        seed(url, args.cases)
        env = {**os.environ, "CSPRBOT_DATABASE_URL": url, "CSPRBOT_INBOX_URL": f"maildir:{tmp}/inbox",
               "CSPRBOT_SENDER_URL": f"maildir:{tmp}/outbox", "CSPRBOT_CACHE_DIR": f"{tmp}/cache",
               "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        no_memo = {**env, "CSPRBOT_CACHE_DIR": "/dev/null/no-memo"}  # not a folder: nothing is remembered
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass (floor)": ([sys.executable, "-c", "pass"], env),
            "csprbot --help": ([*exe, "--help"], env),
            "csprbot check-config": ([*exe, "check-config"], env),
            "csprbot cases": ([*exe, "cases"], env),
            "csprbot cases, no memo (full validation)": ([*exe, "cases"], no_memo),
        }
        load_before = os.getloadavg()
        results: dict[str, Any] = {name: measure(cmd, args.runs, args.warmup, e) for name, (cmd, e) in commands.items()}
        load_after = os.getloadavg()
        counts = {name: instructions(cmd, e) for name, (cmd, e) in commands.items()} if args.callgrind else {}
        for name, n in counts.items():
            results[name]["instructions"] = n
        heavy, import_s, slowest = heavy_imports_for_help(env)
    rows = [(name, r["mean"], r["stdev"], r["min"], r["p50"], r["p95"], r["max"],
             f"{r['instructions'] / 1e6:,.0f} M" if r.get("instructions") else "-") for name, r in results.items()]
    print_table(("command", "mean s", "± stdev", "min", "p50", "p95", "max", "instructions"), rows)
    help_p50 = results["csprbot --help"]["p50"]
    cases_p50 = results["csprbot cases"]["p50"]
    store = "PostgreSQL" if args.postgresql else "SQLite"
    print(f"\nload average {load_before[0]:.2f} before, {load_after[0]:.2f} after; {args.cases} open cases on {store}")
    print(f"csprbot --help p50 {help_p50:.3f} s: target <= 0.3 s {verdict(help_p50 <= 0.3)}; "
          f"heavy imports for --help: {', '.join(heavy) or 'none'}; imports {import_s:.3f} s self-time total")
    print(f"csprbot cases p50 {cases_p50:.3f} s: target <= 0.3 s {verdict(cases_p50 <= 0.3)}")
    print("slowest imports (cumulative µs): " + ", ".join(f"{n} {c}" for n, c in slowest))
    write_results("startup" + (f"-{args.tag}" if args.tag else ""), {
        "command": f"bench/bench_startup.py --runs {args.runs} --warmup {args.warmup} --cases {args.cases}"
                   + (" --callgrind" if args.callgrind else "") + (" --postgresql" if args.postgresql else ""),
        "executable": " ".join(exe), "runs": args.runs, "open_cases": args.cases, "results_s": results,
        "load_avg_before": load_before, "load_avg_after": load_after,
        "help_heavy_imports": heavy, "help_import_self_s": import_s, "help_slowest_imports_us": slowest,
        "target_s": 0.3, "met": help_p50 <= 0.3 and not heavy, "cases_met": cases_p50 <= 0.3,
    })


if __name__ == "__main__":
    main()
