"""The crash soak: `csprbot run` on real Dovecot + SMTP + SQLite, SIGKILLed at random points while mail flows.

Used by tests/reliability/test_crash.py (CI size) and bench/crash_soak.py (any size). `run_crash_soak`
returns the measured figures and a list of problems (empty = every claim held):

* every inbound message processed exactly once: one `messages` row and one `mail_received` audit event per
  Message-ID, each in Processed or Quarantine exactly once, nothing left in INBOX;
* the state equals a crash-free oracle (the same mail through bot.intake.process_one in one process):
  cases, clocks, agency requests, message outcomes and every intake-caused outbox idempotency key;
* every clock's anchor, due date and state match an independent calculation (hand-typed bank holidays);
* no mail lost: every outbox row was delivered to the SMTP server at least once; nothing delivered that
  the outbox does not hold; a repeated Message-ID only in the one window SMTP cannot close (the server
  accepted, the bot died before recording it), i.e. the last delivery of an incarnation that was killed.
"""

from __future__ import annotations

import collections
import contextlib
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reliability_kit import (
    BOT_DOMAIN,
    EXPECTED_STAGE,
    LONDON,
    BotProcess,
    Workload,
    bot_env,
    build_workload,
    expected_clocks,
    header_msgid,
    query,
    sent_at,
    snapshot,
    write_profile,
)

from tests.servers.dovecot_server import DovecotServer
from tests.servers.smtp_sink import Received, SmtpSink

USER = "bot@example.test"
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)  # a Wednesday: working hours, after the digest time
INTAKE_MARK = " csprbot.intake: "


class KillingSink(SmtpSink):
    """An SMTP sink that notes which bot incarnation ("epoch") each delivery came in, and can SIGKILL the
    bot from inside the DATA handler after storing the k-th message of an epoch, before answering 250:
    the exact window in which the server has the mail and the bot has not recorded it as sent."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.epoch = 0
        self.deliveries: list[tuple[int, int, str]] = []  # (epoch, n-th in epoch, Message-ID)
        self._in_epoch = 0
        self._kill_at: int | None = None
        self._victim: int | None = None
        self.fired = False

    def new_epoch(self, victim: int, kill_at: int | None) -> None:
        with self._cond:
            self.epoch += 1
            self._in_epoch = 0
            self._victim, self._kill_at, self.fired = victim, kill_at, False

    def _store(self, rec: Received) -> None:
        with self._cond:
            super()._store(rec)
            self._in_epoch += 1
            assert rec.message is not None
            self.deliveries.append((self.epoch, self._in_epoch, str(rec.message["Message-ID"])))
            if self._kill_at is not None and self._in_epoch >= self._kill_at and self._victim:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._victim, signal.SIGKILL)
                self._kill_at, self.fired = None, True


@dataclass
class Kill:
    mode: str  # timer | intake | send
    fired: bool  # the trigger happened (else the fallback timer killed it)
    after_s: float
    intake_lines: int
    deliveries: int


@dataclass
class SoakResult:
    figures: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    kills: list[Kill] = field(default_factory=list)


def _scalar(db: Path, sql: str) -> int:
    try:
        return int(query(db, sql)[0][0])
    except sqlite3.OperationalError:  # not created yet
        return -1


def oracle(work: Path, profile: Path, w: Workload) -> Path:
    """The same mail through intake in one process with no crash: what the crashed run must equal."""
    from bot.app import App
    from bot.clock import FixedClock
    from bot.intake import process_one
    from bot.mail.base import InboundMail
    from bot.settings import load_settings

    db = work / "oracle.db"
    settings = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{db}"})
    app = App(settings, FixedClock(w.now), env={})
    try:
        rt = app.runtime()
        for i, (_mid, _what, raw) in enumerate(w.messages):
            process_one(InboundMail("oracle", f"oracle:{i}", raw, sent_at(raw)), app.sessions, rt, app.received_time)
    finally:
        app.close()
    return db


def _outcomes(db: Path) -> list[tuple[Any, ...]]:
    return query(db, "SELECT m.message_id, m.status, m.kind, c.ref, m.reason FROM messages m "
                     "LEFT JOIN cases c ON c.id = m.case_id ORDER BY m.message_id")


def _intake_keys(db: Path) -> set[str]:
    return {k for (k,) in query(db, "SELECT idem_key FROM outbox WHERE idem_key LIKE 'mid:%'")}


def _drain(dc: DovecotServer, sink: KillingSink, db: Path, profile: Path, env: dict[str, str], work: Path,
           args: list[str], n: int, timeout: float) -> str | None:
    """Run one incarnation until INBOX is empty, every message has its row, nothing is pending and the sink
    has been quiet for 2 s; then SIGTERM it. Returns a problem, or None."""
    bot = BotProcess(profile, env, work, args)
    sink.new_epoch(bot.pid, None)
    end = time.monotonic() + timeout
    stable_since, last = None, (-1, -1)
    state: tuple[int, int] = (-1, -1)
    seen: tuple[int, int] = (-1, -1)
    problem = None
    while True:
        state = (len(dc.uids(USER, "INBOX")), _scalar(db, "SELECT count(*) FROM outbox WHERE status = 'pending'"))
        seen = (_scalar(db, "SELECT count(*) FROM messages"), len(sink.deliveries))
        if state == (0, 0) and seen[0] == n:
            if seen != last:
                stable_since, last = time.monotonic(), seen
            elif stable_since is not None and time.monotonic() - stable_since > 2.0:
                break
        else:
            stable_since, last = None, seen
        if bot.proc.poll() is not None:
            problem = f"an incarnation exited by itself:\n{bot.tail()}"
            break
        if time.monotonic() > end:
            problem = f"not drained in {timeout}s: inbox/pending {state}, messages/deliveries {seen}\n{bot.tail()}"
            break
        time.sleep(0.2)
    rc = bot.stop()
    if rc != 0 and problem is None:
        problem = f"clean stop exit code {rc}:\n{bot.tail()}"
    return problem


def run_crash_soak(n_messages: int = 500, kills: int = 20, seed: int = 6, workdir: Path | None = None,
                   drain_timeout: float = 300.0, log: Any = print) -> SoakResult:
    from bot.render import message_id_for

    rng = random.Random(seed)
    started = time.monotonic()
    w = build_workload(n_messages, seed, NOW)
    own_tmp = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="crash-soak."))
    db = work / "csprbot.db"
    profile = write_profile(work / "profile.toml", {"poll_seconds": 2, "retry_base_seconds": 1,
                                                    "rate_cap_per_hour": 10**6})
    result = SoakResult({})
    problems = result.problems
    build_s = time.monotonic() - started
    # The crash-free oracle runs in a thread meanwhile: the bot under test is another process.
    oracle_out: dict[str, Any] = {}

    def run_oracle() -> None:
        t = time.monotonic()
        try:
            oracle_out["db"] = oracle(work, profile, w)
        except BaseException as exc:  # reported below, never lost in the thread
            oracle_out["error"] = exc
        oracle_out["seconds"] = time.monotonic() - t

    oracle_thread = threading.Thread(target=run_oracle, daemon=True)
    oracle_thread.start()
    with DovecotServer() as dc, KillingSink(auth={USER: "botpw"}) as sink:
        env = bot_env(CSPRBOT_INBOX_URL=dc.url(USER, tls="none"), CSPRBOT_SENDER_URL=sink.url(tls="none"),
                      CSPRBOT_INBOX_PASSWORD="botpw", CSPRBOT_SENDER_PASSWORD="botpw",
                      CSPRBOT_DATABASE_URL=f"sqlite:///{db}")
        args = ["--now", NOW.isoformat()]
        feeder = dc.client(USER, tls="none")
        per_chunk = -(-len(w.messages) // max(1, kills))
        chunks = [w.messages[i:i + per_chunk] for i in range(0, len(w.messages), per_chunk)]
        for epoch in range(kills):
            mode = rng.choice(("timer", "intake", "send"))
            bot = BotProcess(profile, env, work, args)
            sink.new_epoch(bot.pid, rng.randint(1, 6) if mode == "send" else None)
            t0 = time.monotonic()
            fired = threading.Event()
            if mode == "intake":
                k = rng.randint(1, 8)
                seen = [0]

                def on_line(line: str, k: int = k, seen: list[int] = seen, bot: BotProcess = bot,
                            fired: threading.Event = fired) -> None:
                    if INTAKE_MARK in line:
                        seen[0] += 1
                        if seen[0] == k:
                            with contextlib.suppress(ProcessLookupError):
                                os.kill(bot.pid, signal.SIGKILL)
                            fired.set()

                bot.watch(on_line)
            for _mid, _what, raw in chunks[epoch] if epoch < len(chunks) else []:
                feeder.append("INBOX", raw, msg_time=sent_at(raw))
            if mode == "timer":
                time.sleep(max(0.0, rng.uniform(0.4, 3.0) - (time.monotonic() - t0)))
                fired.set()
            else:
                deadline = t0 + (45 if mode == "send" else 20)  # sends follow a whole intake pass
                while time.monotonic() < deadline and bot.proc.poll() is None and not fired.is_set():
                    time.sleep(0.01)
                if mode == "send" and sink.fired:
                    fired.set()
            bot.kill()
            time.sleep(0.2)  # let the sink finish a DATA the dead bot had already sent
            with sink._cond:
                n_del = sum(1 for e, _, _ in sink.deliveries if e == sink.epoch)
            result.kills.append(Kill(mode, fired.is_set(), round(time.monotonic() - t0, 2),
                                     bot.count(INTAKE_MARK), n_del))
        kills_s = time.monotonic() - started
        for chunk in chunks[kills:]:
            for _mid, _what, raw in chunk:
                feeder.append("INBOX", raw, msg_time=sent_at(raw))
        feeder.logout()
        # The last incarnation runs until everything is done, then stops cleanly. A sweep that fires while
        # it stops can leave freshly queued mail pending: the next start sends it, so start again.
        for _attempt in range(3):
            problem = _drain(dc, sink, db, profile, env, work, args, len(w.messages), drain_timeout)
            if problem:
                problems.append(problem)
                break
            if _scalar(db, "SELECT count(*) FROM outbox WHERE status = 'pending'") == 0:
                break
        # --- the mailbox: each message handled exactly once ---------------------------------------
        inbox_left = len(dc.uids(USER, "INBOX"))
        folders = collections.Counter()
        for folder in ("Processed", "Quarantine"):
            for raw in dc.messages(USER, folder):
                folders[header_msgid(raw)] += 1
        deliveries = list(sink.deliveries)
    drain_s = time.monotonic() - started
    oracle_thread.join()
    if "error" in oracle_out:
        raise oracle_out["error"]
    oracle_db: Path = oracle_out["db"]
    wanted = [m for m, _, _ in w.messages]
    if inbox_left:
        problems.append(f"{inbox_left} message(s) left in INBOX")
    bad_folders = {m: folders[m] for m in wanted if folders[m] != 1}
    extra_folders = set(folders) - set(wanted)
    if bad_folders or extra_folders:
        problems.append(f"mailbox: not exactly once in Processed/Quarantine: {list(bad_folders.items())[:5]} "
                        f"extra {sorted(map(str, extra_folders))[:5]}")
    # --- the database: one row and one receipt each; state equals the crash-free oracle -----------
    rows = collections.Counter(m for (m,) in query(db, "SELECT message_id FROM messages"))
    bad_rows = {m: rows[m] for m in wanted if rows[m] != 1}
    if bad_rows or sum(rows.values()) != len(wanted):
        problems.append(f"messages table: {sum(rows.values())} rows for {len(wanted)} messages; "
                        f"not exactly one: {list(bad_rows.items())[:5]}")
    receipts = _scalar(db, "SELECT count(*) FROM events WHERE kind = 'mail_received'")
    if receipts != len(wanted):
        problems.append(f"{receipts} mail_received audit events for {len(wanted)} messages")
    got, want = snapshot(db), snapshot(oracle_db)
    for table in want:
        if got[table] != want[table]:
            diff = set(map(tuple, got[table])) ^ set(map(tuple, want[table]))
            problems.append(f"{table} differs from the crash-free oracle: {sorted(map(str, diff))[:4]}")
    if _outcomes(db) != _outcomes(oracle_db):
        diff = set(_outcomes(db)) ^ set(_outcomes(oracle_db))
        problems.append(f"message outcomes differ from the oracle: {sorted(map(str, diff))[:4]}")
    keys, oracle_keys = _intake_keys(db), _intake_keys(oracle_db)
    if keys != oracle_keys:
        problems.append(f"intake outbox keys differ from the oracle: missing {sorted(oracle_keys - keys)[:3]} "
                        f"extra {sorted(keys - oracle_keys)[:3]}")
    # --- clocks and stages, independently ----------------------------------------------------------
    exp = expected_clocks(w)
    clocks = {(ref, key, agency): (anchor, due, state) for ref, key, agency, anchor, due, _o, state, *_ in
              snapshot(db)["clocks"]}
    as_text = {k: (a.isoformat(), d.isoformat(), s) for k, (a, d, s) in exp.items()}
    wrong = {k: (clocks.get(k), as_text[k]) for k in as_text if clocks.get(k) != as_text[k]}
    unexpected = set(clocks) - set(as_text)
    if wrong or unexpected:
        problems.append(f"clocks differ from the independent calculation ({len(wrong)} wrong, "
                        f"{len(unexpected)} unexpected): {list(wrong.items())[:3]} {sorted(unexpected)[:3]}")
    stages = dict(query(db, "SELECT ref, stage FROM cases"))
    bad_stage = {c.ref: (stages.get(c.ref), EXPECTED_STAGE[c.kind]) for c in w.cases
                 if stages.get(c.ref) != EXPECTED_STAGE[c.kind]}
    if bad_stage or len(stages) != len(w.cases):
        problems.append(f"{len(stages)} cases for {len(w.cases)} referrals; wrong stages {list(bad_stage.items())[:3]}")
    # --- outbound mail: nothing lost, repeats only in the SMTP window -----------------------------
    outbox = query(db, "SELECT idem_key, status, kind FROM outbox")
    not_sent = [(k, s) for k, s, _ in outbox if s != "sent"]
    if not_sent:
        problems.append(f"{len(not_sent)} outbox item(s) not sent: {not_sent[:3]}")
    expected_ids = {message_id_for(k, BOT_DOMAIN): k for k, _, _ in outbox}
    delivered = collections.Counter(mid for _, _, mid in deliveries)
    lost = [expected_ids[m] for m in expected_ids if delivered[m] == 0]
    phantom = [m for m in delivered if m not in expected_ids]
    if lost:
        problems.append(f"{len(lost)} mail(s) LOST (in the outbox, never reached the server): {lost[:3]}")
    if phantom:
        problems.append(f"{len(phantom)} delivery(ies) the outbox does not hold: {phantom[:3]}")
    last_of_epoch: dict[int, int] = {}
    for e, n, _ in deliveries:
        last_of_epoch[e] = max(n, last_of_epoch.get(e, 0))
    killed_epochs = set(range(1, kills + 1))
    dup_ids = {m for m, c in delivered.items() if c > 1}
    outside = []
    for m in dup_ids:
        copies = [(e, n) for e, n, mid in deliveries if mid == m]
        for e, n in copies[:-1]:  # every copy but the last must have been the last act of a killed bot
            if not (e in killed_epochs and n == last_of_epoch[e]):
                outside.append((m, e, n))
    if outside:
        problems.append(f"{len(outside)} repeat(s) OUTSIDE the SMTP window (bug): {outside[:3]}")
    by_kind = collections.Counter(kind for _, _, kind in outbox)
    result.figures = {
        "seed": seed, "messages": len(wanted), "cases": len(w.cases), "kills": len(result.kills),
        "kills_by_mode": dict(collections.Counter(k.mode for k in result.kills)),
        "kills_triggered": sum(k.fired for k in result.kills),
        "kills_mid_intake": sum(1 for k in result.kills if k.mode == "intake" and k.fired),
        "kills_mid_send": sum(1 for k in result.kills if k.mode == "send" and k.fired),
        "restarts": len(result.kills) + 1,
        "processed_exactly_once": len(wanted) - len(bad_rows) if not bad_folders else None,
        "outbox_items": len(outbox), "outbox_by_kind": dict(by_kind), "deliveries": len(deliveries),
        "lost": len(lost), "duplicate_deliveries": sum(c - 1 for c in delivered.values() if c > 1),
        "duplicates_outside_window": len(outside), "clocks_checked": len(as_text),
        "clocks_wrong": len(wrong) + len(unexpected), "oracle_seconds": round(oracle_out["seconds"], 1),
        "phase_seconds": {"build": round(build_s, 1), "kills": round(kills_s, 1), "drain": round(drain_s, 1)},
        "elapsed_seconds": round(time.monotonic() - started, 1),
    }
    log(f"crash soak: {result.figures}")
    if own_tmp and not problems:
        shutil.rmtree(work, ignore_errors=True)
    else:
        log(f"crash soak: kept {work} for inspection")
    return result
