"""`csprbot cases` and `csprbot case` read in a bounded number of queries, and say what they said before.

The oracle for `cases` is the per-case loop csprbot used before (one query for the cases, then one per
case for its running clocks), with ties between equal due dates broken by clock id. Query counts come
from a SQLAlchemy `before_cursor_execute` listener: the same for 3 cases as for 40.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, event, select
from sqlalchemy.orm import Session

from bot.domain.clocks import status
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import AgencyRequest, Case, Clock, Reminder
from bot.store.repo import case_by_ref
from bot.views import case_list, case_view

TODAY = date(2026, 3, 10)
STAGES = ("screening", "rapid_review", "closed", "lcspr")
KEYS = ("screening", "notification", "agency_return", "rr_submission", "panel_response")
STATES = ("running", "running", "met", "stopped")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path}/csprbot.db")
    migrate(eng)
    yield eng
    eng.dispose()


def old_case_list(s: Session, today: date, include_closed: bool = False) -> list[dict[str, Any]]:
    q = select(Case).order_by(Case.id)
    if not include_closed:
        q = q.where(Case.stage != "closed")
    out = []
    for case in s.scalars(q):
        running = s.scalars(select(Clock).where(Clock.case_id == case.id, Clock.state == "running")
                            .order_by(Clock.due, Clock.id)).all()
        nxt = running[0] if running else None
        out.append({
            "ref": case.ref, "stage": case.stage, "opened": case.opened_at.date().isoformat(),
            "late_referral": case.late_referral,
            "next_due": {"clock": nxt.key, "agency": nxt.agency or None, "due": nxt.due.isoformat(),
                         "status": status(nxt.state, nxt.due, nxt.stopped_on, today)} if nxt else None,
            "breached": sum(1 for c in running if today > c.due),
        })
    return out


clock_st = st.tuples(st.sampled_from(KEYS), st.sampled_from(("", "Education", "ICB Health")),
                     st.integers(-15, 15), st.sampled_from(STATES))
case_st = st.tuples(st.sampled_from(STAGES), st.booleans(), st.lists(clock_st, max_size=5))


def fill(s: Session, cases: list[tuple[str, bool, list[tuple[str, str, int, str]]]]) -> list[str]:
    refs = []
    for seq, (stage, late, clocks) in enumerate(cases, start=1):
        c = Case(ref=f"NS-CSPR-2026-{seq:03d}", year=2026, seq=seq, stage=stage,
                 opened_at=datetime(2026, 3, 1, 9) + timedelta(hours=seq), received_date=date(2026, 3, 1),
                 late_referral=late, referral_json={"child": {"name": f"Child {seq}"}})
        s.add(c)
        s.flush()
        refs.append(c.ref)
        seen = set()
        for key, agency, offset, state in clocks:
            if (key, agency) in seen:
                continue
            seen.add((key, agency))
            due = TODAY + timedelta(days=offset)
            clock = Clock(case_id=c.id, key=key, agency=agency, anchor=due - timedelta(days=7), due=due,
                          original_due=due, state=state, started_at=datetime(2026, 2, 1),
                          stopped_on=None if state == "running" else TODAY - timedelta(days=1))
            s.add(clock)
            s.flush()
            s.add(Reminder(clock_id=clock.id, slot=f"chaser:{key}", kind="chaser", planned_for=datetime(2026, 3, 2),
                           handled_at=datetime(2026, 3, 2), outcome="sent", recipients=["a@b.gov.uk"], rule="r"))
            if key == "agency_return" and agency:
                s.add(AgencyRequest(case_id=c.id, agency=agency, requested_on=due - timedelta(days=14)))
    return refs


class Counter:
    def __init__(self, engine: Engine) -> None:
        self.engine, self.n = engine, 0

    def __enter__(self) -> Counter:
        event.listen(self.engine, "before_cursor_execute", self._hit)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._hit)

    def _hit(self, *_: object) -> None:
        self.n += 1


def test_case_list_says_what_the_per_case_loop_said(engine: Engine) -> None:
    sessions = session_factory(engine)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(case_st, max_size=10), st.booleans())
    def check(cases: list[tuple[str, bool, list[tuple[str, str, int, str]]]], include_closed: bool) -> None:
        with sessions.begin() as s:
            for table in (Reminder, AgencyRequest, Clock):
                s.execute(delete(table))
            s.execute(delete(Case))
            fill(s, cases)
        with sessions() as s:
            assert case_list(s, TODAY, include_closed) == old_case_list(s, TODAY, include_closed)

    check()


@pytest.mark.parametrize("include_closed", [False, True])
def test_case_list_is_one_query_whatever_the_number_of_cases(engine: Engine, include_closed: bool) -> None:
    sessions = session_factory(engine)
    counts = []
    many = [("screening", False, [("screening", "", 1, "running"), ("agency_return", "Education", -2, "running")])]
    for n in (3, 40):
        with sessions.begin() as s:
            s.execute(delete(Reminder))
            s.execute(delete(AgencyRequest))
            s.execute(delete(Clock))
            s.execute(delete(Case))
            fill(s, many * n)
        with sessions() as s:
            s.connection()  # the connection's own set-up statements are not the command's queries
            with Counter(engine) as c:
                rows = case_list(s, TODAY, include_closed)
            counts.append(c.n)
        assert len(rows) == n and all(r["breached"] == 1 for r in rows)
    assert counts == [1, 1]


def test_case_view_queries_do_not_grow_with_its_clocks_or_with_other_cases(engine: Engine) -> None:
    sessions = session_factory(engine)
    small = ("screening", False, [("screening", "", 1, "running")])
    big = ("rapid_review", False, [(k, a, d, "running") for k in KEYS for a, d in (("", 3), ("Education", -1))])
    counts = []
    for cases in ([small], [small] * 30 + [big]):
        with sessions.begin() as s:
            s.execute(delete(Reminder))
            s.execute(delete(AgencyRequest))
            s.execute(delete(Clock))
            s.execute(delete(Case))
            ref = fill(s, cases)[-1]
        with sessions() as s:
            s.connection()
            with Counter(engine) as c:
                case = case_by_ref(s, ref)
                assert case is not None
                view = case_view(s, case, TODAY, load_settings(None, env={}))
            counts.append(c.n)
        assert len(view["clocks"]) == len({(k, a) for k, a, _, _ in cases[-1][2]})
    assert counts[0] == counts[1] <= 6
