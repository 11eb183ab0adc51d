"""Arrival to routed: how long after a referral lands in the mailbox the first routed mail leaves csprbot.

Setup: a throw-away Dovecot (tests/servers/dovecot_server.py) and an aiosmtpd sink (tests/servers/smtp_sink.py)
on loopback; `csprbot run` as a subprocess (the real console script, IMAP IDLE, SQLite in a temp dir),
configured by env (CSPRBOT_INBOX_URL, CSPRBOT_SENDER_URL, CSPRBOT_DATABASE_URL, CSPRBOT_INBOX_PASSWORD) and a
temp profile (the example one plus mail.ca_file for STARTTLS, and the per-recipient rate cap lifted).

Each of --referrals referrals (the demo's Appendix 2 Word form, bot.demo.referral_docx, unique Message-ID)
is APPENDed on its own; the clock runs from just before APPEND to the moment the sink has the first
`X-CSPRBOT-Kind: routing` mail of the new case. The next referral goes in once the sink has been quiet
for 0.3 s (the case's other mails delivered) plus a random 0-0.3 s. Two warm-up referrals are not counted.

For reference the same run measures the floor: an IMAPClient idling on another folder, time from APPEND
to its EXISTS (Dovecot batches IDLE notifications with a hard-coded 500 ms timer).
Target: p95 <= 2 s.

Run:  .venv/bin/python bench/bench_arrival.py [--referrals 200] [--tls starttls|none] [--tag before]
Prints a table; writes bench/results/arrival.json (arrival-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, print_table, referral, summary, verdict, write_config, write_results

from tests.servers.dovecot_server import PASSWORDS, DovecotServer
from tests.servers.smtp_sink import Received, SmtpSink

USER = "bot@example.test"


class StampedSink(SmtpSink):  # type: ignore[misc]  # tests/ is not a typed package here
    """The sink, noting time.perf_counter() as each message is accepted (same process, same clock)."""

    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[tuple[float, Received]] = []

    def _store(self, rec: Received) -> None:
        with self._cond:
            self.stamps.append((time.perf_counter(), rec))
        super()._store(rec)


def header(rec: Received, name: str) -> str:
    msg = rec.message or email.message_from_bytes(rec.data, policy=email.policy.default)
    return str(msg.get(name, "") or "")


def wait_routed(sink: StampedSink, seen: set[str], start_index: int, timeout: float) -> tuple[float, str]:
    """(perf_counter stamp, case ref) of the first routing mail of a case not in `seen`."""
    deadline = time.monotonic() + timeout
    i = start_index
    while time.monotonic() < deadline:
        with sink._cond:
            batch = sink.stamps[i:]
        for stamp, rec in batch:
            i += 1
            ref = header(rec, "X-CSPRBOT-Case")
            if header(rec, "X-CSPRBOT-Kind") == "routing" and ref and ref not in seen:
                return stamp, ref
        time.sleep(0.002)
    raise TimeoutError(f"no routed mail within {timeout} s (sink has {len(sink.stamps)} messages)")


def wait_quiet(sink: StampedSink, quiet: float = 0.3, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    last_n, last_change = len(sink.stamps), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.02)
        n = len(sink.stamps)
        if n != last_n:
            last_n, last_change = n, time.monotonic()
        elif time.monotonic() - last_change >= quiet:
            return


def idle_floor(dc: DovecotServer, tls: str, samples: int) -> list[float]:
    """APPEND -> EXISTS seen by an idling IMAPClient on another folder: the server's own IDLE latency."""
    folder = "BenchFloor"
    appender = dc.client(USER, tls=tls)
    appender.create_folder(folder)
    idler = dc.client(USER, tls=tls)
    idler.select_folder(folder)
    out = []
    try:
        for i in range(samples):
            idler.idle()
            time.sleep(0.05)
            t0 = time.perf_counter()
            appender.append(folder, f"Subject: floor {i}\r\nMessage-ID: <floor{i}@bench>\r\n\r\nx\r\n".encode())
            while True:
                responses = idler.idle_check(timeout=5)
                if any(isinstance(r, tuple) and len(r) > 1 and r[1] == b"EXISTS" for r in responses):
                    out.append(time.perf_counter() - t0)
                    break
            idler.idle_done()
    finally:
        idler.logout()
        appender.logout()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--referrals", type=int, default=200)
    ap.add_argument("--tls", choices=("starttls", "none"), default="starttls", help="IMAP transport")
    ap.add_argument("--floor-samples", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one routed mail")
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    rng = random.Random(5)
    latencies: list[float] = []
    appends: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-arrival.") as tmp, DovecotServer() as dc, StampedSink() as sink:
        floor = idle_floor(dc, args.tls, args.floor_samples)
        cfg = write_config(Path(tmp) / "csprbot.toml", ca_file=dc.ca_file)
        env = {**os.environ, "CSPRBOT_INBOX_URL": dc.url(USER, "INBOX", tls=args.tls),
               "CSPRBOT_SENDER_URL": sink.url(user=None, tls="none"),
               "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/bench.db", "CSPRBOT_INBOX_PASSWORD": PASSWORDS[USER]}
        exe = Path(sys.executable).with_name("csprbot")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]
        log = open(Path(tmp) / "csprbot.log", "wb")  # noqa: SIM115 - closed in finally
        proc = subprocess.Popen([*cmd, "--config", str(cfg), "run"], env=env, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT)
        appender = dc.client(USER, tls=args.tls)
        seen: set[str] = set()
        try:
            for i in range(2 + args.referrals):
                raw = referral(dt.datetime.now(dt.UTC), i)
                start_index = len(sink.stamps)
                t0 = time.perf_counter()
                appender.append("INBOX", raw)
                t_app = time.perf_counter() - t0
                stamp, ref = wait_routed(sink, seen, start_index, args.timeout if i >= 2 else 60.0)
                seen.add(ref)
                if i >= 2:
                    latencies.append(stamp - t0)
                    appends.append(t_app)
                wait_quiet(sink)
                time.sleep(rng.uniform(0, 0.3))
                if (i - 1) % 50 == 0 and i >= 2:
                    print(f"  {i - 1} referrals, p50 so far {sorted(latencies)[len(latencies) // 2]:.3f} s",
                          file=sys.stderr)
        finally:
            appender.logout()
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
            tail = (Path(tmp) / "csprbot.log").read_text(errors="replace").splitlines()[-5:]
        total_mails = len(sink.stamps)
    s = summary(latencies)
    fl = summary(floor)
    rows: list[tuple[Any, ...]] = [
        ("APPEND -> first routed mail at the sink", s["n"], s["mean"], s["p50"], s["p95"], s["max"]),
        ("  of which APPEND itself", len(appends), *(summary(appends)[k] for k in ("mean", "p50", "p95", "max"))),
        ("floor: APPEND -> IDLE EXISTS (raw client)", fl["n"], fl["mean"], fl["p50"], fl["p95"], fl["max"]),
    ]
    print_table(("seconds", "n", "mean", "p50", "p95", "max"), rows)
    print(f"\np95 {s['p95']:.3f} s: target <= 2 s {verdict(s['p95'] <= 2)}; {total_mails} mails reached the sink; "
          f"csprbot log tail: {tail[-1] if tail else ''}")
    write_results("arrival" + (f"-{args.tag}" if args.tag else ""), {
        "command": f"bench/bench_arrival.py --referrals {args.referrals} --tls {args.tls}",
        "transport": f"IMAP {args.tls} + IDLE on loopback Dovecot 2.3; SMTP plain to aiosmtpd; SQLite WAL",
        "latency_s": s, "append_s": summary(appends), "idle_floor_s": fl, "samples_s": latencies,
        "mails_at_sink": total_mails, "target_p95_s": 2.0, "met": s["p95"] <= 2,
    })


if __name__ == "__main__":
    main()
