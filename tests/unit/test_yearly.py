"""The year's figures (bot/domain/yearly.py): every started duty lands in exactly one column."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.yearly import ClockFact, year_report

KEYS = ("screening", "notification", "rr_submission", "lcspr", "agency_return", "rr_start")


@st.composite
def clock(draw: st.DrawFn) -> ClockFact:
    anchor = draw(st.dates(date(2025, 11, 1), date(2027, 2, 1)))
    due = anchor + timedelta(days=draw(st.integers(0, 200)))
    state = draw(st.sampled_from(["running", "met", "stopped"]))
    stopped = due + timedelta(days=draw(st.integers(-10, 10))) if state != "running" else None
    return ClockFact("NS-CSPR-2026-001", draw(st.sampled_from(KEYS)), draw(st.sampled_from(["", "Police", "GP"])),
                     anchor, due, state, stopped)


@given(st.lists(clock(), max_size=40), st.dates(date(2026, 1, 1), date(2027, 6, 1)))
def test_each_clock_of_the_year_is_counted_once(clocks: list[ClockFact], today: date) -> None:
    rep = year_report(2026, today, [], clocks, [])
    tables = [*rep.duties.values(), *rep.other_clocks.values(), *rep.agencies.values()]
    in_year = [c for c in clocks if c.anchor.year == 2026]
    assert sum(t.started for t in tables) == len(in_year)
    for t in tables:
        assert t.on_time + t.late + t.open + t.overdue + t.stopped == t.started
    met_late = sum(1 for c in in_year if c.state == "met" and c.stopped_on and c.stopped_on > c.due)
    assert sum(t.late for t in tables) == met_late
    overdue = sum(1 for c in in_year if c.state == "running" and today > c.due)
    assert sum(t.overdue for t in tables) == overdue


def test_met_on_its_due_day_is_on_time() -> None:
    d = date(2026, 3, 2)
    rep = year_report(2026, date(2026, 6, 1), [], [ClockFact("R", "notification", "", d, d, "met", d)], [])
    assert (rep.duties["notification"].on_time, rep.duties["notification"].late) == (1, 0)
