"""Clock verdicts after the dispute-window paths and a corrected incident date (stranger round 11, breaks 1, 2, 4).

Generated command orders and dates through the real intake and store (`act`): whatever the path to it, a
recorded Panel notification ends the SIN clock "met" (on time or late by its own due date), never "stopped";
a corrected incident date re-anchors a screening clock already met and its verdict follows the new due date;
after the Assistant Director's DO NOT REFER a second DISAGREE is refused for that reason, and NOTIFIED in the
window is recorded.
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
from bot.domain.clocks import due_date
from bot.intake import act, process_one
from bot.mail.base import InboundMail
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Clock, Event

LONDON = ZoneInfo("Europe/London")
S = load_settings(None, env={})
CAL = make_calendar(S)
START = datetime(2026, 4, 14, 10, 0, tzinfo=LONDON)  # a Tuesday after Easter
REF = "NS-CSPR-2026-001"
CHAIR, AD, SL, COORD, DIRECTOR = (S.roles.of(r)[0] for r in ("subgroup_chair", "assistant_director",
                                                              "service_leader", "coordinator", "director"))
_TEMPLATE: list[Path] = []


def _template() -> Path:
    if not _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="csprbot-verdicts-"))
        engine = make_engine(f"sqlite:///{root}/t.db")
        migrate(engine)
        rt = Runtime(S, CAL, START)
        (_, raw), _ = demo_messages(rt, S)
        assert process_one(InboundMail("t", "r0", raw), session_factory(engine), rt).ref == REF
        engine.dispose()
        _TEMPLATE.append(root / "t.db")
    return _TEMPLATE[0]


class World:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="csprbot-verdict-"))
        shutil.copy(_template(), self.dir / "t.db")
        self.engine = make_engine(f"sqlite:///{self.dir}/t.db")
        self.sessions: sessionmaker[Session] = session_factory(self.engine)

    def close(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    def act(self, day: date, line: str, sender: str) -> tuple[str, str]:
        act(self.sessions, Runtime(S, CAL, datetime.combine(day, time(11, 0), LONDON)), REF, line, sender)
        with self.sessions() as s:
            ev = s.scalar(select(Event).where(Event.kind.in_(("command_accepted", "command_refused")))
                          .order_by(Event.id.desc()).limit(1))
            assert ev is not None
            return ev.kind, str(ev.detail.get("reason") or ev.detail.get("summary") or "")

    def clock(self, key: str) -> Clock:
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ref == REF))
            assert case is not None
            clk = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == key))
            assert clk is not None, key
            s.expunge(clk)
            return clk

    def stage(self) -> str:
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ref == REF))
            assert case is not None
            return case.stage


def wd(n: int) -> date:
    return CAL.add_working_days(START.date(), n)


@settings(max_examples=12, deadline=None)
@given(decide=st.integers(0, 3), dispute=st.sampled_from(["none", "disagree", "ad_do_not_refer"]),
       gap=st.integers(0, 6), back=st.integers(0, 4))
def test_a_recorded_notification_meets_the_sin_clock_on_every_path(decide: int, dispute: str, gap: int,
                                                                   back: int) -> None:
    """NRR, then (maybe) DISAGREE and the AD's DO NOT REFER, then NOTIFIED inside the dispute window, dated up to
    `back` working days before its receipt: accepted, a rapid review, and the SIN clock met (late exactly when
    the stated date is after its due date), never left "stopped" (which the yearly figures count as such)."""
    w = World()
    try:
        day = wd(decide)
        kind, why = w.act(day, "DECISION: NO RAPID REVIEW no abuse or neglect suspected", CHAIR)
        assert kind == "command_accepted", why
        if dispute != "none":
            assert w.act(day, "DISAGREE: the criteria are met", DIRECTOR)[0] == "command_accepted"
        if dispute == "ad_do_not_refer":
            assert w.act(day, "AD DECISION: DO NOT REFER", AD)[0] == "command_accepted"
            kind, why = w.act(day, "DISAGREE: still think so", DIRECTOR)
            assert kind == "command_refused" and "Assistant Director has decided" in why and "ended" not in why
        received = CAL.add_working_days(day, gap)
        stated = max(day, CAL.add_working_days(received, -back))
        kind, why = w.act(received, f"NOTIFIED: {stated.isoformat()}", SL)
        assert kind == "command_accepted", why
        assert w.stage() in ("rapid_review", "disputed")
        sin = w.clock("notification")
        assert sin.state == "met", (sin.state, sin.stop_reason)
        assert sin.stopped_on == stated
        assert (sin.stopped_on > sin.due) == (stated > sin.due)
        # A second path back (CLOSE, REOPEN) does not revive the duty the notification ended.
        if w.stage() == "rapid_review":
            assert w.act(received, "CLOSE: duplicate", COORD)[0] == "command_accepted"
            assert w.act(received, "REOPEN: not a duplicate", COORD)[0] == "command_accepted"
            assert w.clock("notification").state == "met"
    finally:
        w.close()


@settings(max_examples=12, deadline=None)
@given(path=st.sampled_from(["rapid_review", "disputed"]), decide=st.integers(0, 3), later=st.integers(0, 3),
       earlier=st.integers(1, 10))
def test_a_corrected_incident_date_rejudges_a_met_screening_clock(path: str, decide: int, later: int,
                                                                  earlier: int) -> None:
    """A decision recorded, then the incident date corrected to `earlier` calendar days before the one read:
    screening is anchored on the new date, due by its rule from it, and late exactly when the decision came
    after that new due date (README: "a corrected incident date re-anchors screening")."""
    w = World()
    try:
        day = wd(decide)
        if path == "rapid_review":
            assert w.act(day, "DECISION: RAPID REVIEW", CHAIR)[0] == "command_accepted"
        else:
            assert w.act(day, "DECISION: NO RAPID REVIEW no abuse suspected", CHAIR)[0] == "command_accepted"
            assert w.act(day, "DISAGREE: the criteria are met", DIRECTOR)[0] == "command_accepted"
        before = w.clock("screening")
        assert before.state == "met"
        new = before.anchor - timedelta(days=earlier)
        kind, why = w.act(CAL.add_working_days(day, later), f"CORRECT child.incident_date: {new.isoformat()}", COORD)
        assert kind == "command_accepted", why
        after = w.clock("screening")
        assert after.state == "met" and after.stopped_on == before.stopped_on
        assert after.anchor == new
        assert after.due == due_date(S.clocks["screening"], new, CAL)
        assert after.stopped_on is not None
        assert (after.stopped_on > after.due) == (before.stopped_on is not None and before.stopped_on > after.due)
    finally:
        w.close()


@settings(max_examples=60, deadline=None)
@given(start=st.dates(date(2026, 1, 1), date(2027, 11, 1)), length=st.integers(1, 8), due_off=st.integers(-3, 3),
       late=st.integers(1, 8))
def test_an_escalation_counts_overdue_days_on_the_clocks_own_calendar(start: date, length: int, due_off: int,
                                                                      late: int) -> None:
    """The "N working days overdue" of an escalation about a statutory clock (the SIN) counts the council's
    closure days, as its due date does; a local clock (screening) does not count them."""
    from bot.domain.clocks import ReminderDecision, Slot
    from bot.sweep import _context
    from bot.workdays import WorkCalendar

    cal = WorkCalendar(closure_days={start + timedelta(days=i) for i in range(length)})
    stat = cal.without_closures()
    for key, own in (("notification", stat), ("screening", cal)):
        assert S.clocks[key].local_closures == (own is cal)
        due = own.add_working_days(start, due_off)
        today = cal.add_working_days(due, late)
        rt = Runtime(S, cal, datetime.combine(today, time(9, 5), LONDON))
        slot = Slot("escalation:x:0", "escalation", rt.now, 0, "test")
        ctx = _context(rt, None, Clock(key=key, agency="", due=due), ReminderDecision(slot, "sent"),  # type: ignore[arg-type]
                       (("NOTIFIED: x", ("service_leader",)),))
        assert ctx["overdue"] == own.working_days_between(due, today)
