"""The case board over generated stores: overdue first, then by due date; each filter keeps exactly the
cases it names; any case, open or closed, is found by reference."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from conftest import make_core
from web_seed import open_cases

from bot.store.models import AgencyRequest, Case, Clock
from bot.web.board import RAG_ORDER, board, find_cases

TODAY = date(2026, 4, 2)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 40), seed=st.integers(0, 10_000), shift=st.integers(-30, 30),
       closing=st.integers(0, 5))
def test_board_order_filters_and_search(tmp_path_factory: object, n: int, seed: int, shift: int,
                                        closing: int) -> None:
    root = tmp_path_factory.mktemp("board")  # type: ignore[attr-defined]
    core = make_core(root)
    today = TODAY + timedelta(days=shift)
    try:
        with core.sessions.begin() as s:
            open_cases(s, core.cal, TODAY, n, seed=seed)
            closed = list(s.scalars(select(Case).order_by(Case.id).limit(closing)))
            for c in closed:
                c.stage = "closed"
        with core.sessions() as s:
            rows = board(s, core.cal, today)
            keys = [(RAG_ORDER[r.rag], r.due or date.max) for r in rows]
            assert keys == sorted(keys)
            open_refs = set(s.scalars(select(Case.ref).where(Case.stage != "closed")))
            assert {r.ref for r in rows} == open_refs
            overdue = {ref for ref, due in s.execute(select(Case.ref, Clock.due).join(Clock)
                       .where(Clock.state == "running", Case.stage != "closed")) if due < today}
            assert {r.ref for r in board(s, core.cal, today, breached_only=True)} == overdue
            assert {r.ref for r in rows if r.rag == "red"} == overdue
            waiting = set(s.scalars(select(Case.ref).join(AgencyRequest).where(
                AgencyRequest.received_on.is_(None), Case.stage != "closed")))
            assert {r.ref for r in board(s, core.cal, today, outstanding_only=True)} == waiting
            for stage in {r.stage for r in rows}:
                assert {r.ref for r in board(s, core.cal, today, stage=stage)} == \
                    {r.ref for r in rows if r.stage == stage}
            for r in rows:
                if r.due is not None:
                    assert r.days_left == core.cal.working_days_between(today, r.due)
            for c in closed:
                assert (c.ref, "closed") in find_cases(s, c.ref.split("-", 2)[2])
    finally:
        core.close()
