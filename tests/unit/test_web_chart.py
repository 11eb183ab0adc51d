"""The clocks' timeline geometry: every shape inside the drawing, bars from anchor to due, breach only past due."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.web.chart import LEFT, WIDTH, ClockLine, timeline

DAY0 = date(2026, 1, 1)


@st.composite
def clock_lines(draw: st.DrawFn) -> ClockLine:
    anchor = DAY0 + timedelta(days=draw(st.integers(0, 300)))
    due = anchor + timedelta(days=draw(st.integers(0, 200)))
    state = draw(st.sampled_from(["running", "met", "stopped"]))
    stopped = anchor + timedelta(days=draw(st.integers(0, 250))) if state != "running" else None
    sent = st.lists(st.integers(-5, 30).map(lambda n: due + timedelta(days=n)), max_size=6)
    return ClockLine("c", anchor, due, state, stopped, draw(sent), draw(sent))


@given(st.lists(clock_lines(), min_size=1, max_size=12), st.integers(0, 700))
def test_shapes_stay_in_the_drawing_and_breach_means_past_due(lines: list[ClockLine], offset: int) -> None:
    today = DAY0 + timedelta(days=offset)
    chart = timeline(lines, today)
    assert len(chart.bars) == len(lines)
    for bar, line in zip(chart.bars, lines, strict=True):
        xs = [bar.x0, bar.x1, bar.xdue, *(m.x for m in bar.marks)] + ([bar.xbreach] if bar.xbreach else [])
        assert all(LEFT <= x <= WIDTH for x in xs)
        assert bar.x0 <= bar.x1 <= bar.xdue
        end = line.stopped_on or today
        if bar.xbreach is not None:
            assert end > line.due and line.status != "stopped" and bar.xbreach >= bar.xdue
        elif line.status != "stopped":
            assert end <= line.due
        assert len(bar.marks) == len(line.chasers) + len(line.escalations)
    assert chart.height > len(lines) * 30
