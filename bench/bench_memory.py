"""Memory over a long backlog: peak and sampled RSS of `csprbot run` working through 10,000 messages.

Setup: a Maildir inbox (not IMAP: 10,000 APPENDs add nothing to what this measures, and Maildir is the
embedded default) filled with the mixed backlog of bench/common.mixed - ~40 % referrals carrying the
Appendix 2 Word form as an attachment (plus, with --extra-kb, a random binary attachment of that size),
replies with commands, agency returns, auto-replies. `csprbot run` runs as a subprocess (SQLite and a
Maildir outbox in a temp dir, the example profile with the rate cap lifted) until the inbox is empty.

Sampled every --interval seconds from /proc/PID/status: VmRSS (resident now) and VmHWM (peak), beside the
number of messages handled so far (files in the Processed and Quarantine folders). "Flat" means RSS at
the end is within 10 % (and 15 MB) of RSS at a quarter of the way through; the slope of RSS against
messages handled over the last three quarters is reported too. Target: peak <= 200 MB and flat.

Run:  .venv/bin/python bench/bench_memory.py [--messages 10000] [--extra-kb 0] [--interval 0.5] [--tag before]
Prints a table; writes bench/results/memory.json (memory-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, mixed, print_table, verdict, write_config, write_results

from bot.mail.maildir import deliver


def proc_status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM in MiB (as `ps` and `top` count), empty if the process is gone."""
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


def count(folder: Path) -> int:
    try:
        return sum(1 for _ in os.scandir(folder))
    except FileNotFoundError:
        return 0


def slope_mb_per_1000(points: list[tuple[int, float]]) -> float:
    if len(points) < 3 or len({x for x, _ in points}) < 2:
        return 0.0
    return statistics.linear_regression([x for x, _ in points], [y for _, y in points]).slope * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--extra-kb", type=int, default=0, help="extra random attachment on each referral")
    ap.add_argument("--interval", type=float, default=0.5)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    now = dt.datetime.now(dt.UTC)
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-memory.") as tmp:
        inbox = Path(tmp) / "inbox"
        t0 = time.perf_counter()
        size = 0
        for _kind, raw in mixed(args.messages, now, extra_kb=args.extra_kb):
            deliver(inbox, raw)
            size += len(raw)
        t_fill = time.perf_counter() - t0
        print(f"inbox: {args.messages} messages, {size / 1e6:.1f} MB, written in {t_fill:.1f} s", file=sys.stderr)
        cfg = write_config(Path(tmp) / "csprbot.toml")
        env = {**os.environ, "CSPRBOT_INBOX_URL": f"maildir:{inbox}", "CSPRBOT_SENDER_URL": f"maildir:{tmp}/outbox",
               "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/bench.db"}
        exe = Path(sys.executable).with_name("csprbot")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]
        log = open(Path(tmp) / "csprbot.log", "wb")  # noqa: SIM115 - closed in finally
        start = time.perf_counter()
        proc = subprocess.Popen([*cmd, "--config", str(cfg), "run"], env=env, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT)
        try:
            while proc.poll() is None:
                st = proc_status(proc.pid)
                done = count(inbox / ".Processed" / "cur") + count(inbox / ".Quarantine" / "cur")
                if st:
                    samples.append({"t": time.perf_counter() - start, "rss_mb": st.get("VmRSS", 0.0),
                                    "hwm_mb": st.get("VmHWM", 0.0), "handled": done})
                if done >= args.messages:
                    break
                if len(samples) % 60 == 0:
                    print(f"  {done} handled, RSS {st.get('VmRSS', 0):.0f} MB", file=sys.stderr)
                time.sleep(args.interval)
            elapsed = time.perf_counter() - start
            final = proc_status(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 1e6
    peak = max([final.get("VmHWM", 0.0), *(s["hwm_mb"] for s in samples)])
    n = args.messages
    at = {q: next((s["rss_mb"] for s in samples if s["handled"] >= q * n), samples[-1]["rss_mb"])
          for q in (0.1, 0.25, 0.5, 0.75, 1.0)}
    late = [(int(s["handled"]), s["rss_mb"]) for s in samples if s["handled"] >= 0.25 * n]
    slope = slope_mb_per_1000(late)
    growth = at[1.0] - at[0.25]
    flat = growth <= max(15.0, 0.10 * at[0.25])
    print_table(("handled", "RSS MB"), [(f"{int(q * 100)} % ({int(q * n)})", v) for q, v in at.items()])
    print(f"\npeak RSS (VmHWM) {peak:.1f} MB: target <= 200 MB {verdict(peak <= 200)}; RSS 25 % -> 100 %: "
          f"{growth:+.1f} MB, slope {slope:+.2f} MB per 1,000 messages: {'flat' if flat else 'GROWING'}; "
          f"{n / elapsed:.1f} msg/s; SQLite file {db_mb:.0f} MB")
    stride = max(1, len(samples) // 400)  # keep the JSON readable: at most ~400 samples
    result: dict[str, Any] = {
        "command": f"bench/bench_memory.py --messages {n} --extra-kb {args.extra_kb} --interval {args.interval}",
        "inbox": "Maildir (embedded default adapter)", "messages": n, "bytes": size, "elapsed_s": elapsed,
        "peak_rss_mb": peak, "rss_mb_at_fraction": {str(k): v for k, v in at.items()},
        "growth_25_to_100_mb": growth, "slope_mb_per_1000_msgs": slope, "flat": flat, "sqlite_mb": db_mb,
        "samples": samples[::stride], "target_peak_mb": 200, "met": peak <= 200 and flat,
    }
    write_results("memory" + (f"-{args.tag}" if args.tag else ""), result)


if __name__ == "__main__":
    main()
