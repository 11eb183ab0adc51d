"""Opening cases in parallel on PostgreSQL: only the hand-out of a case number takes turns (issue 13).

Two "instances" are two threads with their own engines against one database. Instance A is stopped inside
its case-opening transaction (after its number is handed out, while its clocks and mails are written);
what instance B may do meanwhile is read from PostgreSQL itself (pg_stat_activity: is B's backend waiting
on an advisory lock?), never from how long anything took. Numbers must stay gap-free whatever fails.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from bot import intake
from bot.app import make_calendar
from bot.apply import Runtime
from bot.intake import Outcome, process_one
from bot.mail.base import InboundMail
from bot.settings import Settings, load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Lease
from bot.store.repo import RESERVED, release_case_numbers, reserve_case_number
from tests.reliability.reliability_kit import LONDON, Child, child_for, referral

NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
pytestmark = pytest.mark.pg_only


@pytest.fixture
def cfg(database_url: str) -> Settings:
    return load_settings(None, env={"CSPRBOT_DATABASE_URL": database_url})


@pytest.fixture
def sessions(cfg: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(cfg.store.url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


def mail(n: int, child: Child, incident: date = date(2026, 11, 9)) -> InboundMail:
    return InboundMail("INBOX", f"1:{n}", referral(f"<ref{n}@csc.example.gov.uk>", NOW, incident, child=child))


def children(n: int) -> list[Child]:
    rng = random.Random(5)
    return [child_for(13 * k, rng) for k in range(n)]


class Held:
    """Instance A, stopped inside its case-opening transaction until `go` is set."""

    def __init__(self, cfg: Settings, item: InboundMail, monkeypatch: pytest.MonkeyPatch) -> None:
        self.inside, self.go = threading.Event(), threading.Event()
        self.outcome: Outcome | None = None
        self.errors: list[BaseException] = []
        real_apply = intake.apply

        def holding_apply(*a: Any, **kw: Any) -> None:
            if threading.current_thread() is self.thread:
                self.inside.set()
                assert self.go.wait(60), "test never let instance A go on"
            real_apply(*a, **kw)

        monkeypatch.setattr(intake, "apply", holding_apply)
        self.thread = threading.Thread(target=self._run, args=(cfg, item))

    def _run(self, cfg: Settings, item: InboundMail) -> None:
        engine = make_engine(cfg.store.url)
        try:
            self.outcome = process_one(item, session_factory(engine), Runtime(cfg, make_calendar(cfg), NOW))
        except BaseException as exc:
            self.errors.append(exc)
        finally:
            engine.dispose()

    def __enter__(self) -> Held:
        self.thread.start()
        assert self.inside.wait(60), f"instance A never reached its case's clocks and mails: {self.errors}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.go.set()
        self.thread.join()
        assert not self.errors, self.errors


def instance_b(cfg: Settings, item: InboundMail) -> tuple[threading.Thread, list[Outcome]]:
    out: list[Outcome] = []

    def run() -> None:
        engine = make_engine(cfg.store.url)
        try:
            out.append(process_one(item, session_factory(engine), Runtime(cfg, make_calendar(cfg), NOW)))
        finally:
            engine.dispose()

    t = threading.Thread(target=run)
    t.start()
    return t, out


def waiting_on_a_lock(sessions: sessionmaker[Session]) -> bool:
    with sessions() as s:
        return bool(s.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                  "AND datname = current_database()")))


def finished_or_blocked(b: threading.Thread, sessions: sessionmaker[Session],
                        until: Callable[[], bool] = lambda: False) -> str:
    """Poll until B has finished ("finished") or PostgreSQL shows a backend waiting for a lock ("blocked")."""
    for _ in range(6000):
        b.join(0.01)
        if not b.is_alive():
            return "finished"
        if waiting_on_a_lock(sessions):
            return "blocked"
    raise AssertionError("instance B neither finished nor waited on a lock")


def cases(sessions: sessionmaker[Session]) -> list[tuple[int, str]]:
    with sessions() as s:
        return [(seq, ref) for seq, ref in s.execute(select(Case.seq, Case.ref).order_by(Case.seq))]


def test_another_childs_referral_is_not_held_up_by_a_case_being_opened(
        cfg: Settings, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    """While A writes its case's clocks and mails, B opens a case for another child (and another incident
    date) to the end: the two transactions overlap; the numbers are A's 1 and B's 2, gap-free."""
    a_child, b_child = children(2)
    with Held(cfg, mail(1, a_child, date(2026, 11, 9)), monkeypatch) as a:
        b, got = instance_b(cfg, mail(2, b_child, date(2026, 11, 10)))
        assert finished_or_blocked(b, sessions) == "finished"
        assert got and got[0].status == "processed" and got[0].ref is not None and got[0].ref.endswith("-002")
    assert a.outcome is not None and a.outcome.status == "processed" and a.outcome.ref is not None
    assert a.outcome.ref.endswith("-001")
    assert [seq for seq, _ in cases(sessions)] == [1, 2]
    with sessions() as s:
        assert s.scalars(select(Lease.name)).all() == []  # reservations used up with their cases, claims dropped


@pytest.mark.parametrize("same", ["child", "incident", "misspelt"])
def test_a_second_referral_of_the_same_child_or_incident_waits_for_the_first(
        same: str, cfg: Settings, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    """A second referral of A's child (a duplicate) or of A's sibling on A's incident date (a related case)
    waits until A has committed, then sees A's case: one case for one child's incident, and the sibling's
    case names A's as related. "misspelt": A's child with the surname mistyped and another incident date, so
    neither the name key nor the incident date is shared: the date of birth's lock makes B wait, and B sees A's
    case as a possible duplicate (duplicates.match_case). Since stranger round 16 a spelling that differs opens
    its own case (twins are named one letter apart: losing a child in a merge is worse than a duplicate case),
    its triage naming A's case."""
    a_child = children(1)[0]
    sibling = replace(a_child, name=f"Zed {a_child.name.split()[-1]}", dob=date(2015, 6, 1))
    first, last = a_child.name.rsplit(" ", 1)
    misspelt = replace(a_child, name=f"{first} {last[:2]}{last[1]}{last[2:]}")
    b_child = {"child": a_child, "incident": sibling, "misspelt": misspelt}[same]
    seen: dict[str, list[str]] = {}
    real_related = intake.related_incident

    def recording(new: Any, candidates: Any) -> list[str]:
        seen[str(new.child.name)] = out = real_related(new, candidates)
        return out

    monkeypatch.setattr(intake, "related_incident", recording)
    real_match, matched = intake.match_case, []

    def recording_match(*args: Any) -> Any:
        matched.append(found := real_match(*args))
        return found

    monkeypatch.setattr(intake, "match_case", recording_match)
    with Held(cfg, mail(1, a_child), monkeypatch) as a:
        b, got = instance_b(cfg, mail(2, b_child, date(2026, 11, 12) if same == "misspelt" else date(2026, 11, 9)))
        assert finished_or_blocked(b, sessions) == "blocked"
    b.join()
    assert a.outcome is not None and a.outcome.status == "processed" and a.outcome.ref is not None
    assert got, "instance B did not finish"
    if same == "child":
        assert [seq for seq, _ in cases(sessions)] == [1]
        assert got[0].status == "processed" and got[0].ref == a.outcome.ref  # joined A's case
    elif same == "misspelt":
        assert [seq for seq, _ in cases(sessions)] == [1, 2]
        assert got[0].ref is not None and got[0].ref != a.outcome.ref
        # B saw A's committed case, as a possible duplicate only
        assert [(m.ref, m.joins) for m in matched if m is not None] == [(a.outcome.ref, False)], matched
    else:
        assert [seq for seq, _ in cases(sessions)] == [1, 2]
        assert got[0].ref is not None and got[0].ref != a.outcome.ref
        assert seen[sibling.name] == [a.outcome.ref]  # B saw A's committed case as the same incident


def test_a_number_whose_case_failed_to_open_goes_to_the_next_case(
        cfg: Settings, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    """A referral that fails after its number was handed out (an internal error: quarantined) leaves no
    gap: the next referral gets that number."""
    first, second = children(2)
    real_apply = intake.apply
    calls = {"n": 0}

    def failing_once(*a: Any, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug while writing the case")
        real_apply(*a, **kw)

    monkeypatch.setattr(intake, "apply", failing_once)
    rt = Runtime(cfg, make_calendar(cfg), NOW)
    assert process_one(mail(1, first), sessions, rt).status == "quarantined"
    done = process_one(mail(2, second), sessions, rt)
    assert done.status == "processed" and done.ref is not None and done.ref.endswith("-001")
    assert [seq for seq, _ in cases(sessions)] == [1]
    with sessions() as s:
        assert s.scalars(select(Lease.name).where(Lease.name.startswith(RESERVED))).all() == []


def test_reservations_are_kept_per_holder_and_handed_on_when_released(sessions: sessionmaker[Session]) -> None:
    """The same message tried again gets its number back; a released or expired number is the next one
    handed out; otherwise numbers follow the highest case or reservation."""
    with sessions() as s:
        assert reserve_case_number(s, 2026, "m1", 60) == 1
        assert reserve_case_number(s, 2026, "m2", 60) == 2
        assert reserve_case_number(s, 2026, "m1", 60) == 1  # m1 again (a retry): the same number
        assert reserve_case_number(s, 2027, "m1", 60) == 1  # another year counts on its own
    with sessions.begin() as s:
        release_case_numbers(s, "m1")
    with sessions() as s:
        assert reserve_case_number(s, 2026, "m3", 60) == 1  # m1's, released
        assert reserve_case_number(s, 2026, "m4", 0.0) == 3
        assert reserve_case_number(s, 2026, "m5", 60) == 3  # m4's lease ran out at once
        assert reserve_case_number(s, 2026, "m6", 60) == 4
