"""`report --year` across New Year (stranger round 21, B2): a decision counts in the year of its own date.

Generated decision dates around New Year, recorded the same day or up to two weeks later, through the real
intake and store (`act`), then the yearly report read back for both years: each year's rapid reviews decided
equal its rapid-review clocks started, and its local reviews commissioned its local-review clocks started.
Before the fix a back-dated decision counted in the year it was typed and its clock in the year of its date.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import hypothesis.strategies as st
from hypothesis import given, settings
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.intake import act, process_one
from bot.mail.base import InboundMail
from bot.report import build
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Event

LONDON = ZoneInfo("Europe/London")
S = load_settings(None, env={})
CAL = make_calendar(S)
OPENED = datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)  # a Tuesday; the incident the working day before
REF = "NS-CSPR-2026-001"
CHAIR, SL, COORD = (S.roles.of(r)[0] for r in ("subgroup_chair", "service_leader", "coordinator"))
_TEMPLATE: list[Path] = []


def _template() -> Path:
    if not _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="csprbot-yearb-"))
        engine = make_engine(f"sqlite:///{root}/t.db")
        migrate(engine)
        rt = Runtime(S, CAL, OPENED)
        (_, raw), _ = demo_messages(rt, S)
        assert process_one(InboundMail("t", "r0", raw), session_factory(engine), rt).ref == REF
        engine.dispose()
        _TEMPLATE.append(root / "t.db")
    return _TEMPLATE[0]


def _act(sessions: sessionmaker[Session], day: date, line: str, sender: str) -> str:
    act(sessions, Runtime(S, CAL, datetime.combine(day, time(11, 0), LONDON)), REF, line, sender)
    with sessions() as s:
        ev = s.scalar(select(Event).where(Event.kind.in_(("command_accepted", "command_refused")))
                      .order_by(Event.id.desc()).limit(1))
        assert ev is not None
        return ("accepted " if ev.kind == "command_accepted" else "refused ") + str(ev.detail.get("reason") or "")


@settings(max_examples=14, deadline=None)
@given(kind=st.sampled_from(["rapid", "local"]), dated=st.booleans(),
       decided=st.dates(date(2026, 12, 18), date(2027, 1, 8)), gap=st.integers(0, 14))
def test_a_decision_and_its_clock_count_in_one_year(kind: str, dated: bool, decided: date, gap: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="csprbot-yearb-", dir="/tmp"))
    shutil.copy(_template(), root / "t.db")
    engine = make_engine(f"sqlite:///{root}/t.db")
    sessions = session_factory(engine)
    try:
        recorded = decided + timedelta(days=gap) if dated else decided
        when = f" {decided.isoformat()}" if dated else ""
        if kind == "rapid":
            got = _act(sessions, recorded, f"DECISION: RAPID REVIEW{when}\nAGENCIES: Education", CHAIR)
        else:
            assert "accepted" in _act(sessions, date(2026, 12, 2), "DECISION: RAPID REVIEW\nAGENCIES: Education",
                                      CHAIR)
            assert "accepted" in _act(sessions, date(2026, 12, 2), "NOTIFIED: 2026-12-02", SL)
            assert "accepted" in _act(sessions, date(2026, 12, 17), "SUBMITTED: 2026-12-17", COORD)
            got = _act(sessions, recorded, f"PANEL: LOCAL REVIEW{when}", COORD)
        assert "accepted" in got, got
        today = date(2027, 2, 1)
        total_decided = total_started = 0
        for year in (2026, 2027):
            with sessions() as s:
                rep = build(s, year, today)
            rr = rep.other_clocks.get("rr_start")
            rr_started = rr.started if rr else 0
            assert rep.rapid_reviews_decided == rr_started, (year, rep.as_dict())
            assert rep.local_reviews_commissioned == rep.duties["lcspr"].started, (year, rep.as_dict())
            total_decided += rep.rapid_reviews_decided + rep.local_reviews_commissioned
            total_started += rr_started + rep.duties["lcspr"].started
            if year == decided.year:  # the generated decision is in its own date's year
                assert (rep.local_reviews_commissioned if kind == "local" else rep.rapid_reviews_decided) >= 1
        assert total_decided == total_started == (1 if kind == "rapid" else 2)
    finally:
        engine.dispose()
        shutil.rmtree(root, ignore_errors=True)
