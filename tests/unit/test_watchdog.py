"""Mailbox health: logged every check, the co-ordinator told once per incident."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.app import make_calendar
from bot.apply import Runtime
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import OutboxItem
from bot.store.repo import DbStateStore
from bot.watchdog import check_health

BOX = "imap:bot@mail.example.gov.uk/INBOX"


def test_stale_mailbox_alerts_once_per_incident(tmp_path: Path, database_url: str) -> None:
    settings = load_settings(None, env={})
    engine = make_engine(database_url)
    migrate(engine)
    sessions = session_factory(engine)
    state = DbStateStore(sessions)
    t0 = datetime(2026, 4, 7, 9, 0, tzinfo=UTC)

    def at(minutes: int) -> Runtime:
        return Runtime(settings, make_calendar(settings), t0 + timedelta(minutes=minutes))

    def triage() -> list[str]:
        with sessions() as s:
            return list(s.scalars(select(OutboxItem.recipient).where(OutboxItem.kind == "triage")))

    state.set_state(BOX, "last_check", t0.isoformat())
    assert check_health(sessions, state, at(5), BOX, started=t0) is None
    # Nothing for 20 minutes (limit 15): loud, and the co-ordinator gets one mail.
    problem = check_health(sessions, state, at(20), BOX, started=t0)
    assert problem and "last checked 20 min ago" in problem
    assert triage() == ["nsscp.coordinator@nsscp.example.gov.uk"]
    assert check_health(sessions, state, at(21), BOX, started=t0)
    assert len(triage()) == 1  # once per incident, not every minute
    # It recovers, then the token starts failing: a new incident, a new mail.
    state.set_state(BOX, "last_check", at(30).now.isoformat())
    assert check_health(sessions, state, at(31), BOX, started=t0) is None
    state.set_state(BOX, "last_error", "token refused: AADSTS7000215 invalid client secret")
    problem = check_health(sessions, state, at(32), BOX, started=t0)
    assert problem and "AADSTS7000215" in problem
    assert len(triage()) == 2
    # A local Maildir has no server: never reported.
    assert check_health(sessions, state, at(60), "maildir:var/mail/inbox", started=t0) is None
    engine.dispose()


def test_grace_period_after_start(tmp_path: Path, database_url: str) -> None:
    settings = load_settings(None, env={})
    engine = make_engine(database_url)
    migrate(engine)
    sessions = session_factory(engine)
    now = datetime(2026, 4, 7, 9, 0, tzinfo=UTC)
    rt = Runtime(settings, make_calendar(settings), now)
    # Never checked yet, but csprbot started a minute ago: no alarm.
    assert check_health(sessions, DbStateStore(sessions), rt, BOX, started=now - timedelta(minutes=1)) is None
    engine.dispose()
