"""Helpers for the reliability suite and bench/crash_soak.py: realistic mail, a killable `csprbot run`, figures.

Everything here is test scaffolding: it drives csprbot from the outside (subprocess, IMAP, SMTP, the SQLite
file) and computes what should have happened independently of bot/ (dates via the hand-typed calendar of
tests/e2e/replay.py, not bot/workdays.py).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import itertools
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")
BOT_DOMAIN = "nsscp.example.gov.uk"

ROLE = {
    "coordinator": "nsscp.coordinator@nsscp.example.gov.uk",
    "service_leader": "service.leader.qa@nsscp.example.gov.uk",
    "assistant_director": "ad.support.safeguarding@nsscp.example.gov.uk",
    "director": "director.people@nsscp.example.gov.uk",
    "subgroup_chair": "cspr.subgroup.chair@nsscp.example.gov.uk",
    "education_lead": "education.dsl@schools.example.gov.uk",
    "police_lead": "police.safeguarding.lead@avon.example.pnn.police.uk",
}
REFERRER = "sam.example@csc.example.gov.uk"


# --- the independent calendar (hand-typed bank holidays, day-by-day counting) -----------------------

@functools.lru_cache(maxsize=1)
def _replay_module() -> Any:
    spec = importlib.util.spec_from_file_location("e2e_replay_for_reliability", ROOT / "tests/e2e/replay.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def independent_calendar(closures: set[date] | None = None) -> Any:
    """tests/e2e/replay.py's IndependentCalendar: `.add(d, n)` and `.is_wd(d)`, not bot/workdays.py."""
    return _replay_module().IndependentCalendar(closures)


def received_date(sent_local: datetime, cal: Any, cutoff: dtime = dtime(17, 0)) -> date:
    """DOMAIN.md: mail after the cut-off (strictly later), or on a day that is not a WD, counts from the next WD."""
    d = sent_local.date()
    if sent_local.time() > cutoff or not cal.is_wd(d):
        return cal.add(d, 1)  # type: ignore[no-any-return]
    return d


# --- mail as it arrives --------------------------------------------------------------------------

@dataclass(frozen=True)
class Child:
    """Who a generated referral is about: every value must stay out of subjects, chasers and digests."""

    name: str = "Alex Fictional"
    dob: date = date(2019, 3, 14)
    address: str = "1 Nowhere Lane, Exampletown, ZZ1 1ZZ"
    carer: str = "Jo Fictional (mother)"
    family: tuple[tuple[str, str, date, str], ...] = (
        ("Jo Fictional", "Mother", date(1994, 7, 2), "1 Nowhere Lane, Exampletown"),
        ("Chris Madeup", "Mother's partner", date(1990, 11, 19), "1 Nowhere Lane, Exampletown"),
    )

    def identifiers(self) -> list[str]:
        """Strings that identify the child or family, as they could appear in any rendering."""
        out = [self.name, self.address, self.carer.split(" (")[0]]
        out += [self.dob.strftime("%d/%m/%Y"), self.dob.isoformat()]
        for name, _rel, dob, addr in self.family:
            out += [name, addr, dob.strftime("%d/%m/%Y"), dob.isoformat()]
        return out


def _uk(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def docx_replace(data: bytes, swaps: dict[str, str]) -> bytes:
    """Rewrite text inside every XML part of a .docx (longest originals first): a filled form in ~1 ms,
    where python-docx's load/save takes ~50 ms."""
    from xml.sax.saxutils import escape

    pairs = sorted(((escape(a).encode(), escape(b).encode()) for a, b in swaps.items()), key=lambda p: -len(p[0]))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info)
            if info.filename.endswith(".xml"):
                for a, b in pairs:
                    part = part.replace(a, b)
            z.writestr(info, part)
    return out.getvalue()


_BASE_INCIDENT, _BASE_SUBMITTED = date(2000, 1, 3), date(2000, 1, 4)


@functools.lru_cache(maxsize=1)
def _base_referral_docx() -> bytes:
    from bot.demo import referral_docx as demo_docx

    return demo_docx(_BASE_INCIDENT, _BASE_SUBMITTED)


def referral_docx(incident: date, submitted: date, child: Child = Child()) -> bytes:
    """bot.demo's Appendix 2 Word form with these dates and this child's details in its cells."""
    base = Child()
    swap = {_uk(_BASE_INCIDENT): _uk(incident), _uk(_BASE_SUBMITTED): _uk(submitted),
            base.name: child.name, _uk(base.dob): _uk(child.dob), base.address: child.address,
            base.carer: child.carer, "Alex was brought": f"{child.name.split()[0]} was brought"}
    for (n0, r0, d0, a0), (n1, r1, d1, a1) in zip(base.family, child.family, strict=True):
        swap.update({n0: n1, r0: r1, _uk(d0): _uk(d1), a0: a1})
    return docx_replace(_base_referral_docx(), swap)


FIRST = ("Aiden", "Bea", "Caleb", "Dara", "Esme", "Finn", "Gaia", "Hugo", "Isla", "Jude", "Kira", "Luca")
LAST = ("Ashdown", "Brackley", "Corrin", "Dunmore", "Elstow", "Fenwick", "Garside", "Holloway", "Inchley")


def child_for(k: int, rng: random.Random) -> Child:
    """A distinct child per k < 14,040. Children k and k + 1 below 12 share a surname (so may look like one
    family): step k by 13 for another first name and surname each."""
    k, a = divmod(k, len(FIRST))
    k, b = divmod(k, len(LAST))
    k, c = divmod(k, len(FIRST) + 1)
    d = k % (len(LAST) + 1)
    first = FIRST[a] + (f" {FIRST[c - 1]}" if c else "")
    last = LAST[b] + (f"-{LAST[d - 1]}" if d else "")
    dob = date(2012, 1, 1) + timedelta(days=rng.randint(0, 4000))
    street = f"{rng.randint(2, 998)} {rng.choice(['Mill', 'Church', 'Station', 'Quarry'])} Road, Exampletown"
    mother = (f"{rng.choice(FIRST)} {last}", "Mother", date(1980, 1, 1) + timedelta(days=rng.randint(0, 6000)), street)
    other = (f"{rng.choice(FIRST)} {rng.choice(LAST)}quist", "Mother's partner",
             date(1975, 1, 1) + timedelta(days=rng.randint(0, 7000)), street)
    return Child(f"{first} {last}", dob, f"{street}, ZZ9 {b}QQ", f"{mother[0]} (mother)", (mother, other))


def referral(msgid: str, sent: datetime, incident: date, docx: bytes | None = None, child: Child = Child()) -> bytes:
    """The demo's North Somerset Appendix 2 referral (a Word form), with our Message-ID and Date."""
    m = EmailMessage()
    m["From"] = f"Sam Example <{REFERRER}>"
    m["To"] = ROLE["coordinator"]
    m["Subject"] = "CSPR referral - please see attached (SECURE)"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = msgid
    m.set_content("Hello,\n\nPlease find attached a referral for a Child Safeguarding Practice Review.\n\n"
                  "Kind regards\nSam Example\nSenior Social Worker, Children's Social Care\n")
    data = docx if docx is not None else referral_docx(incident, sent.astimezone(LONDON).date(), child)
    m.add_attachment(data, maintype="application",
                     subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename="CSPR referral form.docx")
    return m.as_bytes()


def reply(sender: str, ref: str, body: str, sent: datetime, msgid: str, display: str = "",
          auth: str | None = None, attachment: tuple[str, bytes] | None = None) -> bytes:
    m = EmailMessage()
    if auth:
        m["Authentication-Results"] = auth
    m["From"] = f'"{display}" <{sender}>' if display else sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = f"RE: [{ref}] New CSPR referral"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = msgid
    m.set_content(body + "\n\n> earlier message quoted here\n")
    if attachment:
        m.add_attachment(attachment[1], maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename=attachment[0])
    return m.as_bytes()


_PLACEHOLDER_REF = "NS-CSPR-2999-999"


@functools.lru_cache(maxsize=16)
def _filled_return_base(agency: str, involved: str, author: str, email_addr: str) -> bytes:
    from tests.e2e.replay import fill_return_form

    return fill_return_form(_PLACEHOLDER_REF, agency, involved, author, email_addr, completed="17/11/2026")


def filled_return(ref: str, agency: str, involved: str = "No", author: str = "Lee Specimen",
                  email_addr: str = ROLE["education_lead"]) -> bytes:
    """Our own request form, filled in the way an agency lead would in Word (as tests/e2e/test_workflow.py)."""
    return docx_replace(_filled_return_base(agency, involved, author, email_addr), {_PLACEHOLDER_REF: ref})


def agency_return(ref: str, agency: str, sender: str, sent: datetime, msgid: str, auth: str | None = None) -> bytes:
    return reply(sender, ref, "Please find our return attached.", sent, msgid, auth=auth,
                 attachment=("agency return.docx", filled_return(ref, agency, "No", "Lee Specimen", sender)))


def auto_reply(sender: str, sent: datetime, msgid: str, ref: str = "NS-CSPR-2026-001") -> bytes:
    m = EmailMessage()
    m["From"] = f"Out of office <{sender}>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = f"Automatic reply: [{ref}] Reminder"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = msgid
    m["Auto-Submitted"] = "auto-replied"
    m["X-Auto-Response-Suppress"] = "All"
    m.set_content("I am out of the office until Monday with limited access to email.\n")
    return m.as_bytes()


def junk(sender: str, sent: datetime, msgid: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "Lunch on Friday?"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = msgid
    m.set_content("Are you free for lunch on Friday? The usual place.\n")
    return m.as_bytes()


# --- a workload: cases with scripted follow-ups, and what each must end as --------------------------

@dataclass
class CaseScript:
    ref: str
    kind: str  # A: referral only; B: rapid review + return + SIN; C: extend + no rapid review; D: refused + disagree
    sent: datetime  # the referral's Date (aware, London)
    incident: date
    child: Child = Child()


@dataclass
class Workload:
    now: datetime  # the pinned clock (aware, London)
    messages: list[tuple[str, str, bytes]]  # (Message-ID, what, raw) in arrival order
    cases: list[CaseScript]
    extended_to: dict[str, date] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()


def build_workload(n_messages: int, seed: int, now: datetime, year: int = 2026) -> Workload:
    """About 77% case mail (referrals and their scripted replies/returns), the rest auto-replies and junk.

    Case k's reference is NS-CSPR-<year>-<k+1>: intake takes mail oldest first and every referral here
    opens a case, so the k-th referral in arrival order gets sequence k+1.
    """
    rng = random.Random(seed)
    cal = independent_calendar()
    today = now.date()
    per_case = {"A": 1, "B": 4, "C": 3, "D": 3}
    n_cases = max(1, round(n_messages * 0.77 / 2.75))
    cases: list[CaseScript] = []
    extended: dict[str, date] = {}
    # Referred 85 minutes to 25 days ago, at any hour 07:00-21:59 (so some after the 17:00 cut-off, some at
    # weekends). csprbot handles each pass in receipt order, so the k-th referral must also be the k-th
    # received (its case number is k+1): the times are drawn, then handed out in order.
    sents: list[datetime] = []
    for _k in range(n_cases):
        day = today - timedelta(days=rng.randint(0, 25))
        sent = datetime.combine(day, dtime(rng.randint(7, 21), rng.randint(0, 59)), LONDON)
        if sent > now - timedelta(minutes=85):  # before every reply (they arrive in the last 80 minutes)
            sent = now - timedelta(minutes=85 + rng.randint(0, 50))
        sents.append(sent)
    for k, sent in enumerate(sorted(sents)):
        incident = sent.date() - timedelta(days=rng.randint(0, 3))  # 0-3 days before it was sent
        cases.append(CaseScript(f"NS-CSPR-{year}-{k + 1:03d}", "ABCD"[k % 4], sent, incident, child_for(k, rng)))
    counter = iter(range(10**9))

    def mid(what: str) -> str:
        return f"<{what}.{seed}.{next(counter)}@crash.example>"

    # Replies arrive on the pinned day in the last 80 minutes before `now`, each no earlier than the one made
    # before it: a case's replies are received in the order its script sends them (a pass handles mail in
    # receipt order; with times drawn at random a DECISION could be received after the return it asked for).
    step = timedelta(seconds=79 * 60 / max(n_messages, 1))
    replies = itertools.count()

    def morning() -> datetime:
        return now - timedelta(minutes=80) + step * next(replies)

    case_stream: list[tuple[str, str, bytes]] = []
    for block in range(0, n_cases, 10):
        group = cases[block:block + 10]
        for c in group:
            m = mid("referral")
            case_stream.append((m, f"referral {c.ref}", referral(m, c.sent, c.incident, child=c.child)))
        follow: list[list[tuple[str, str, bytes]]] = []
        for c in group:
            steps: list[tuple[str, str, bytes]] = []
            if c.kind == "B":
                m1, m2, m3 = mid("decision"), mid("return"), mid("notified")
                steps += [
                    (m1, f"decision {c.ref}", reply(ROLE["subgroup_chair"], c.ref,
                     "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police", morning(), m1)),
                    (m2, f"return {c.ref}", agency_return(c.ref, "Education", ROLE["education_lead"], morning(), m2)),
                    (m3, f"notified {c.ref}", reply(ROLE["service_leader"], c.ref, f"NOTIFIED: {today.isoformat()}",
                                                    morning(), m3)),
                ]
            elif c.kind == "C":
                new_due = cal.add(cal.add(c.incident, 5), 3)
                extended[c.ref] = new_due
                m1, m2 = mid("extend"), mid("norr")
                steps += [
                    (m1, f"extend {c.ref}", reply(ROLE["coordinator"], c.ref,
                     f"EXTEND screening: {new_due.isoformat()} sub-group cannot meet", morning(), m1)),
                    (m2, f"no-rr {c.ref}", reply(ROLE["coordinator"], c.ref,
                     "DECISION: NO RAPID REVIEW criteria not met", morning(), m2)),
                ]
            elif c.kind == "D":
                m1, m2 = mid("wrongrole"), mid("disagree")
                steps += [
                    (m1, f"wrong-role {c.ref}", reply(ROLE["director"], c.ref, "CLOSE: not needed", morning(), m1)),
                    (m2, f"disagree {c.ref}", reply(REFERRER, c.ref, "DISAGREE: criteria met in our view",
                                                    morning(), m2)),
                ]
            follow.append(steps)
        # Round-robin the follow-ups: each case keeps its own order, cases interleave.
        for i in range(max(len(s) for s in follow)):
            for steps in follow:
                if i < len(steps):
                    case_stream.append(steps[i])
    assert sum(per_case[c.kind] for c in cases) == len(case_stream)
    noise: list[tuple[str, str, bytes]] = []
    while len(case_stream) + len(noise) < n_messages:
        m = mid("noise")
        when = now - timedelta(seconds=rng.uniform(60, 80 * 60))  # among the replies
        if rng.random() < 0.85:
            noise.append((m, "auto-reply", auto_reply(ROLE["director"], when, m)))
        else:
            noise.append((m, "junk", junk("friend@example.org", when, m)))
    # In receipt order: csprbot handles each pass in that order, the oracles in list order, and the feeders
    # append in list order; the sort is stable, so mail of one second keeps its list (append, UID) order.
    stream = sorted(case_stream + noise, key=lambda item: sent_at(item[2]) or now)
    return Workload(now, stream[:max(n_messages, len(case_stream))], cases, extended)


def expected_clocks(w: Workload) -> dict[tuple[str, str, str], tuple[date, date, str]]:
    """(ref, clock, agency) -> (anchor, due, state), computed with the independent calendar."""
    cal = independent_calendar()
    today = w.today
    out: dict[tuple[str, str, str], tuple[date, date, str]] = {}
    for c in w.cases:
        out[(c.ref, "referral", "")] = (c.incident, cal.add(c.incident, 1), "met")
        screening_due = w.extended_to.get(c.ref, cal.add(c.incident, 5))
        out[(c.ref, "screening", "")] = (c.incident, screening_due, "running" if c.kind in "AD" else "met")
        # The referrer is the council's own children's social care (process.la_childrens_services): the LA
        # was aware on the incident day, so the statutory notification clock counts from it.
        out[(c.ref, "notification", "")] = (c.incident, cal.add(c.incident, 5),
                                            {"A": "running", "B": "met", "C": "stopped", "D": "running"}[c.kind])
        if c.kind == "B":
            out[(c.ref, "rr_start", "")] = (today, cal.add(today, 5), "met")
            out[(c.ref, "agency_return", "Education")] = (today, cal.add(today, 10), "met")
            out[(c.ref, "agency_return", "Avon and Somerset Police")] = (today, cal.add(today, 10), "running")
            out[(c.ref, "rr_submission", "")] = (today, cal.add(today, 15), "running")
        if c.kind == "D":
            out[(c.ref, "disagreement", "")] = (today, cal.add(today, 2), "running")
    return out


EXPECTED_STAGE = {"A": "screening", "B": "rapid_review", "C": "closed", "D": "disputed"}


# --- profiles and the bot as a subprocess -------------------------------------------------------------

def write_profile(path: Path, mail: dict[str, Any] | None = None, top: str = "") -> Path:
    """config/example.toml with `[mail]` keys replaced/added (values as TOML literals) and `top` prepended."""
    text = (ROOT / "config/example.toml").read_text()
    head, mail_section = text.split("[mail]\n", 1)
    body, rest = mail_section.split("\n[store]", 1)
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    keys = {ln.split("=", 1)[0].strip(): ln for ln in lines}
    for k, v in (mail or {}).items():
        keys[k] = f"{k} = {v}"
    new = top + head + "[mail]\n" + "\n".join(keys.values()) + "\n\n[store]" + rest
    path.write_text(new)
    return path


def bot_env(**urls: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
    env.update(urls)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class BotProcess:
    """`csprbot --config PROFILE run [ARGS]` in a subprocess; stderr collected line by line.

    `watch(fn)` registers a callback run on every log line in the reader thread (e.g. to SIGKILL the bot
    the instant it logs something): no polling delay between the event and the kill."""

    def __init__(self, profile: Path, env: dict[str, str], cwd: Path, args: Iterable[str] = ()) -> None:
        self.lines: list[str] = []
        self._watchers: list[Callable[[str], None]] = []
        self._lock = threading.Lock()
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "--config", str(profile), "run", *args],
                                     cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._lock:
                self.lines.append(line)
                watchers = list(self._watchers)
            for w in watchers:
                w(line)

    def watch(self, fn: Callable[[str], None]) -> None:
        with self._lock:
            self._watchers.append(fn)

    def count(self, needle: str) -> int:
        with self._lock:
            return sum(1 for x in self.lines if needle in x)

    def wait_log(self, needle: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.count(needle):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"no {needle!r} in log:\n{self.tail()}")

    def tail(self, n: int = 40) -> str:
        with self._lock:
            return "".join(self.lines[-n:])

    def kill(self) -> None:
        """SIGKILL: no handler runs, no transaction finishes, nothing is flushed."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(5)

    def stop(self, timeout: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        rc = self.proc.wait(timeout)
        self._reader.join(5)
        return rc


# --- the database, read from outside ---------------------------------------------------------------

def as_written(db: Path | str, detail: str) -> dict[str, Any]:
    """An event's detail (JSON text, as `query` gives it) as written: with the typed text its `personal_values` row
    holds put back while the row is held (bot/store/personal.py; the log itself keeps it masked)."""
    from bot.domain.typed import restore

    d = json.loads(detail)
    ref = d.get("personal")
    if not isinstance(ref, int):
        return dict(d)
    held = query(db, 'SELECT "values" FROM personal_values WHERE id = ?', (ref,))
    return restore(d, json.loads(held[0][0]) if held else None)


def query(db: Path | str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """A short read on its own connection (WAL: never blocks the bot's writer). `db` is a SQLite file, or a
    PostgreSQL URL: then values come back as SQLite would give them (ISO text dates, 0/1, JSON text), so a
    PostgreSQL run compares equal to a SQLite oracle."""
    if isinstance(db, str) and db.startswith(("postgresql", "postgres:")):
        import psycopg

        with psycopg.connect("postgresql://" + db.split("://", 1)[1]) as pg:
            rows = pg.execute(sql.replace("?", "%s"), params).fetchall()  # type: ignore[arg-type]
        return [tuple(_as_sqlite(v) for v in row) for row in rows]
    con = sqlite3.connect(str(db).removeprefix("sqlite:///"), timeout=30)
    try:
        return list(con.execute(sql, params))
    finally:
        con.close()


def _as_sqlite(v: Any) -> Any:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict | list):
        return json.dumps(v)
    if isinstance(v, memoryview):
        return bytes(v)
    return v


class MaildirWorld:
    """A csprbot of its own for one generated example: config/example.toml with a Maildir inbox and outbox
    under `root`, the database at `url`, both set in the environment the in-process CLI reads."""

    def __init__(self, root: Path, url: str, monkeypatch: Any) -> None:
        root.mkdir(parents=True)
        self.root, self.url = root, url
        self.profile = write_profile(root / "profile.toml", {"inbox": f'"maildir:{root}/inbox"',
                                                              "sender": f'"maildir:{root}/outbox"'})
        monkeypatch.setenv("CSPRBOT_DATABASE_URL", url)
        monkeypatch.setenv("CSPRBOT_CACHE_DIR", str(root / "cache"))


def fresh_worlds(build: Callable[[Path, str], Any], tmp_path: Path, db_backend: str,
                 request: Any) -> Iterator[Callable[[], Any]]:
    """The body of a `worlds` fixture: yields a maker of fresh worlds, each `build(its folder, its database URL)`
    on a database of its own (a new SQLite file, or a new database on the session's PostgreSQL server, dropped
    at teardown), so each generated example starts from nothing."""
    n = itertools.count()
    made: list[str] = []

    def make() -> Any:
        i = next(n)
        if db_backend == "sqlite":
            url = f"sqlite:///{tmp_path}/w{i}.db"
        else:
            url = request.getfixturevalue("pg_server").create_database()
            made.append(url)
        return build(tmp_path / f"w{i}", url)

    yield make
    if made:
        pg = request.getfixturevalue("pg_server")
        for url in made:
            pg.drop_database(url)


def snapshot(db: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """The case state a forged or replayed mail must never change, by case reference (not row ids)."""
    return {
        "cases": query(db, "SELECT ref, stage, incident_date, received_date, referrer_email, late_referral, "
                           "closed_reason FROM cases ORDER BY ref"),
        "clocks": query(db, "SELECT c.ref, k.key, k.agency, k.anchor, k.due, k.original_due, k.state, k.stopped_on, "
                            "k.stop_reason, k.extension_reason FROM clocks k JOIN cases c ON c.id = k.case_id "
                            "ORDER BY c.ref, k.key, k.agency"),
        "agency_requests": query(db, "SELECT c.ref, a.agency, a.requested_on, a.received_on, a.involved, "
                                     "a.unsolicited, a.late FROM agency_requests a JOIN cases c ON c.id = a.case_id "
                                     "ORDER BY c.ref, a.agency"),
    }


# --- figures ------------------------------------------------------------------------------------------

def record_figures(test: str, **values: Any) -> None:
    """Print the figures a test measured and append them to $CSPRBOT_RELIABILITY_FIGURES (JSON lines)."""
    line = json.dumps({"test": test, **values}, default=str)
    print(f"\nFIGURES {line}")
    target = os.environ.get("CSPRBOT_RELIABILITY_FIGURES")
    if target:
        with open(target, "a") as fh:
            fh.write(line + "\n")


def sent_at(raw: bytes) -> datetime | None:
    """The Date: of a generated message: the test's stand-in for when the MTA delivered it (csprbot's clocks
    count from the mailbox's receipt time, so a simulation delivers each mail at the time it was 'sent')."""
    from email.parser import BytesHeaderParser
    from email.policy import default
    from email.utils import parsedate_to_datetime

    value = BytesHeaderParser(policy=default).parsebytes(raw).get("Date")
    try:
        return parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError):
        return None


def deliver_sent(path: Path, raw: bytes) -> str:
    """Maildir delivery at the message's own Date: (see sent_at)."""
    from bot.mail.maildir import deliver

    name = deliver(path, raw)
    when = sent_at(raw)
    if when is not None:  # the delivery time is the file's mtime (a rename into cur/ keeps it)
        os.utime(path / "new" / name, (when.timestamp(), when.timestamp()))
    return name


MSGID_RE = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


def header_msgid(raw: bytes) -> str | None:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    m = MSGID_RE.search(head)
    return m.group(1).decode() if m else None


@contextlib.contextmanager
def bot_app(tmp: Path, template: Path) -> Iterator[Any]:
    """An App on a copy of a migrated SQLite template (the `template_db` fixture), Maildir in and out, the clock
    fixed at 2026-11-10 10:00 London: the privacy tests' world."""
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    shutil.copy(template, tmp / "csprbot.db")
    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                  "sender": f'"maildir:{tmp}/outbox"'})
    settings = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    app = App(settings, FixedClock(datetime(2026, 11, 10, 10, tzinfo=LONDON)), env={})
    try:
        yield app
    finally:
        app.close()


@functools.cache
def _example_calendar() -> Any:
    from bot.app import make_calendar
    from bot.settings import load_settings

    return make_calendar(load_settings(None, env={}))


def working_day_from(d: date, after: date | None = None) -> date:
    """The first day on or after `d` (and after `after`) that is a working day of the example profile, closure days
    included: an EXTEND to any other day is moved to the next working day (README, EXTEND), so a test that only
    wants the command applied asks for a date that stays as typed."""
    cal = _example_calendar()
    if after is not None and d <= after:
        d = after + timedelta(days=1)
    while not cal.is_working_day(d):
        d += timedelta(days=1)
    return d
