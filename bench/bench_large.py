"""A referral with a large attachment through `csprbot run --once`: peak RSS, database growth, routed sizes.

Setup: the example profile (SQLite, Maildir inbox and Maildir sender in a temp dir). A first `run --once`
on an empty inbox creates and migrates the database; its size is the "before". Then one referral - the
Appendix 2 Word form plus a --mb MB random attachment (a scanned bundle, say) - is delivered and a second
`run --once` runs as a child process. Peak RSS is the child's `ru_maxrss` from `os.wait4` (the resource.getrusage figure
for that one child: the largest resident set of it or any process it waited for, the parse child included;
the message is generated in a separate process so that nothing else counts); the database
growth is the SQLite file size after minus before (after a checkpoint: the WAL is folded in). The routed
mails are read from the Maildir outbox: their number and largest size.

Targets (issue #10): peak RSS < 300 MB; growth <= raw message size + 1 MB; every routed copy within the
configured `max_routed_mail_bytes` (default 10 MB).

Run:  .venv/bin/python bench/bench_large.py [--mb 50] [--tag before]
Writes bench/results/large.json (large-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from common import ROOT, print_table, referral, verdict, write_config, write_results

from bot.mail.maildir import deliver


def db_size(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return path.stat().st_size


def run_once(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, int, float]:
    """(seconds, exit code, peak RSS MB) of one `run --once`: os.wait4 gives that child's own rusage
    (ru_maxrss covers it and any process it waited for, e.g. a parse child)."""
    start = time.perf_counter()
    with log.open("ab") as out:
        proc = subprocess.Popen([*cmd, "run", "--once"], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, proc.returncode, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--tag", default="")
    ap.add_argument("--make", help=argparse.SUPPRESS)
    args = ap.parse_args()
    now = dt.datetime.now(dt.UTC)
    if args.make:
        deliver(Path(args.make), referral(now, 0, extra_kb=args.mb * 1024))
        return
    with tempfile.TemporaryDirectory(prefix="bench-large.") as tmp_name:
        tmp = Path(tmp_name)
        inbox, outbox, db = tmp / "inbox", tmp / "outbox", tmp / "bench.db"
        cfg = write_config(tmp / "csprbot.toml")
        env = {**os.environ, "CSPRBOT_INBOX_URL": f"maildir:{inbox}", "CSPRBOT_SENDER_URL": f"maildir:{outbox}",
               "CSPRBOT_DATABASE_URL": f"sqlite:///{db}"}
        exe = Path(sys.executable).with_name("csprbot")
        cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "bot.cli"]),
               "--config", str(cfg)]
        inbox.mkdir()
        _t, _rc, base_rss = run_once(cmd, env, tmp / "log")
        before = db_size(db)
        # Made in a child process: getrusage(RUSAGE_CHILDREN) would otherwise count this process's own
        # high-water mark (a forked child starts with its parent's resident pages).
        subprocess.check_call([sys.executable, __file__, "--make", str(inbox), "--mb", str(args.mb)])
        raw_size = sum(f.stat().st_size for f in (inbox / "new").iterdir())
        elapsed, rc, peak = run_once(cmd, env, tmp / "log")
        after = db_size(db)
        sizes: list[tuple[str, int]] = []
        for f in sorted((outbox / "new").glob("*")) + sorted((outbox / "cur").glob("*")):
            data = f.read_bytes()
            head = message_from_bytes(data.split(b"\n\n", 1)[0] + b"\n\n", policy=default_policy)
            sizes.append((str(head.get("X-CSPRBOT-Kind", "?")), len(data)))
        log_tail = (tmp / "log").read_text(errors="replace")[-2000:]
    routed = [n for k, n in sizes if k == "routing"]
    growth = after - before
    limit = 10 * 1024 * 1024
    ok_rss, ok_db = peak < 300, growth <= raw_size + 1024 * 1024
    ok_routed = len(routed) >= 6 and all(n <= limit for n in routed)
    print_table(("measure", "value"), [
        ("raw message", f"{raw_size / 1e6:.1f} MB"),
        ("run --once exit / time", f"{rc} / {elapsed:.1f} s"),
        ("peak RSS (wait4 ru_maxrss)", f"{peak:.0f} MB (empty run {base_rss:.0f} MB)"),
        ("database growth", f"{growth / 1e6:.1f} MB ({before / 1e6:.2f} -> {after / 1e6:.2f})"),
        ("routing mails written", len(routed)),
        ("largest routing mail", f"{max(routed, default=0) / 1e6:.2f} MB"),
        ("all mails written", len(sizes)),
    ])
    print(f"\npeak RSS < 300 MB {verdict(ok_rss)}; db growth <= raw + 1 MB {verdict(ok_db)}; "
          f"six routed copies within 10 MB {verdict(ok_routed)}")
    if rc:
        print(log_tail, file=sys.stderr)
    result: dict[str, Any] = {
        "command": f"bench/bench_large.py --mb {args.mb}", "raw_bytes": raw_size, "exit": rc,
        "elapsed_s": elapsed, "peak_rss_mb": peak, "empty_run_rss_mb": base_rss, "db_before": before,
        "db_after": after, "db_growth": growth, "routing_sizes": routed, "mails": sizes,
        "met": ok_rss and ok_db and ok_routed,
    }
    write_results("large" + (f"-{args.tag}" if args.tag else ""), result)


if __name__ == "__main__":
    main()
