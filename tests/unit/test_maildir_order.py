"""The Maildir inbox hands its batch out in delivery-time order, the name only breaking ties (issue #10, round 14).

Generated batches named as the two delivery agents csprbot meets name them, with random arrival times and counters:
Dovecot's `T.M<usec>P<pid>.host,S=<size>` in new/ (unpadded microseconds) and an mbsync sync batch's
`T.<pid>_<n>.host,U=<uid>:2,` in cur/ (one time prefix for the batch, an unpadded counter). Checked through the
real adapter: `fetch` order is receipt order, `received_at` is the file's delivery time to the microsecond, a
limit takes the oldest, and what is left comes next pass in the same order; and through the real intake pass
(`intake_pass`, as `csprbot run` calls it): messages are worked, and their receipt stored, in that order.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, example, given, settings

from bot.mail.maildir import MaildirInbox, delivery_time, ensure_maildir

BASE = int(datetime(2026, 12, 2, 10, 0, tzinfo=UTC).timestamp())
GEN = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def message(k: int, received: datetime, batch: str = "lda") -> bytes:
    m = EmailMessage()
    m["From"] = "service.leader.qa@nsscp.example.gov.uk"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "Re: NS-CSPR-2026-001"
    m["Date"] = format_datetime(received)
    m["Message-ID"] = f"<order-{batch}-{k}@nsscp.example.gov.uk>"
    m.set_content(f"NOTE: message {k} of the batch\n")
    return m.as_bytes()


# Arrival times in nanoseconds: a few seconds, many arrivals within one of them (where Dovecot's names go wrong).
arrivals = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 999_999_999)), min_size=2, max_size=25,
                    unique=True).map(lambda xs: [(BASE + s) * 1_000_000_000 + ns for s, ns in xs])


def write(root: Path, sub: str, name: str, raw: bytes, ns: int) -> None:
    path = root / sub / name
    path.write_bytes(raw)
    os.utime(path, ns=(ns, ns))


def dovecot_batch(root: Path, times: list[int], pid: int) -> None:
    """Each message delivered by Dovecot's LDA at its arrival time, named by it."""
    for k, ns in enumerate(times):
        sec, usec = ns // 1_000_000_000, ns // 1000 % 1_000_000
        raw = message(k, delivery_time(ns))
        write(root, "new", f"{sec}.M{usec}P{pid + k % 3}.mx1.nsscp.example.gov.uk,S={len(raw)}", raw, ns)


def mbsync_batch(root: Path, times: list[int], first: int, gaps: list[int]) -> None:
    """One sync run: mbsync pulls in UID (arrival) order, one time prefix, a counter from `first` (with gaps where
    it skipped a message), and keeps each message's arrival time as the file's time."""
    prefix = max(times) // 1_000_000_000 + 60
    n = first
    for k, ns in enumerate(sorted(times)):
        n += gaps[k % len(gaps)]
        raw = message(k, delivery_time(ns), "sync")
        write(root, "cur", f"{prefix}.31337_{n}.mail-sync,U={k + 1}:2,", raw, ns)


def fresh(tmp_path: Path, k: list[int] = [0]) -> MaildirInbox:  # noqa: B006 - a counter across examples
    k[0] += 1
    root = ensure_maildir(tmp_path / f"inbox{k[0]}")
    return MaildirInbox(str(root))


def receipt_order(inbox: MaildirInbox) -> list[tuple[int, str]]:
    """(delivery time, file name) of every waiting message, by delivery time then name: the expected order."""
    files = [p for sub in ("new", "cur") for p in (inbox.root / sub).iterdir()]
    return sorted((p.stat().st_mtime_ns, p.name) for p in files)


def check_fetch(inbox: MaildirInbox, limit: int) -> None:
    want = receipt_order(inbox)
    got = list(inbox.fetch())
    assert [m.source_id.split("/", 1)[1] for m in got] == [name for _, name in want]
    assert [m.received_at for m in got] == [delivery_time(ns) for ns, _ in want]
    stamps = [m.received_at for m in got]
    assert None not in stamps and stamps == sorted(stamps)  # type: ignore[type-var]
    # A batch larger than one pass: the oldest go first, the rest next pass, in the same order.
    first = list(inbox.fetch(limit=limit))
    assert [m.source_id for m in first] == [m.source_id for m in got[:limit]]
    for m in first:
        inbox.acknowledge(m)
    assert [m.source_id for m in inbox.fetch()] == [m.source_id for m in got[limit:]]


@GEN
@given(times=arrivals, pid=st.integers(100, 99_999), limit=st.integers(1, 10))
@example(times=[(BASE * 1_000_000_000) + 99_999_000, (BASE * 1_000_000_000) + 100_001_000], pid=4242, limit=1)
def test_dovecot_named_mail_is_fetched_in_delivery_order(tmp_path: Path, times: list[int], pid: int,
                                                         limit: int) -> None:
    inbox = fresh(tmp_path)
    dovecot_batch(inbox.root, times, pid)
    check_fetch(inbox, limit)


@GEN
@given(times=arrivals, first=st.integers(0, 200), gaps=st.lists(st.integers(1, 3), min_size=1, max_size=5),
       limit=st.integers(1, 10))
@example(times=[(BASE + k * 60) * 1_000_000_000 for k in range(11)], first=0, gaps=[1], limit=9)
def test_an_mbsync_batch_is_fetched_in_delivery_order(tmp_path: Path, times: list[int], first: int,
                                                      gaps: list[int], limit: int) -> None:
    inbox = fresh(tmp_path)
    mbsync_batch(inbox.root, times, first, gaps)
    check_fetch(inbox, limit)


@GEN
@given(dove=arrivals, sync=arrivals)
def test_both_kinds_in_one_inbox_are_fetched_in_delivery_order(tmp_path: Path, dove: list[int],
                                                               sync: list[int]) -> None:
    """A mailbox fed by the local LDA and by a sync tool at once: one order, by delivery time, across new/ and cur/."""
    inbox = fresh(tmp_path)
    dovecot_batch(inbox.root, dove, 4242)
    mbsync_batch(inbox.root, sync, 1, [1])
    check_fetch(inbox, 5)


def test_same_delivery_time_is_ordered_by_name(tmp_path: Path) -> None:
    """Ties (a file system with coarse timestamps): the name decides, so every instance works them alike."""
    inbox = fresh(tmp_path)
    ns = BASE * 1_000_000_000
    for name in ("b.host", "a.host", "c.host"):
        write(inbox.root, "new", name, message(0, delivery_time(ns)), ns)
    assert [m.source_id for m in inbox.fetch()] == ["new/a.host", "new/b.host", "new/c.host"]


def test_delivery_time_keeps_the_microseconds() -> None:
    ns = BASE * 1_000_000_000 + 123_456_789
    assert delivery_time(ns) == datetime(2026, 12, 2, 10, 0, 0, 123_456, tzinfo=UTC)
    assert delivery_time(ns) - delivery_time(ns - 1_000) == timedelta(microseconds=1)


INTAKE = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@INTAKE
@given(dove=arrivals, sync=arrivals, limit=st.integers(1, 20))
def test_an_intake_pass_works_and_stores_the_batch_in_receipt_order(tmp_path: Path, dove: list[int],
                                                                    sync: list[int], limit: int) -> None:
    """Through `intake_pass` with the app's receipt-time rule: each message's row is written in the order it is
    worked, and that order is receipt order, its stored receipt time never going back; a pass over the limit
    works the oldest, the next pass the rest."""
    from sqlalchemy import select

    from bot.app import App, make_calendar
    from bot.apply import Runtime
    from bot.intake import intake_pass
    from bot.settings import load_settings
    from bot.store.db import make_engine, migrate, session_factory
    from bot.store.models import Message

    inbox = fresh(tmp_path)
    dovecot_batch(inbox.root, dove, 4242)
    mbsync_batch(inbox.root, sync, 1, [1])
    want = [name for _, name in receipt_order(inbox)]
    engine = make_engine(f"sqlite:///{inbox.root}.db")
    try:
        migrate(engine)
        sessions = session_factory(engine)
        s = load_settings(None, env={})
        rt = Runtime(s, make_calendar(s), datetime(2026, 12, 2, 11, 0, tzinfo=UTC))
        received = App.received_time.__get__(object())  # the app's rule: the adapter's receipt time, at most now
        first = intake_pass(inbox, sessions, rt, limit=limit, received=received)
        rest = intake_pass(inbox, sessions, rt, received=received)
        assert len(first) == min(limit, len(want)) and len(first) + len(rest) == len(want)
        with sessions() as db:
            rows = list(db.scalars(select(Message).order_by(Message.id)))
        assert [r.source_id.split("/", 1)[1] for r in rows] == want
        assert [r.received_at for r in rows] == sorted(r.received_at for r in rows)
    finally:
        engine.dispose()
