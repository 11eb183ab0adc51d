"""EXTEND onto a day that is not a working day (stranger round 21): moved to the next working day, and said.

`EXTEND notification: 2026-12-28` (a bank holiday) was accepted as typed: the SIN clock fell due on a day nobody
works and its escalation said "overdue since 2026-12-28". Now the due date is the next working day of the clock's
own calendar (a statutory clock ignores council closure days, as its due dates always do; a local clock counts
them) and the confirmation names both dates. Generated: any date from Dec 2026 to Apr 2027, with closures.
"""

from __future__ import annotations

from datetime import date

import hypothesis.strategies as st
from hypothesis import given, settings

from bot.domain.clocks import calendar_for
from bot.domain.commands import decide_command
from bot.domain.effects import ExtendClock
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import Command

S = load_settings(None, env={})
CAL = WorkCalendar(closure_days={date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 2, 15)})
TODAY = date(2026, 12, 15)
COORD = S.roles.of("coordinator")[0]


def extend(key: str, asked: date) -> tuple[bool, str, list[ExtendClock]]:
    clk = ClockView(key, "", date(2026, 12, 1), date(2026, 12, 16), "running")
    snap = CaseSnapshot("NS-CSPR-2026-001", "rapid_review", "sam.example@csc.example.gov.uk", (clk,), ())
    args = {"clock": key, "date": asked.isoformat(), "reason": "agreed with the Panel"}
    out = decide_command(Command(verb="EXTEND", args=args), COORD, snap, S, CAL, TODAY)
    return out.accepted, out.summary, [e for e in out.effects if isinstance(e, ExtendClock)]


def test_the_strangers_boxing_day_substitute() -> None:
    ok, summary, fx = extend("notification", date(2026, 12, 28))
    assert ok and fx == [ExtendClock("notification", "", date(2026, 12, 29), "agreed with the Panel")]
    assert "2026-12-28 is a bank holiday" in summary and "moved to the next working day, 2026-12-29" in summary


def test_a_closure_day_moves_a_local_clock_not_a_statutory_one() -> None:
    ok, summary, fx = extend("screening", date(2026, 12, 30))
    assert ok and fx[0].due == date(2027, 1, 4) and "council closure day" in summary
    ok, summary, fx = extend("notification", date(2026, 12, 30))
    assert ok and fx[0].due == date(2026, 12, 30) and "moved" not in summary


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(["notification", "screening", "rr_submission", "agency_return"]),
       asked=st.dates(date(2026, 12, 17), date(2027, 4, 30)))
def test_an_extended_due_date_is_a_working_day_of_its_clock(key: str, asked: date) -> None:
    ok, summary, fx = extend(key, asked)
    own = calendar_for(S.clocks[key], CAL)
    assert ok, summary
    (got,) = fx
    assert own.is_working_day(got.due)
    assert got.due == own.add_working_days(asked, 0)  # the day asked, else the next working day
    assert (got.due != asked) == ("moved to the next working day" in summary)
    assert got.due.isoformat() in summary
