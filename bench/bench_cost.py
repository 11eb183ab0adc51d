"""Small slow-to-read mail (stranger round 11, B5): parse cost per shape, and a flood's hold on a genuine referral.

A 110 KB Word file of 6,000 short "Label: value" paragraphs, a 1,500-row table, a 1 MB line of labels: each costs
the label walk (parsers/fields.py) a fixed amount per cell or piece, so seconds per mail. Measured black-box on any
source tree (`--tree`, default this one), so one script gives before (main) and after:

1. `parse_message` on each of the seven cost shapes of round 11 (built here as the stranger built them), in a child
   process running that tree, warm (a first referral parsed: the label patterns compile on first use), median of
   --rounds: CPU seconds (process time: the figure a loaded machine does not inflate) and wall seconds.
2. `csprbot run --once` on a hardened profile (trusted_authserv_id set, require_authentication = true, the work
   budget's warm child as deployed) over --n mails of the 6,000-paragraph shape from --n stranger domains, then a
   genuine Word referral with a pass for its own domain: the referral's wait from the start of the run to its
   intake log line, for a flood with no Authentication-Results ("unauth") and one passing for its own domains
   ("auth"), and the referral alone.

With --marker (repeatable) each flood mail carries one of these header lines in turn (`Auto-Submitted:
auto-generated`, `Precedence: bulk`, `Return-Path: <>`: stranger round 12, forged mail that says it is automatic);
--flood-only skips the parse times and the authenticated flood.

Run:  .venv/bin/python bench/bench_cost.py [--n 8] [--tree /work/main] [--rounds 3] [--tag X] [--no-flood]
          [--marker "Precedence: bulk" ...] [--flood-only]
Writes bench/results/cost.json (cost-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from email import encoders
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

from common import BOT, ROOT, print_table, referral, write_config, write_results

from bot.mail.maildir import deliver

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TRUSTED = "mx.bench.example"
FORM = ("Name of referrer: Pat Stranger\nEmail: pat@strangers.example\nName of child: Kid {i} Xy\n"
        "Date of birth: 01/02/2016\nDate of incident: 01/12/2026\nSummary: fell\n")


def _wrap(parts: list[Any], sender: str = "x@strangers.example") -> bytes:
    m = MIMEMultipart()
    m["From"], m["To"], m["Subject"] = f"Stranger <{sender}>", BOT, "CSPR referral"
    m["Message-ID"], m["Date"] = f"<cost.{time.monotonic_ns()}@strangers.example>", "Mon, 07 Dec 2026 09:00:00 +0000"
    for p in parts:
        m.attach(p)
    return m.as_bytes()


def _att(data: bytes, filename: str) -> MIMEBase:
    p = MIMEBase(*DOCX.split("/"))
    p.set_payload(data)
    encoders.encode_base64(p)
    p.add_header("Content-Disposition", "attachment", filename=filename)
    return p


def _docx(build: Any) -> bytes:
    import docx  # python-docx, as the stranger built the files

    d = docx.Document()
    build(d)
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def _table(d: Any) -> None:
    t = d.add_table(rows=0, cols=4)
    for r in range(1500):
        for c, cell in enumerate(t.add_row().cells):
            cell.text = f"Name of child {r}" if c == 0 else f"value {r} {c}"


def _nested(d: Any) -> None:
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    for k in range(40):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = f"Name of child: N{k}"


def shapes() -> dict[str, bytes]:
    note = MIMEText("Please find attached the referral.")
    html = ("<html><head><style>" + "".join(f".c{i} .d{i} > span{{color:var(--v{i % 50},#fff)}}\n" for i in range(3000))
            + "</style></head><body>" + "".join(f"<div class='c{i}'><span class='d{i}' style='--v{i % 50}:red'>"
                                                f"case {i}</span></div>" for i in range(3000)) + "</body></html>")
    small = []
    for i in range(300):
        p = MIMEText(FORM.format(i=i))
        p.add_header("Content-Disposition", "attachment", filename=f"r{i}.txt")
        small.append(p)
    return {
        "docx 6,000 paragraphs": _wrap([note, _att(_docx(lambda d: [d.add_paragraph(
            f"Label {r}: value {r} Child's name: X{r}") for r in range(6000)]), "referral.docx")]),
        "docx 1,500x4 table": _wrap([note, _att(_docx(_table), "referral.docx")]),
        "docx 40 nested tables": _wrap([note, _att(_docx(_nested), "referral.docx")]),
        "html 3,000 rules": _wrap([MIMEText("x"), MIMEText(html, "html")]),
        "300 small text forms": _wrap([MIMEText("referral attached"), *small]),
        "text 2 MB of case words": _wrap([MIMEText(("the case of case 2 of case ref 12 case II " * 50 + "\n") * 1000)]),
        "text 1 MB line of labels": _wrap([MIMEText("".join(f"Name of child: A{i} | Date of birth: 2019-01-01 | "
                                                            for i in range(20000)))]),
    }


_TIME_PARSE = """
import sys, time
from parsers import parse_message
parse_message(open(sys.argv[2], "rb").read())  # warm: the label patterns compile on first use
raw = open(sys.argv[1], "rb").read()
c, t = time.process_time(), time.perf_counter()
r = parse_message(raw)
print(time.process_time() - c, time.perf_counter() - t, r.kind, sep="\\t")
"""


def _env(tree: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
    return {**env, "PYTHONPATH": str(tree), **extra}


def parse_times(tree: Path, rounds: int, tmp: Path) -> dict[str, Any]:
    warm = tmp / "warm.eml"
    warm.write_bytes(referral(dt.datetime.now(dt.UTC)))
    out: dict[str, Any] = {}
    for name, raw in shapes().items():
        path = tmp / "shape.eml"
        path.write_bytes(raw)
        cpu, wall, kind = [], [], ""
        for _ in range(rounds):
            res = subprocess.run([sys.executable, "-c", _TIME_PARSE, str(path), str(warm)], env=_env(tree),
                                 cwd=tmp, capture_output=True, text=True, check=True)
            c, w, kind = res.stdout.strip().split("\t")
            cpu.append(float(c))
            wall.append(float(w))
        out[name] = {"bytes": len(raw), "cpu_s": statistics.median(cpu), "wall_s": statistics.median(wall),
                     "kind": kind}
    return out


_STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) .*intake: new/(\S+) (\w+)")


def _stamp(domain: str) -> bytes:
    return (f"Authentication-Results: {TRUSTED}; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; "
            f"dmarc=pass header.from={domain}\r\n").encode()


def flood(tree: Path, n: int, auth: bool, tmp: Path, markers: list[str] | None = None) -> dict[str, Any]:
    inbox, outbox, db = tmp / "inbox", tmp / "outbox", tmp / "bench.db"
    inbox.mkdir()
    cfg = write_config(tmp / "csprbot.toml", trusted_authserv_id=TRUSTED, require_authentication=True)
    env = _env(tree, CSPRBOT_INBOX_URL=f"maildir:{inbox}", CSPRBOT_SENDER_URL=f"maildir:{outbox}",
               CSPRBOT_DATABASE_URL=f"sqlite:///{db}")
    cmd = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", "--config", str(cfg),
           "run", "--once"]
    subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, check=True)  # creates the database
    now = dt.datetime.now(dt.UTC)
    heavy = shapes()["docx 6,000 paragraphs"]
    for i in range(n):
        raw = heavy.replace(b"x@strangers.example", f"flood{i}@stranger{i}.example".encode())
        raw = raw.replace(b"<cost.", f"<cost.{i}.".encode())
        if markers:
            raw = markers[i % len(markers)].encode() + b"\r\n" + raw
        deliver(inbox, (_stamp(f"stranger{i}.example") if auth else b"") + raw)
        time.sleep(0.01)  # Maildir delivery order: the flood first
    time.sleep(0.05)
    genuine = referral(now)
    domain = re.search(rb"From: [^\r\n]*@([\w.-]+)", genuine)
    deliver(inbox, _stamp(domain.group(1).decode() if domain else "csc.example.gov.uk") + genuine)
    start = dt.datetime.now()  # the log's asctime is local time
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, text=True)
    total = time.perf_counter() - t0
    lines = [m for m in map(_STAMP.match, res.stderr.splitlines()) if m]
    waits = [(dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f") - start).total_seconds() for m in lines]
    return {"n": n, "auth": auth, "run_s": total, "exit": res.returncode, "statuses": [m.group(3) for m in lines],
            "referral_wait_s": waits[-1] if waits else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--tree", default=str(ROOT), help="the source tree whose bot/ and parsers/ are run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tag", default="")
    ap.add_argument("--no-flood", action="store_true")
    ap.add_argument("--marker", action="append", default=[], help="a header line each flood mail carries in turn")
    ap.add_argument("--flood-only", action="store_true")
    args = ap.parse_args()
    tree = Path(args.tree).resolve()
    parse: dict[str, Any] = {}
    if not args.flood_only:
        with tempfile.TemporaryDirectory() as d:
            parse = parse_times(tree, args.rounds, Path(d))
        print_table(["shape", "KB", "CPU s", "wall s", "kind"],
                    [[k, v["bytes"] // 1024, v["cpu_s"], v["wall_s"], v["kind"]] for k, v in parse.items()])
    floods: list[dict[str, Any]] = []
    if not args.no_flood:
        runs = ((0, True), (args.n, False)) if args.flood_only else ((0, True), (args.n, False), (args.n, True))
        for n, auth in runs:
            with tempfile.TemporaryDirectory() as d:
                floods.append(flood(tree, n, auth, Path(d), args.marker))
        print_table(["flood", "auth", "referral wait s", "run s", "statuses"],
                    [[f["n"], f["auth"], f["referral_wait_s"], f["run_s"], " ".join(sorted(set(f["statuses"])))]
                     for f in floods])
    write_results(f"cost-{args.tag}" if args.tag else "cost",
                  {"tree": str(tree), "rounds": args.rounds, "parse": parse, "flood": floods, "markers": args.marker,
                   "load_avg": os.getloadavg()})


if __name__ == "__main__":
    main()
