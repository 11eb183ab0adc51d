"""The clocks of one case as a timeline: geometry for a server-rendered SVG (no JavaScript, no inline style).

One row per clock: a bar from its anchor (day 0) to its due date, the stretch past the due date drawn as a
breach, a mark for each chaser and escalation sent, and a line for today. Pure: dates in, shapes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

ROW = 34
LEFT = 230  # room for the clock's name
WIDTH = 960
TOP = 28


@dataclass(frozen=True)
class Mark:
    x: float
    kind: str  # chaser | escalation
    on: date


@dataclass(frozen=True)
class Bar:
    y: float
    name: str
    x0: float  # anchor
    x1: float  # due (or stop, when stopped before due)
    xdue: float
    xbreach: float | None  # end of the breached stretch (stop date or today) when past due
    status: str
    marks: list[Mark] = field(default_factory=list)
    anchor: date | None = None
    due: date | None = None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    today_x: float | None
    ticks: list[tuple[float, str]]
    summary: str


@dataclass(frozen=True)
class ClockLine:
    name: str
    anchor: date
    due: date
    status: str  # running | met | breached | stopped
    stopped_on: date | None
    chasers: list[date]
    escalations: list[date]


def timeline(lines: list[ClockLine], today: date) -> Chart:
    if not lines:
        return Chart(WIDTH, TOP + 20, [], None, [], "No clocks have started.")
    first = min(min(c.anchor, *(c.chasers or [c.anchor]), *(c.escalations or [c.anchor])) for c in lines)
    last = max(max(c.due, c.stopped_on or c.due, *(c.chasers or [c.due]), *(c.escalations or [c.due]))
               for c in lines)
    last = max(last, min(today, last + timedelta(days=60)))
    span = max(1, (last - first).days)
    usable = WIDTH - LEFT - 20

    def x(d: date) -> float:
        # clamped: a breach running on past the drawn span ends at its right edge
        return round(LEFT + usable * min(1.0, max(0.0, (d - first).days / span)), 1)

    bars: list[Bar] = []
    for i, c in enumerate(lines):
        y = TOP + i * ROW
        end = c.stopped_on if c.stopped_on and c.stopped_on < c.due else c.due
        breach_end = (c.stopped_on or today) if (c.stopped_on or today) > c.due and c.status != "stopped" else None
        marks = [Mark(x(d), "chaser", d) for d in c.chasers] + [Mark(x(d), "escalation", d) for d in c.escalations]
        bars.append(Bar(y, c.name, x(c.anchor), x(end), x(c.due), x(breach_end) if breach_end else None, c.status,
                        marks, c.anchor, c.due))
    ticks = _month_ticks(first, last, x)
    today_x = x(today) if first <= today <= last else None
    breached = [c.name for c in lines if c.status == "breached"]
    summary = (f"{len(lines)} clocks from {first.isoformat()} to {last.isoformat()}; "
               + (f"past due: {', '.join(breached)}." if breached else "none past due."))
    return Chart(WIDTH, TOP + len(lines) * ROW + 24, bars, today_x, ticks, summary)


def _month_ticks(first: date, last: date, x: object) -> list[tuple[float, str]]:
    assert callable(x)
    span = (last - first).days
    out: list[tuple[float, str]] = []
    if span <= 62:  # short: a tick each Monday
        d = first + timedelta(days=(7 - first.weekday()) % 7)
        while d <= last:
            out.append((x(d), d.strftime("%d %b")))
            d += timedelta(days=7)
        return out
    d = date(first.year, first.month, 1)
    while d <= last:
        if d >= first:
            out.append((x(d), d.strftime("%b %Y")))
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out
