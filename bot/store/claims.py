"""Claims with leases, so several instances on one PostgreSQL never work the same thing at once.

A lease is a row (`leases`, or the outbox's claim columns) naming its holder and an expiry in wall-clock
UTC. Taking one is a single short write transaction that succeeds only when nobody holds it, its holder
is us, or the holder's lease ran out (the holder died): a crash still means "do it again", just later.
Leases use the real clock, never the app's pinned one (`run --now` pins dates, not liveness).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, case, delete, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from bot.store.models import Lease

log = logging.getLogger("csprbot.claims")
LEADER = "leader"

_INSTANCE = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def instance_name() -> str:
    """Who holds our claims: $CSPRBOT_INSTANCE (stable across restarts, so a restarted instance takes its
    own leases back at once), else host:pid:random (a restart waits for its predecessor's leases to run out)."""
    return os.environ.get("CSPRBOT_INSTANCE") or _INSTANCE


def wall_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def take_lease(s: Session, name: str, holder: str, seconds: float) -> bool:
    """Inside the caller's transaction: take or renew lease `name`; False when someone else holds it."""
    now = wall_now()
    values = {"name": name, "holder": holder, "acquired_at": now, "renewed_at": now,
              "expires_at": now + timedelta(seconds=seconds)}
    dialect = s.get_bind().dialect.name
    ins = pg_insert(Lease) if dialect == "postgresql" else sqlite_insert(Lease)
    if dialect not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"leases on {dialect}")
    stmt = ins.values(**values).on_conflict_do_update(
        index_elements=[Lease.name],
        set_={"holder": holder, "renewed_at": now, "expires_at": values["expires_at"],
              # a renewal keeps the time it was first taken; a takeover starts afresh
              "acquired_at": case((Lease.holder == holder, Lease.acquired_at), else_=now)},
        where=or_(Lease.holder == holder, Lease.expires_at < now),
    )
    s.execute(stmt)
    return s.scalar(select(Lease.holder).where(Lease.name == name)) == holder


def try_lease(sessions: sessionmaker[Session], name: str, holder: str, seconds: float) -> bool:
    with sessions.begin() as s:
        return take_lease(s, name, holder, seconds)


def drop_lease(s: Session, name: str, holder: str) -> None:
    s.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


def release_lease(sessions: sessionmaker[Session], name: str, holder: str) -> None:
    with sessions.begin() as s:
        drop_lease(s, name, holder)


def clear_claims(sessions: sessionmaker[Session]) -> None:
    """Forget every claim: only for the sole instance a database can have (SQLite under SingleRunner)."""
    from bot.store.models import OutboxItem

    with sessions.begin() as s:
        s.execute(delete(Lease))
        s.execute(update(OutboxItem).where(OutboxItem.claimed_by.is_not(None))
                  .values(claimed_by=None, claim_until=None))


def lease_of(s: Session, name: str) -> Lease | None:
    return s.get(Lease, name)


def sqlite_path(engine: Engine) -> Path | None:
    db = engine.url.database
    if engine.dialect.name != "sqlite" or not db or db == ":memory:":
        return None
    return Path(db).resolve()


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Two instances starting together must not both run the migrations: PostgreSQL takes a session
    advisory lock, SQLite a lock on a file beside the database."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                conn.commit()
        return
    path = sqlite_path(engine)
    if path is None:
        yield
        return
    with open(f"{path}.migrate.lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


MIGRATION_LOCK_KEY = 0x637370726D6967  # "csprmig": one fixed advisory-lock key for csprbot's migrations


class AlreadyRunning(RuntimeError):
    """A second `csprbot run` on the same SQLite file: refused, with what to do instead."""


class SingleRunner:
    """On SQLite only one `csprbot run` at a time: an exclusive lock on `<db>.run.lock`, held while it runs.

    SQLite has one writer and no row locks; two instances on one file only take turns and trip over each
    other's snapshots. Several instances are for PostgreSQL (docs/DEPLOY.md).
    """

    def __init__(self, engine: Engine) -> None:
        self.path = sqlite_path(engine)
        self._fh: object | None = None

    def acquire(self) -> None:
        if self.path is None or self._fh is not None:
            return
        fh = open(f"{self.path}.run.lock", "a+")  # noqa: SIM115 - held open for the life of the process
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            who = fh.read().strip() or "another process"
            fh.close()
            raise AlreadyRunning(
                f"another csprbot instance ({who}) is already running on the SQLite database {self.path}; "
                "SQLite allows one instance. To run several instances, use PostgreSQL "
                "(store.url / CSPRBOT_DATABASE_URL = postgresql+psycopg://...; see docs/DEPLOY.md)") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{instance_name()}\n")
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None:
            import io

            assert isinstance(fh, io.TextIOBase)
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()
