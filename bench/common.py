"""Shared helpers for the benchmarks: machine description, statistics, tables, JSON results, configs and
realistic mixed mail (referrals with a Word form, command replies, agency returns, auto-replies).

Not a benchmark itself; every bench_*.py imports it. The repository root is put on sys.path so the
scripts run as `.venv/bin/python bench/bench_X.py` from anywhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
EXAMPLE_CONFIG = ROOT / "config" / "example.toml"

COORDINATOR = "nsscp.coordinator@nsscp.example.gov.uk"
SERVICE_LEADER = "service.leader.qa@nsscp.example.gov.uk"
BOT = "csprbot@nsscp.example.gov.uk"
REFERRER = "Sam Example <sam.example@csc.example.gov.uk>"
HEALTH = "ruth.okafor@nhs.net"


# --- machine and results ---------------------------------------------------------------------------

def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=5, check=False)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5, check=False).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except OSError:
        return "unknown"


def machine_info() -> dict[str, Any]:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": _git_commit(),
    }


def write_results(name: str, data: dict[str, Any]) -> Path:
    """bench/results/<name>.json: the machine and code as they were when the benchmark started, + `data`."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}.json"
    machine = {**START_INFO, "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    out.write_text(json.dumps({"benchmark": name, "machine": machine, **data}, indent=2, default=str) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")
    return out


START_INFO = machine_info()  # at import, i.e. when the benchmark started: the commit it measured


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), p in 0..100."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summary(values: Sequence[float]) -> dict[str, float]:
    """n, mean, stdev, min, p50, p95, max of `values` (seconds or whatever unit they are in)."""
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "stdev": statistics.stdev(values) if len(values) > 1 else 0.0,
        "min": min(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values),
    }


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths,
                                                                                      strict=True))))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths,
                                                                                          strict=True))))


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 100 else f"{v:,.0f}"
    return str(v)


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


# --- configuration ---------------------------------------------------------------------------------

def write_config(path: Path, **mail: object) -> Path:
    """The example profile with extra `[mail]` keys (e.g. rate_cap_per_hour, ca_file) written to `path`.

    The per-recipient rate cap (30 an hour, a loop guard) is lifted by default: a benchmark that opens
    hundreds of cases in minutes would otherwise hold the routed mail back for an hour.
    """
    mail = {"rate_cap_per_hour": 1_000_000, **mail}
    extra = "".join(f"{k} = {json.dumps(v)}\n" for k, v in mail.items())
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8").replace("[mail]\n", "[mail]\n" + extra, 1)
    path.write_text(text, encoding="utf-8")
    return path


# --- realistic mail --------------------------------------------------------------------------------

FIRST = ("Alex", "Sam", "Jo", "Robin", "Charlie", "Frankie", "Jamie", "Morgan", "Riley", "Casey", "Drew", "Kai",
         "Logan", "Quinn", "Reese", "Rowan", "Sasha", "Taylor", "Toni", "Billie")
MIDDLE = ("Lee", "Ray", "Jay", "Max", "Ash", "Kit", "Sky", "Ali", "Bo", "Cam", "Dee", "Eli", "Fin", "Gus", "Hal",
          "Ivy", "Jem", "Kim", "Lou", "Mo")
LAST = ("Fictional", "Madeup", "Sample", "Specimen", "Example", "Invented", "Notreal", "Pretend", "Imagined",
        "Dummy", "Placeholder", "Testcase", "Mockup", "Standin", "Nominal", "Unreal", "Fabled", "Storybook",
        "Hypothetic", "Sketch")


def child_name(n: int) -> str:
    """A distinct fictional child for referral n (8,000 before repeating): csprbot links a second referral
    of the same child and incident to the open case, so a backlog of new cases needs different children."""
    return f"{FIRST[n % 20]} {MIDDLE[n // 20 % 20]} {LAST[n // 400 % 20]}"


@functools.lru_cache(maxsize=16)
def _base_form(incident: dt.date, submitted: dt.date) -> bytes:
    from bot.demo import referral_docx

    return referral_docx(incident, submitted)


def _form(incident: dt.date, submitted: dt.date, child: str) -> bytes:
    """The demo form (bot.demo.referral_docx) with the child's name replaced in word/document.xml."""
    src = zipfile.ZipFile(io.BytesIO(_base_form(incident, submitted)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"Alex Fictional", child.encode())
            dst.writestr(info, data)
    return out.getvalue()


def _msg(sender: str, subject: str, body: str, now: dt.datetime, tag: str) -> EmailMessage:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = BOT
    m["Subject"] = subject
    m["Date"] = format_datetime(now)
    m["Message-ID"] = make_msgid(tag, domain=sender.rsplit("@", 1)[-1].rstrip(">"))
    m.set_content(body)
    return m


def referral(now: dt.datetime, variant: int = 0, extra_kb: int = 0) -> bytes:
    """The demo's Appendix 2 Word referral (bot.demo.referral_docx) with a unique Message-ID and child.

    `variant` picks the child (child_name) and moves the incident date back 1-5 days; `extra_kb` adds a
    random-bytes attachment (a scanned letter, say) to make the message that much bigger.
    """
    today = now.date()
    incident = today - dt.timedelta(days=1 + variant % 5)
    m = _msg(REFERRER, "CSPR referral - please see attached (SECURE)",
             "Hello,\n\nPlease find attached a referral for a Child Safeguarding Practice Review.\n\n"
             "Kind regards\nSam Example\nSenior Social Worker, Children's Social Care\n", now, "referral")
    m.add_attachment(_form(incident, today, child_name(variant)), maintype="application",
                     subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename="CSPR referral form.docx")
    if extra_kb:
        m.add_attachment(random.randbytes(extra_kb * 1024), maintype="application", subtype="octet-stream",
                         filename="scan.bin")
    return m.as_bytes()


COMMANDS = (
    (COORDINATOR, "DECISION: RAPID REVIEW\nAGENCIES: Education"),
    (SERVICE_LEADER, "NOTIFIED: {today}"),
    (COORDINATOR, "EXTEND screening: {later} awaiting police information"),
    (COORDINATOR, "Thanks, noted. I will pick this up tomorrow."),  # a reply without a command
)


def command_reply(ref: str, now: dt.datetime, which: int) -> bytes:
    sender, body = COMMANDS[which % len(COMMANDS)]
    text = body.format(today=now.date().isoformat(), later=(now.date() + dt.timedelta(days=21)).isoformat())
    m = _msg(sender, f"RE: [{ref}] New referral", text + "\n\n> earlier message quoted here\n", now, "reply")
    return m.as_bytes()


AGENCY_RETURN = """Case reference: {ref}
Agency: ICB Health

Completed by: Dr Ruth Okafor
Role: GP Safeguarding Lead
Email: ruth.okafor@nhs.net
Tel: 01934 510000

Has your agency had any involvement with the child or family?  Yes
Period of involvement: 01/09/2024 to 02/02/2026

Summary of involvement:
The child was seen four times in the period, twice for minor injuries.

Immediate actions: Records reviewed and flagged.

Learning: Bruising in a school-age child was not shared with the school nurse.

Records secured? Yes

Signed off by: Dr Alan Kirby, Named GP
Date completed: {today}
"""


def agency_return(ref: str, now: dt.datetime) -> bytes:
    body = AGENCY_RETURN.format(ref=ref, today=now.date().strftime("%d/%m/%Y"))
    return _msg(HEALTH, f"Re: {ref} agency return", body, now, "return").as_bytes()


def auto_reply(now: dt.datetime) -> bytes:
    m = _msg("Director of People <director.people@nsscp.example.gov.uk>", "Automatic reply: [previous case]",
             "I am out of the office until Monday with limited access to email.\n", now, "ooo")
    m["Auto-Submitted"] = "auto-replied"
    m["X-Auto-Response-Suppress"] = "All"
    return m.as_bytes()


@dataclass(frozen=True)
class Mix:
    """Shares of a mixed backlog; the rest after these three are auto-replies."""

    referrals: float = 0.40
    replies: float = 0.25
    returns: float = 0.15


def mixed(n: int, now: dt.datetime, prefix: str = "NS", mix: Mix = Mix(), seed: int = 7,
          extra_kb: int = 0) -> Iterator[tuple[str, bytes]]:
    """`n` (kind, raw) pairs in arrival order for a fresh store.

    Referrals are numbered in order, so the k-th one becomes case `<prefix>-CSPR-<year>-<k>`; replies and
    returns name a case opened earlier in the same backlog (a reference csprbot knows by then).
    """
    rng = random.Random(seed)
    year = now.astimezone(dt.UTC).year
    cases = 0
    for i in range(n):
        r = rng.random()
        if cases == 0 or r < mix.referrals:
            cases += 1
            yield "referral", referral(now, seed * 1000 + cases, extra_kb)
        elif r < mix.referrals + mix.replies:
            yield "reply", command_reply(f"{prefix}-CSPR-{year}-{rng.randint(1, cases):03d}", now, i)
        elif r < mix.referrals + mix.replies + mix.returns:
            yield "agency_return", agency_return(f"{prefix}-CSPR-{year}-{rng.randint(1, cases):03d}", now)
        else:
            yield "auto_reply", auto_reply(now)
