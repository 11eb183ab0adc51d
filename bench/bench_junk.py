"""Cheap-to-send, slow-to-parse junk before a genuine referral: seconds per junk mail, and the referral's wait.

Stranger 9's break 10: a stranger's mail of 30,000 empty MIME parts (300 KB) cost 7.5 s of intake before the
part bound was reached, so eight of them held a genuine referral 63 s. Measured black-box on any source tree
(`--tree`, default this one), so one script gives before (main) and after:

1. `parse_message` on each expensive shape, in a child process running that tree (median of --rounds):
   30,000 empty parts; 10,000 tiny attachments of a known type (PDF); 3,000 nested multiparts; 170,000
   header fields; one part with 100,000 header fields.
2. `csprbot run --once` (the example profile, SQLite, Maildir in and out, the work budget's warm child as
   deployed) over --n junk mails of 30,000 parts then the genuine Word referral; the referral's wait is
   from the start of the run to its intake log line (an empty-inbox run first creates the database), and
   the same for the referral alone (start-up and its own intake: the part of the wait no junk caused).
   Per junk mail: the gaps between successive junk mails' log lines (the first holds start-up).

Run:  .venv/bin/python bench/bench_junk.py [--n 8] [--tree /work/main] [--rounds 3] [--tag X]
Writes bench/results/junk.json (junk-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, print_table, referral, write_config, write_results

from bot.mail.maildir import deliver

HEAD = ["From: Junk <junk{i}@gmail.com>", "To: csprbot@nsscp.example.gov.uk", "Subject: hello",
        "Message-ID: <junk-{shape}-{i}@gmail.example>", "MIME-Version: 1.0"]


def shape(name: str, i: int = 0) -> bytes:
    lines = [h.format(i=i, shape=name) for h in HEAD]
    if name == "30,000 empty parts":
        lines += ['Content-Type: multipart/mixed; boundary="b"', ""]
        for _ in range(30_000):
            lines += ["--b", "", "p"]
        lines.append("--b--")
    elif name == "10,000 tiny PDFs":
        lines += ['Content-Type: multipart/mixed; boundary="b"', ""]
        for j in range(10_000):
            lines += ["--b", f'Content-Type: application/pdf; name="a{j}.pdf"', "", "%PDF-1.4"]
        lines.append("--b--")
    elif name == "3,000 nested multiparts":
        for k in range(3000):
            lines += [f'Content-Type: multipart/mixed; boundary="b{k}"', "", f"--b{k}"]
        lines += ["", "x"] + [f"--b{k}--" for k in reversed(range(3000))]
    elif name == "170,000 header fields":
        lines += [f"X-H{k % 50}: v" for k in range(170_000)] + ["Content-Type: text/plain", "", "hi"]
    else:  # one part with 100,000 header fields
        lines += ['Content-Type: multipart/mixed; boundary="b"', "", "--b"]
        lines += [f"X-P: {k}" for k in range(100_000)] + ["Content-Type: text/plain", "", "hi", "--b--"]
    return "\r\n".join(lines).encode()


SHAPES = ("30,000 empty parts", "10,000 tiny PDFs", "3,000 nested multiparts", "170,000 header fields",
          "a part with 100,000 header fields")
_TIME_PARSE = """
import sys, time
from parsers import parse_message
raw = open(sys.argv[1], "rb").read()
t = time.perf_counter()
try:
    r = parse_message(raw)
    w = r.warnings[0] if r.warnings else ""
except BaseException as e:
    w = repr(e)
print(time.perf_counter() - t, w[:80].replace(chr(10), " "), sep="\\t")
"""


def _env(tree: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
    return {**env, "PYTHONPATH": str(tree), **extra}


def parse_times(tree: Path, rounds: int, tmp: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in SHAPES:
        path = tmp / "shape.eml"
        path.write_bytes(shape(name))
        runs = []
        first = ""
        for _ in range(rounds):
            res = subprocess.run([sys.executable, "-c", _TIME_PARSE, str(path)], env=_env(tree), cwd=tmp,
                                 capture_output=True, text=True, check=True)
            secs, first = res.stdout.strip().split("\t", 1)
            runs.append(float(secs))
        out[name] = {"bytes": path.stat().st_size, "median_s": statistics.median(runs), "runs": runs,
                     "first_warning": first}
    return out


_STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) .*intake: new/(\S+) (\w+)")


def flood(tree: Path, n: int, tmp: Path) -> dict[str, Any]:
    inbox, outbox, db = tmp / "inbox", tmp / "outbox", tmp / "bench.db"
    inbox.mkdir()
    cfg = write_config(tmp / "csprbot.toml")
    env = _env(tree, CSPRBOT_INBOX_URL=f"maildir:{inbox}", CSPRBOT_SENDER_URL=f"maildir:{outbox}",
               CSPRBOT_DATABASE_URL=f"sqlite:///{db}")
    cmd = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", "--config", str(cfg),
           "run", "--once"]
    subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, check=True)  # creates the database
    now = dt.datetime.now(dt.UTC)
    for i in range(n):
        deliver(inbox, shape("30,000 empty parts", i))
        time.sleep(0.01)  # Maildir delivery order: the junk first
    time.sleep(0.05)
    deliver(inbox, referral(now))
    start = dt.datetime.now()  # the log's asctime is local time
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, text=True)
    total = time.perf_counter() - t0
    lines = [m for m in map(_STAMP.match, res.stderr.splitlines()) if m]
    stamps = [dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f") for m in lines]
    statuses = [m.group(3) for m in lines]
    waits = [(s - start).total_seconds() for s in stamps]
    per_junk = [b - a for a, b in itertools.pairwise(waits[:n])]  # the first holds start-up
    return {"n": n, "run_s": total, "exit": res.returncode, "statuses": statuses,
            "referral_wait_s": waits[-1] if waits else None,
            "junk_s_median": statistics.median(per_junk) if per_junk else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--tree", default=str(ROOT), help="the source tree whose bot/ and parsers/ are run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    tree = Path(args.tree).resolve()
    with tempfile.TemporaryDirectory(prefix="bench-junk.") as tmp_name:
        tmp = Path(tmp_name)
        parsed = parse_times(tree, args.rounds, tmp)
        (tmp / "alone").mkdir()
        alone = flood(tree, 0, tmp / "alone")
        (tmp / "flood").mkdir()
        run = flood(tree, args.n, tmp / "flood")
    print_table(("shape", "KB", "parse_message s (median)", "first warning"),
                [(k, v["bytes"] // 1024, f"{v['median_s']:.2f}", v["first_warning"][:60]) for k, v in parsed.items()])
    print(f"\nrun --once, {args.n} junk mails of 30,000 parts then a referral: {run['run_s']:.1f} s; "
          f"per junk mail {run['junk_s_median']:.2f} s (median); the referral read after "
          f"{run['referral_wait_s']:.1f} s (alone: {alone['referral_wait_s']:.1f} s, start-up included); "
          f"outcomes {run['statuses']}")
    write_results("junk" + (f"-{args.tag}" if args.tag else ""),
                  {"command": f"bench/bench_junk.py --n {args.n} --tree {tree} --rounds {args.rounds}",
                   "tree": str(tree), "parse": parsed, "flood": run, "alone": alone})


if __name__ == "__main__":
    main()
