"""The composition root: config, store, calendar, mail adapters and clock wired together; no globals."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.settings import Settings

if TYPE_CHECKING:
    # Imported where used: a read-only command (`csprbot cases`) needs neither the rules, the
    # templates, the bank-holiday calendar nor the email parser, and their imports are start-up time.
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from bot.apply import Runtime
    from bot.mail.base import Inbox, Sender
    from bot.workdays import WorkCalendar

log = logging.getLogger("csprbot")


def make_calendar(settings: Settings) -> WorkCalendar:
    from bot.workdays import WorkCalendar

    c = settings.calendar
    return WorkCalendar(region=c.region, closure_days=c.closure_dates(), cutoff=c.cutoff, tz=c.timezone)


@dataclass
class App:
    settings: Settings
    clock: Clock
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    _engine: Engine | None = None
    _sessions: sessionmaker[Session] | None = None
    _inbox: Inbox | None = None
    _sender: Sender | None = None
    _cal: WorkCalendar | None = None
    _runner: Any = None
    _leading: bool = False
    started: datetime | None = None

    def __post_init__(self) -> None:
        if self.started is None:
            self.started = self.clock.now()

    # --- wiring ----------------------------------------------------------------------------
    @property
    def cal(self) -> WorkCalendar:
        if self._cal is None:
            self._cal = make_calendar(self.settings)
        return self._cal

    @property
    def engine(self) -> Engine:
        """The store's engine, schema at head (Alembic only when behind); no ORM loaded for it."""
        if self._engine is None:
            from bot.store.db import ensure_schema, make_engine

            self._engine = make_engine(self.settings.store.url)
            ensure_schema(self._engine)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from bot.store.db import session_factory

            self._sessions = session_factory(self.engine)
        return self._sessions

    def today(self) -> date:
        """The partnership's local date now, without building the working-day calendar."""
        return self.clock.now().astimezone(ZoneInfo(self.settings.calendar.timezone)).date()

    def runtime(self, now: datetime | None = None) -> Runtime:
        from bot.apply import Runtime

        return Runtime(self.settings, self.cal, now or self.clock.now())

    def mail_context(self) -> Any:
        from bot.mail.urls import MailContext
        from bot.store.repo import DbStateStore

        return MailContext(self.settings, DbStateStore(self.sessions),
                           inbox_password=self.env.get("CSPRBOT_INBOX_PASSWORD"),
                           sender_password=self.env.get("CSPRBOT_SENDER_PASSWORD"),
                           oauth_client_secret=self.env.get("CSPRBOT_OAUTH_CLIENT_SECRET"))

    @property
    def inbox(self) -> Inbox:
        if self._inbox is None:
            from bot.mail.urls import open_inbox

            self._inbox = open_inbox(self.settings.mail.inbox, self.mail_context())
        return self._inbox

    @property
    def sender(self) -> Sender:
        if self._sender is None:
            from bot.mail.urls import open_sender

            self._sender = open_sender(self.settings.mail.sender, self.mail_context())
        return self._sender

    def claim_runner(self) -> None:
        """`csprbot run`: on SQLite, refuse (AlreadyRunning) when another instance runs on the same file."""
        from bot.store.claims import SingleRunner

        _ = self.sessions
        assert self._engine is not None
        self._runner = SingleRunner(self._engine)
        self._runner.acquire()
        if self._runner.path is not None:
            from bot.store.claims import clear_claims

            clear_claims(self.sessions)  # SQLite: we are the only instance, so any claim is a dead one's

    def leads(self) -> bool:
        """Take or renew the sweep/digest leadership (a lease row with heartbeat): one leader at a time."""
        from bot.store.claims import LEADER, instance_name, try_lease

        leading = try_lease(self.sessions, LEADER, instance_name(), self.settings.store.lease_seconds)
        if leading != self._leading:
            log.info("leader: %s %s sweep, digest and retention", instance_name(),
                     "now runs" if leading else "no longer runs")
            self._leading = leading
        return leading

    def close(self) -> None:
        if self._leading and self._sessions is not None:
            from bot.store.claims import LEADER, instance_name, release_lease

            try:  # a clean stop hands the leadership over at once rather than after the lease runs out
                release_lease(self._sessions, LEADER, instance_name())
                log.info("leader: %s stepped down", instance_name())
            except Exception:
                log.debug("could not release the leadership", exc_info=True)
            self._leading = False
        if self._runner is not None:
            self._runner.release()
            self._runner = None
        for adapter in (self._inbox, self._sender):
            if adapter is not None:
                try:
                    adapter.close()
                except Exception:  # closing a dead connection must not hide the real error
                    log.debug("close failed", exc_info=True)
        if self._engine is not None:
            self._engine.dispose()

    # --- work --------------------------------------------------------------------------------
    def intake(self) -> list[Any]:
        from bot.intake import intake_pass, notice_summary
        from bot.strangers import stranger_summary

        outcomes = intake_pass(self.inbox, self.sessions, self.runtime(), received=self.received_time)
        notice_summary(self.sessions, self.runtime())
        stranger_summary(self.sessions, self.runtime())
        return outcomes

    def received_time(self, item: Any, now: datetime) -> datetime:
        """When the partnership's mail system took the message in: the adapter's receipt time (IMAP
        INTERNALDATE, EWS/Graph received time, Maildir delivery time), never the sender's Date: header, which
        anyone can back-date. Mail that waited while csprbot was down still counts from when it arrived, so a
        referral that arrived on Friday and was read on Monday is judged by Friday. A receipt time in the
        future (a skewed server clock) counts as now; with none at all, now."""
        received = getattr(item, "received_at", None)
        if not isinstance(received, datetime) or received.tzinfo is None:
            return now
        return min(received.astimezone(UTC), now)

    def sweep(self) -> int:
        from bot.sweep import sweep

        if not self.leads():
            return 0
        return sweep(self.sessions, self.runtime())

    def deliver(self) -> Any:
        from bot.outbox import deliver_due

        return deliver_due(self.sender, self.sessions, self.runtime())

    def digest_if_due(self) -> int:
        from bot.digest import send_digest_if_due

        if not self.leads():
            return 0
        return send_digest_if_due(self.sessions, self.runtime())

    def health(self) -> str | None:
        from bot.store.repo import DbStateStore
        from bot.watchdog import check_health

        assert self.started is not None
        return check_health(self.sessions, DbStateStore(self.sessions), self.runtime(), self.inbox.name,
                            self.started)

    def purge(self) -> dict[str, int]:
        from bot.retention import purge

        if not self.leads():
            return {}
        return purge(self.sessions, self.runtime())

    def run_once(self) -> dict[str, Any]:
        """One pass: intake, due clocks, digest when due, outbox, retention. What `run --once` does."""
        outcomes = self.intake()
        reminders = self.sweep()
        digests = self.digest_if_due()
        report = self.deliver()
        self.purge()
        return {"messages": len(outcomes), "reminders": reminders, "digests": digests, "sent": report.sent,
                "deferred": report.deferred, "parked": report.parked}

    def run_forever(self, state: Any) -> None:
        from bot.scheduler import run_scheduler

        run_scheduler(self, state)
