"""Claims with leases, on SQLite and PostgreSQL: two instances never work one message, mail or timer pass.

Two "instances" here are two threads with their own engines and instance names against one database:
the same races as two processes, but each step can be forced into the worst order.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot import intake, outbox
from bot.app import App, make_calendar
from bot.apply import Runtime
from bot.clock import FixedClock
from bot.intake import Outcome, process_one
from bot.mail.base import InboundMail
from bot.settings import Settings, load_settings
from bot.store import claims
from bot.store.claims import AlreadyRunning, SingleRunner, take_lease, try_lease
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Event, Lease, Message, OutboxItem
from tests.reliability.reliability_kit import LONDON, build_workload

NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)


@pytest.fixture
def cfg(database_url: str) -> Settings:
    return load_settings(None, env={"CSPRBOT_DATABASE_URL": database_url})


@pytest.fixture
def sessions(cfg: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(cfg.store.url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


def expire(sessions: sessionmaker[Session], name: str) -> None:
    """The holder died long ago: its lease has run out."""
    with sessions.begin() as s:
        s.execute(update(Lease).where(Lease.name == name).values(expires_at=claims.wall_now() - timedelta(seconds=1)))


def test_a_lease_is_exclusive_renewable_and_taken_over_only_when_expired(sessions: sessionmaker[Session]) -> None:
    assert try_lease(sessions, "leader", "a", 60)
    assert not try_lease(sessions, "leader", "b", 60)
    assert try_lease(sessions, "leader", "a", 60)  # renewal by its holder
    with sessions() as s:
        first = s.get(Lease, "leader")
        assert first is not None and first.holder == "a"
    expire(sessions, "leader")
    assert try_lease(sessions, "leader", "b", 60)
    assert not try_lease(sessions, "leader", "a", 60)
    claims.release_lease(sessions, "leader", "a")  # not a's: releasing it does nothing
    assert not try_lease(sessions, "leader", "a", 60)
    claims.release_lease(sessions, "leader", "b")
    assert try_lease(sessions, "leader", "a", 60)


def test_leases_race_one_winner_per_name(sessions: sessionmaker[Session], cfg: Settings) -> None:
    """Eight threads, own engines, 30 names: every name has exactly one holder at the end."""
    won: list[tuple[str, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def contender(k: int) -> None:
        engine = make_engine(cfg.store.url)
        mine = session_factory(engine)
        barrier.wait()
        try:
            for n in range(30):
                for _ in range(20):
                    try:
                        got = try_lease(mine, f"in:{n}", f"i{k}", 60)
                        break
                    except OperationalError:  # SQLite: the other writer holds the file; try again
                        continue
                if got:
                    with lock:
                        won.append((f"in:{n}", f"i{k}"))
        finally:
            engine.dispose()

    threads = [threading.Thread(target=contender, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    per_name = Counter(name for name, _ in won)
    assert sorted(per_name) == sorted(f"in:{n}" for n in range(30)) and set(per_name.values()) == {1}
    with sessions() as s:
        held = dict(s.execute(select(Lease.name, Lease.holder)).all())
    assert held == dict(won)


def _inbound(n: int, seed: int = 3) -> list[InboundMail]:
    w = build_workload(n, seed, NOW)
    return [InboundMail("INBOX", f"1:{i}", raw) for i, (_mid, _what, raw) in enumerate(w.messages)]


def test_a_message_claimed_by_another_instance_is_left_alone_until_its_lease_runs_out(
        sessions: sessionmaker[Session], cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    item = _inbound(1)[0]
    rt = Runtime(cfg, make_calendar(cfg), NOW)
    key, _ = intake.dedupe_key(item.raw, intake.read_headers(item.raw).message_id)
    assert try_lease(sessions, f"in:{key}", "other-instance", 60)
    assert process_one(item, sessions, rt).status == "busy"
    with sessions() as s:
        assert s.scalar(select(Message.id)) is None  # not worked, not marked
    expire(sessions, f"in:{key}")  # the other instance died mid-message
    done = process_one(item, sessions, rt)
    assert done.status in ("processed", "ignored", "quarantined") and done.status != "busy"
    with sessions() as s:
        assert s.scalar(select(Lease.name).where(Lease.name == f"in:{key}")) is None  # dropped with the commit
    assert process_one(item, sessions, rt).status == "duplicate"


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_a_unique_key_conflict_is_a_duplicate_never_an_internal_error(
        seed: int, sessions: sessionmaker[Session], cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loser of a race past the claim (its lease ran out under it) meets the winner's committed row:
    it must report a duplicate, leave the winner's row as it was, and tell nobody."""
    items = _inbound(6, seed)
    rt = Runtime(cfg, make_calendar(cfg), NOW)
    real_new_row = intake._new_row
    winner: dict[str, Outcome] = {}
    after_winner: list[tuple[object, ...]] = []

    def racing_new_row(s: Session, *a: object, **kw: object) -> Message:
        # Just before our insert, "another instance" commits the same message (a lease that ran out).
        item = a[1]
        assert isinstance(item, InboundMail)
        if item.source_id not in winner:
            monkeypatch.setattr(intake, "_new_row", real_new_row)
            monkeypatch.setattr(intake, "try_lease", lambda *a, **k: True)
            winner[item.source_id] = process_one(item, sessions, rt)
            after_winner.append(_state(sessions))
            monkeypatch.setattr(intake, "_new_row", racing_new_row)
        return real_new_row(s, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(intake, "_new_row", racing_new_row)
    for item in items:
        with sessions() as s:
            if s.scalar(select(Message.id).where(Message.source_id == item.source_id)):
                continue
        got = process_one(item, sessions, rt)
        assert got.status == "duplicate" and got.detail == winner[item.source_id].status
        assert _state(sessions) == after_winner[-1]  # the loser changed nothing: no quarantine, no triage mail
    monkeypatch.setattr(intake, "_new_row", real_new_row)
    with sessions() as s:
        reasons = s.scalars(select(Message.reason).where(Message.reason.is_not(None))).all()
    assert not [r for r in reasons if r and "internal error" in r]


def _state(sessions: sessionmaker[Session]) -> tuple[object, ...]:
    with sessions() as s:
        return (s.execute(select(Message.id, Message.status, Message.reason).order_by(Message.id)).all(),
                s.scalars(select(OutboxItem.idem_key).order_by(OutboxItem.id)).all(),
                s.scalar(select(Event.id).order_by(Event.id.desc()).limit(1)))


def _twin_intake(cfg: Settings, items: list[InboundMail], names: tuple[str, str],
                 monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Outcome]]:
    """Both instances take the whole batch (in opposite orders), each keeps going until nothing is busy."""
    current = threading.local()
    monkeypatch.setattr(intake, "instance_name", lambda: current.name)
    results: dict[str, list[Outcome]] = {n: [] for n in names}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def instance(name: str, order: list[InboundMail]) -> None:
        current.name = name
        engine = make_engine(cfg.store.url)
        mine = session_factory(engine)
        rt = Runtime(cfg, make_calendar(cfg), NOW)
        barrier.wait()
        try:
            todo = list(order)
            for _round in range(200):
                left = []
                for item in todo:
                    try:
                        out = process_one(item, mine, rt)
                    except OperationalError:  # SQLite's single writer: a transient, as in the loop
                        left.append(item)
                        continue
                    results[name].append(out)
                    if out.status == "busy":
                        left.append(item)
                todo = left
                if not todo:
                    break
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=instance, args=(names[0], items)),
               threading.Thread(target=instance, args=(names[1], items[::-1]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_two_instances_on_one_batch_process_each_message_once(
        sessions: sessionmaker[Session], cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    items = _inbound(24)
    results = _twin_intake(cfg, items, ("a", "b"), monkeypatch)
    worked = [o for outs in results.values() for o in outs if o.status not in ("busy", "duplicate")]
    assert len(worked) == len(items)  # each message worked by exactly one instance
    with sessions() as s:
        rows = Counter(s.scalars(select(Message.source_id)).all())
        received = s.scalar(select(Event.id).where(Event.kind == "mail_received").limit(1))
        n_received = len(s.scalars(select(Event.id).where(Event.kind == "mail_received")).all())
        seqs = s.scalars(select(Case.seq).order_by(Case.seq)).all()
        reasons = [r for r in s.scalars(select(Message.reason)) if r]
        held = s.scalars(select(Lease.name)).all()
    assert received is not None and n_received == len(items)
    assert set(rows.values()) == {1} and len(rows) == len(items)
    assert list(seqs) == list(range(1, len(seqs) + 1))  # case numbers never collide nor skip
    assert not [r for r in reasons if "internal error" in r]
    assert held == []  # every claim dropped with its commit


class RecordingSender:
    name = "recording"

    def __init__(self) -> None:
        self.sent: list[str] = []
        self._lock = threading.Lock()

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        with self._lock:
            self.sent.append(idem_key)

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_two_instances_delivering_at_once_send_each_mail_once(
        sessions: sessionmaker[Session], cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    rt = Runtime(cfg, make_calendar(cfg), NOW)
    for item in _inbound(20):
        process_one(item, sessions, rt)
    with sessions() as s:
        pending = set(s.scalars(select(OutboxItem.idem_key).where(OutboxItem.status == "pending")))
    assert len(pending) > 20
    current = threading.local()
    monkeypatch.setattr(outbox, "instance_name", lambda: current.name)
    monkeypatch.setattr(outbox, "CLAIM_BATCH", 3)  # many small claims: the most chances to overlap
    sender = RecordingSender()
    barrier = threading.Barrier(2)

    def instance(name: str) -> None:
        current.name = name
        engine = make_engine(cfg.store.url)
        mine = session_factory(engine)
        barrier.wait()
        try:
            for _ in range(100):
                try:
                    outbox.deliver_due(sender, mine, rt)
                except OperationalError:
                    continue
                with mine() as s:
                    if not s.scalar(select(OutboxItem.id).where(OutboxItem.status == "pending").limit(1)):
                        break
        finally:
            engine.dispose()

    threads = [threading.Thread(target=instance, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Counter(sender.sent) == Counter(pending)  # every one, once
    with sessions() as s:
        assert not s.scalars(select(OutboxItem.id).where(OutboxItem.claimed_by.is_not(None))).all()


def test_an_expired_outbox_claim_is_taken_over_and_a_live_one_is_not(sessions: sessionmaker[Session],
                                                                    cfg: Settings) -> None:
    rt = Runtime(cfg, make_calendar(cfg), NOW)
    for item in _inbound(3):
        process_one(item, sessions, rt)
    ids = outbox.claim_due(sessions, rt, "dead-instance", 100)
    assert ids
    assert outbox.claim_due(sessions, rt, "me", 100) == []  # all held
    sender = RecordingSender()
    assert outbox.deliver_due(sender, sessions, rt).sent == 0 and sender.sent == []
    with sessions.begin() as s:
        s.execute(update(OutboxItem).values(claim_until=claims.wall_now() - timedelta(seconds=1)))
    assert outbox.deliver_due(sender, sessions, rt).sent == len(ids)


def test_only_one_app_leads_the_sweep_and_digest(cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = App(cfg, FixedClock(NOW), env={}), App(cfg, FixedClock(NOW), env={})
    try:
        monkeypatch.setenv("CSPRBOT_INSTANCE", "host-a")
        assert a.leads()
        monkeypatch.setenv("CSPRBOT_INSTANCE", "host-b")
        assert not b.leads() and b.sweep() == 0 and b.digest_if_due() == 0
        monkeypatch.setenv("CSPRBOT_INSTANCE", "host-a")
        a.close()  # a clean stop steps down at once
        monkeypatch.setenv("CSPRBOT_INSTANCE", "host-b")
        assert b.leads()
    finally:
        b.close()


def test_two_first_starts_migrate_once_under_the_lock(db_backend: str, tmp_path: Path,
                                                      request: pytest.FixtureRequest) -> None:
    url = (f"sqlite:///{tmp_path}/race.db" if db_backend == "sqlite"
           else request.getfixturevalue("pg_server").create_database(migrated=False))
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def start() -> None:
        engine = make_engine(url)
        barrier.wait()
        try:
            migrate(engine)
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            from sqlalchemy import text

            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
            assert conn.execute(text("SELECT count(*) FROM leases")).scalar() == 0
    finally:
        engine.dispose()


def test_a_second_instance_on_one_sqlite_file_refuses_to_start_and_says_why(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/one.db")
    first, second = SingleRunner(engine), SingleRunner(engine)
    first.acquire()
    with pytest.raises(AlreadyRunning) as err:
        second.acquire()
    assert "PostgreSQL" in str(err.value) and str(tmp_path / "one.db") in str(err.value)
    first.release()
    second.acquire()  # the first stopped: now it may
    second.release()
    engine.dispose()


def test_take_lease_inside_a_transaction_rolls_back_with_it(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError), sessions.begin() as s:
        assert take_lease(s, "x", "a", 60)
        raise RuntimeError("the work failed")
    assert try_lease(sessions, "x", "b", 60)


def test_the_claim_is_held_until_the_message_has_left_the_inbox(sessions: sessionmaker[Session], cfg: Settings) -> None:
    """Else a second instance, finding the message done, moves it at the same moment: two copies."""
    items = _inbound(5)
    rt = Runtime(cfg, make_calendar(cfg), NOW)
    held_at_ack: list[bool] = []

    class Inbox:
        name = "INBOX"

        def fetch(self, limit: int) -> Iterator[InboundMail]:
            yield from items

        def acknowledge(self, item: InboundMail) -> None:
            with sessions() as s:
                held_at_ack.append(s.get(Lease, intake.claim_name(item)) is not None)
            # meanwhile another instance finds it claimed and leaves it alone
            assert not try_lease(sessions, intake.claim_name(item), "other-instance", 60)

        def quarantine(self, item: InboundMail, reason: str) -> None:
            self.acknowledge(item)

    outcomes = intake.intake_pass(Inbox(), sessions, rt)  # type: ignore[arg-type]
    assert [o.status for o in outcomes if o.status == "busy"] == [] and held_at_ack == [True] * len(items)
    with sessions() as s:
        assert s.scalars(select(Lease.name)).all() == []  # released once moved
