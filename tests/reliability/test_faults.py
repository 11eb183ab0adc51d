"""Faults: the mail server, the SMTP server, the database and the disk fail under a running csprbot.

Each fault must lose nothing, do nothing twice, and be visible to an operator (a log line, and where the
bot can still write, the digest or a triage mail). Already covered elsewhere and not repeated here:
Dovecot restarted or crashed mid-IDLE (tests/integration/test_imap.py::test_dovecot_restart_mid_idle_*,
tests/integration/test_live_loop.py), SMTP classification of 4xx/5xx/no STARTTLS (test_smtp.py).
"""

from __future__ import annotations

import collections
import contextlib
import errno
import random
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from reliability_kit import (
    LONDON,
    ROLE,
    BotProcess,
    auto_reply,
    bot_env,
    child_for,
    header_msgid,
    query,
    record_figures,
    referral,
    reply,
    write_profile,
)

from tests.servers import ImapBox, raw_message, require_dovecot
from tests.servers.dovecot_server import DovecotServer
from tests.servers.smtp_sink import SmtpSink

USER = "bot@example.test"
_rng = random.Random(66)


def wait_until(cond: Callable[[], bool], timeout: float, what: str, bot: BotProcess | None = None) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if cond():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout}s\n{bot.tail() if bot else ''}")


# --- 1. Dovecot dies while a FETCH response is streaming (adapter level, exact timing) ---------------

@pytest.mark.servers
def test_dovecot_killed_mid_fetch_response_loses_nothing_and_moves_each_once() -> None:
    require_dovecot()
    from bot.mail.imap import Backoff

    with DovecotServer() as dc:
        box = ImapBox.create(dc)
        big = raw_message("large referral", body="A" * (24 * 1024 * 1024) + "\r\n")  # ~24 MB literal
        small = [raw_message(f"backlog {i}") for i in range(150)]  # two FETCH batches (100 each)
        for raw in [small[0], big, *small[1:]]:
            box.append(raw)
        inbox = box.inbox(tls="none", backoff=Backoff(base=0.1))
        in_fetch, fetch_returned, killed = threading.Event(), threading.Event(), threading.Event()
        mid_fetch: list[bool] = []
        real_bodies = inbox._bodies

        def bodies(*a: Any, **kw: Any) -> Any:  # marks the FETCH round trip, to prove where the kill landed
            in_fetch.set()
            try:
                return real_bodies(*a, **kw)
            finally:
                fetch_returned.set()

        inbox._bodies = bodies  # type: ignore[method-assign]

        def crash_soon() -> None:
            in_fetch.wait(30)
            time.sleep(0.01)  # the first batch's FETCH (with the 24 MB literal) is on the wire
            mid_fetch.append(not fetch_returned.is_set())
            dc.stop(sig=signal.SIGKILL)
            dc.start()
            killed.set()

        got: list[bytes] = []
        errors: list[str] = []
        threading.Thread(target=crash_soon, daemon=True).start()
        try:
            for item in inbox.fetch(500):
                got.append(item.raw)
                inbox.acknowledge(item)
        except Exception as exc:  # a TransientMailError is allowed: the next pass carries on
            errors.append(f"{type(exc).__name__}: {exc}")
        assert killed.wait(30)
        for _ in range(5):  # what the intake loop does: fetch again until nothing waits
            items = list(inbox.fetch(500))
            if not items:
                break
            for item in items:
                got.append(item.raw)
                inbox.acknowledge(item)
        box.close()
        want = [small[0], big, *small[1:]]
        processed = collections.Counter(box.messages(box.processed))
        assert box.uids() == []
        assert sorted(processed.values()) == [1] * len(want) and set(processed) == set(want)
        # Read again after the crash is allowed (intake dedupes); lost or moved twice is not.
        reread = len(got) - len(set(got))
        assert mid_fetch == [True], "the kill did not land inside the FETCH"
        record_figures("fault_imap_mid_fetch", messages=len(want), lost=0, moved_twice=0, killed_mid_fetch=True,
                       reads_repeated=reread, error_seen=errors[:1])


# --- 2. csprbot run through an IMAP restart mid-backlog, SMTP down / 4xx / 5xx, a locked database ----

@pytest.fixture()
def live() -> Iterator[dict[str, Any]]:
    require_dovecot()
    with tempfile.TemporaryDirectory(prefix="faults.") as tmp, DovecotServer() as dc, \
            SmtpSink(auth={USER: "botpw"}) as sink:
        work = Path(tmp)
        # 40 genuine referrals from one agency's referrer in a backlog: not a flood test (no ration, no rate cap)
        profile = write_profile(work / "profile.toml", {"poll_seconds": 1, "retry_base_seconds": 0.5,
                                                        "rate_cap_per_hour": 10**6,
                                                        "agency_domain_referrals_routed": 10**6})
        env = bot_env(CSPRBOT_INBOX_URL=dc.url(USER, tls="none"), CSPRBOT_SENDER_URL=sink.url(tls="none"),
                      CSPRBOT_INBOX_PASSWORD="botpw", CSPRBOT_SENDER_PASSWORD="botpw",
                      CSPRBOT_DATABASE_URL=f"sqlite:///{work}/csprbot.db")
        yield {"dc": dc, "sink": sink, "work": work, "profile": profile, "env": env, "db": work / "csprbot.db"}


@pytest.mark.servers
@pytest.mark.slow
def test_live_bot_survives_imap_restart_smtp_outage_4xx_5xx_and_a_locked_database(live: dict[str, Any]) -> None:
    dc: DovecotServer = live["dc"]
    sink: SmtpSink = live["sink"]
    db: Path = live["db"]
    now = datetime.now(UTC).astimezone(LONDON)
    seq = iter(range(10**6))
    appended: list[str] = []

    def new_referral() -> bytes:
        k = next(seq)
        mid = f"<fault-ref.{k}@faults.example>"
        appended.append(mid)
        # incident today: never a late referral whatever the weekday, so exactly 7 routed + 1 ack each
        return referral(mid, now - timedelta(minutes=5), now.date(), child=child_for(k, _rng))

    def new_noise() -> bytes:
        mid = f"<fault-ooo.{next(seq)}@faults.example>"
        appended.append(mid)
        return auto_reply(ROLE["director"], now - timedelta(minutes=5), mid)

    def pending() -> int:
        return int(query(db, "SELECT count(*) FROM outbox WHERE status = 'pending'")[0][0])

    def handled() -> int:
        return int(query(db, "SELECT count(*) FROM messages")[0][0])

    figures: dict[str, Any] = {}
    # Phase 1: a backlog of 120 (40 Word referrals); Dovecot restarts while the bot works through it.
    client = dc.client(USER, tls="none")
    for i in range(120):
        client.append("INBOX", new_referral() if i % 3 == 0 else new_noise())
    bot = BotProcess(live["profile"], live["env"], live["work"])
    try:
        wait_until(lambda: bot.count(" csprbot.intake: ") >= 15, 60, "intake under way", bot)
        dc.restart()
        client = dc.client(USER, tls="none")
        wait_until(lambda: handled() == 120 and not dc.uids(USER, "INBOX") and pending() == 0, 120,
                   "backlog drained after the restart", bot)
        figures["imap_restart_mid_backlog"] = {"messages": 120, "reconnected": bot.count("connection lost") > 0}

        # Phase 2: SMTP down, then answering 451 at DATA; mail waits in the outbox and goes out later.
        before = len(sink.messages)
        sink.stop()
        for _ in range(3):
            client.append("INBOX", new_referral())
        wait_until(lambda: bot.count("send deferred") >= 1, 30, "a deferred send logged", bot)
        wait_until(lambda: handled() == 123, 30, "referrals committed while SMTP is down", bot)
        assert pending() >= 3 * 8  # seven routed + one acknowledgement each, all waiting (+ a digest if due)
        assert query(db, "SELECT count(*) FROM outbox WHERE status = 'pending' AND last_error LIKE '%connect%'")[0][0]
        sink.data_reply = "451 4.3.0 Temporary local problem, try later"
        sink.start()
        deferred = bot.count("send deferred")
        wait_until(lambda: bot.count("send deferred") >= deferred + 2, 30, "451 answers deferred", bot)
        assert "451" in bot.tail(200)
        attempts = int(query(db, "SELECT max(attempts) FROM outbox WHERE status = 'pending'")[0][0])
        sink.data_reply = None
        t = wait_until(lambda: pending() == 0, 60, "delivered once the server recovers", bot)
        figures["smtp_outage_then_4xx"] = {"queued": 21, "max_attempts": attempts, "delivered_after_s": round(t, 1),
                                           "deferrals_logged": bot.count("send deferred")}
        assert len(sink.messages) - before >= 21

        # Phase 3: a 5xx for one recipient: parked, the co-ordinator told, nothing else held up.
        ref = query(db, "SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.message_id = ?",
                    (appended[-1],))[0][0]
        sink.rcpt_replies[ROLE["police_lead"]] = "550 5.1.1 <police.safeguarding.lead>: mailbox unavailable"
        mid = f"<fault-decision.{next(seq)}@faults.example>"
        appended.append(mid)
        client.append("INBOX", reply(ROLE["subgroup_chair"], ref, "DECISION: RAPID REVIEW\nAGENCIES: Education, "
                                     "Avon and Somerset Police", now - timedelta(minutes=1), mid))
        wait_until(lambda: query(db, "SELECT count(*) FROM outbox WHERE status = 'parked'")[0][0] == 1, 30,
                   "the refused request parked", bot)
        wait_until(lambda: pending() == 0, 30, "the rest delivered", bot)
        triage = [r for r in sink.messages if r.message and r.message["X-CSPRBOT-Kind"] == "triage"
                  and "could not be delivered" in r.data.decode(errors="replace")]
        assert len(triage) == 1 and triage[0].rcpt_tos == [ROLE["coordinator"]]
        assert "550 5.1.1" in triage[0].data.decode(errors="replace")
        assert bot.count("send refused permanently, parked") == 1
        del sink.rcpt_replies[ROLE["police_lead"]]
        figures["smtp_5xx"] = {"parked": 1, "coordinator_told": len(triage), "log_lines": 1}

        # Phase 4: another process holds the database's write lock longer than the busy timeout (10 s).
        lock = sqlite3.connect(str(db), timeout=30, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            for _ in range(2):
                client.append("INBOX", new_referral())
            wait_until(lambda: bot.count("database is locked") >= 1, 40, "the lock reported in the log", bot)
            assert len(dc.uids(USER, "INBOX")) == 2  # left in the inbox, not lost, not half-done
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        t = wait_until(lambda: handled() == len(appended) and not dc.uids(USER, "INBOX") and pending() == 0, 60,
                       "processed once the lock is gone", bot)
        figures["db_locked"] = {"held_s": "> busy_timeout (10 s)", "left_in_inbox": 2, "processed_after_s": round(t, 1),
                                "log_lines": bot.count("database is locked")}
        digest = subprocess.run([*_cli(live), "digest"], capture_output=True, text=True, env=live["env"],
                                cwd=live["work"], timeout=60)
        assert "PARKED OUTBOX ITEMS (1)" in digest.stdout and ROLE["police_lead"] in digest.stdout
    finally:
        rc = bot.stop()
    assert rc == 0, bot.tail()
    # Whatever happened above: each message once in Processed/Quarantine, each outbox mail delivered once.
    client.logout()
    folders = collections.Counter(header_msgid(r) for f in ("Processed", "Quarantine") for r in dc.messages(USER, f))
    assert dc.uids(USER, "INBOX") == []
    assert set(folders) == set(appended) and set(folders.values()) == {1}
    rows = collections.Counter(m for (m,) in query(db, "SELECT message_id FROM messages"))
    assert set(rows) == set(appended) and set(rows.values()) == {1}
    from bot.render import message_id_for

    sent = {message_id_for(k, "nsscp.example.gov.uk") for (k,) in query(db, "SELECT idem_key FROM outbox "
                                                                            "WHERE status = 'sent'")}
    delivered = collections.Counter(str(r.message["Message-ID"]) for r in sink.messages if r.message)
    assert set(delivered) == sent, "lost or unexpected mail"
    dups = {m: c for m, c in delivered.items() if c > 1}
    assert dups == {}
    figures.update(messages=len(appended), lost=0, duplicated=len(dups), outbox_sent=len(sent))
    record_figures("fault_live", **figures)


def _cli(live: dict[str, Any]) -> list[str]:
    import sys

    return [sys.executable, "-m", "bot.cli", "--config", str(live["profile"])]


# --- 3. the database is full -------------------------------------------------------------------------

def _app(tmp: Path, max_pages: int | None) -> Any:
    """An App on a Maildir inbox/outbox whose SQLite connections may not grow past `max_pages` pages."""
    from sqlalchemy import event

    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings
    from bot.store.db import make_engine, migrate, session_factory

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"'})
    settings = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    app = App(settings, FixedClock(datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)), env={})
    engine = make_engine(settings.store.url)
    migrate(engine)
    limit = {"pages": max_pages}

    @event.listens_for(engine, "connect")
    def _cap(dbapi_conn: Any, _rec: Any) -> None:
        if limit["pages"]:
            dbapi_conn.execute(f"PRAGMA max_page_count = {limit['pages']}")

    engine.dispose()  # reconnect with the cap
    app._engine, app._sessions = engine, session_factory(engine)
    app.limit = limit  # type: ignore[attr-defined]
    return app


def test_database_full_leaves_mail_in_the_inbox_and_says_so(tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    from reliability_kit import deliver_sent as deliver
    from sqlalchemy.exc import OperationalError

    from bot.scheduler import LoopState, run_scheduler

    app = _app(tmp_path, None)
    pages = int(query(tmp_path / "csprbot.db", "PRAGMA page_count")[0][0])
    app.limit["pages"] = pages + 2  # room for almost nothing: a Word referral needs far more
    app._engine.dispose()
    now = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)
    mids = [f"<full.{i}@faults.example>" for i in range(3)]
    for i, mid in enumerate(mids):
        deliver(tmp_path / "inbox", referral(mid, now, now.date() - timedelta(days=1), child=child_for(i, _rng)))
    with pytest.raises(OperationalError, match="full"):
        app.intake()
    assert len(list((tmp_path / "inbox/new").iterdir())) == 3  # nothing acknowledged, nothing lost
    # The long-running loop keeps going and logs it for the operator.
    state = LoopState()
    caplog.set_level("WARNING")
    loop = threading.Thread(target=run_scheduler, args=(app, state), daemon=True)
    loop.start()
    wait_until(lambda: "database or disk is full" in caplog.text, 20, "the full database logged")
    assert "intake will retry" in caplog.text
    app.limit["pages"] = None  # the operator frees space
    app._engine.dispose()
    wait_until(lambda: not list((tmp_path / "inbox/new").iterdir()), 30, "processed once there is room")
    state.stopping = True
    loop.join(30)
    rows = query(tmp_path / "csprbot.db", "SELECT message_id, status FROM messages ORDER BY id")
    assert sorted(r[0] for r in rows) == sorted(mids) and {r[1] for r in rows} == {"processed"}
    app.close()
    record_figures("fault_db_full", messages=3, lost=0, duplicated=0, left_in_inbox_while_full=3,
                   log_line="intake will retry ... database or disk is full")


# --- 4. the outbound Maildir spool is full ----------------------------------------------------------

def test_full_maildir_spool_defers_sends_and_delivers_each_once_later(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    import bot.mail.maildir as maildir

    app = _app(tmp_path, None)
    now = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)
    maildir.deliver(tmp_path / "inbox", referral("<spool.1@faults.example>", now, now.date() - timedelta(days=1)))
    real = maildir.deliver

    def no_space(path: Path, raw: bytes, name: str | None = None) -> str:
        if path == tmp_path / "outbox":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, raw, name)

    monkeypatch.setattr(maildir, "deliver", no_space)
    caplog.set_level("WARNING")
    app.intake()
    report = app.deliver()
    assert report.sent == 0 and report.deferred == 1
    assert "send deferred" in caplog.text and "No space left on device" in caplog.text
    rows = query(tmp_path / "csprbot.db", "SELECT status, last_error FROM outbox")
    assert {s for s, _ in rows} == {"pending"} and any("No space" in (e or "") for _, e in rows)
    monkeypatch.setattr(maildir, "deliver", real)
    later = app.runtime(now + timedelta(hours=2))
    from bot.outbox import deliver_due

    report = deliver_due(app.sender, app.sessions, later)
    assert report.sent == len(rows) == 8  # seven routed + the acknowledgement
    files = list((tmp_path / "outbox/new").iterdir())
    assert len(files) == 8  # one file per idempotency key
    assert deliver_due(app.sender, app.sessions, later).sent == 0
    app.close()
    record_figures("fault_spool_full", queued=8, lost=0, duplicated=0, log_line="send deferred ... No space left")


# --- 5. a real full disk (tmpfs) under `csprbot run`: database and outbound spool --------------------

@contextlib.contextmanager
def small_tmpfs(size: str) -> Iterator[Path]:
    mnt = Path(tempfile.mkdtemp(prefix="csprbot-full."))
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
                            capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    if not ok:
        shutil.rmtree(mnt, ignore_errors=True)
        pytest.skip("cannot mount a tmpfs here (needs root): the in-process database-full and spool-full "
                    "tests above cover the same code paths")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)
        shutil.rmtree(mnt, ignore_errors=True)


def _fill(path: Path) -> None:
    # Unbuffered: a buffered file would raise ENOSPC again when closed, outside the suppress.
    with open(path, "wb", buffering=0) as fh, contextlib.suppress(OSError):
        while True:
            fh.write(b"\0" * 65536)
            fh.flush()


@pytest.mark.slow
def test_real_disk_full_under_csprbot_run(tmp_path: Path) -> None:
    """The database on one small tmpfs, the outbound spool on another: each fills up in turn."""
    with small_tmpfs("24m") as var, small_tmpfs("2m") as spool:
        inbox = tmp_path / "inbox"
        profile = write_profile(tmp_path / "profile.toml", {
            "inbox": f'"maildir:{inbox}"', "sender": f'"maildir:{spool}/outbox"', "poll_seconds": 0.5,
            "retry_base_seconds": 0.5})
        env = bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{var}/csprbot.db")
        from reliability_kit import deliver_sent as deliver

        from bot.mail.maildir import ensure_maildir

        ensure_maildir(inbox)
        now = datetime.now(UTC).astimezone(LONDON)

        def sent() -> int:
            return len(list((spool / "outbox/new").glob("*")))

        def new_referral(k: int) -> bytes:
            # k * 13: another first name and surname each (child_for(0..11) share a surname, and one family on
            # one incident date is triaged as perhaps the same incident: one more mail than this test counts)
            return referral(f"<disk.{k}@faults.example>", now, now.date(), child=child_for(k * 13, _rng))

        bot = BotProcess(profile, env, tmp_path)
        try:
            bot.wait_log("csprbot watching", 30)
            deliver(inbox, new_referral(0))
            wait_until(lambda: sent() == 8, 30, "first referral routed", bot)
            # The database's disk fills up: the next referral cannot be committed, so it stays in the inbox.
            _fill(var / "filler")
            deliver(inbox, new_referral(1))
            wait_until(lambda: bot.count("database or disk is full") >= 1, 60, "full database logged", bot)
            assert len(list((inbox / "new").iterdir())) == 1
            (var / "filler").unlink()  # the operator frees space
            wait_until(lambda: sent() == 16, 60, "second referral routed", bot)
            assert not list((inbox / "new").iterdir())
            # The spool's disk fills up: the case is committed, its mail waits in the outbox.
            _fill(spool / "filler")
            deliver(inbox, new_referral(2))
            wait_until(lambda: bot.count("No space left on device") >= 1, 60, "full spool logged", bot)
            wait_until(lambda: not list((inbox / "new").iterdir()), 30, "third referral committed", bot)
            assert sent() == 16
            (spool / "filler").unlink()
            wait_until(lambda: sent() == 24, 60, "third referral routed once there is room", bot)
        finally:
            rc = bot.stop()
        assert rc == 0, bot.tail()
        rows = query(var / "csprbot.db", "SELECT message_id, status FROM messages ORDER BY message_id")
        assert rows == [(f"<disk.{k}@faults.example>", "processed") for k in range(3)]
        assert query(var / "csprbot.db", "SELECT count(*), count(DISTINCT idem_key) FROM outbox "
                                         "WHERE status = 'sent'")[0] == (24, 24)
        assert not list((spool / "outbox/tmp").iterdir()), "half-written spool files left behind"
        db_line = next(x for x in bot.lines if "database or disk is full" in x)
        spool_line = next(x for x in bot.lines if "No space left on device" in x)
        record_figures("fault_disk_full_tmpfs", messages=3, lost=0, duplicated=0,
                       db_log_line=db_line.strip()[24:150], spool_log_line=spool_line.strip()[24:150])
