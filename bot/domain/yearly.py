"""The partnership's year in figures: notifications, rapid reviews, local reviews and agency returns, on time or not.

Pure: it takes the year's clocks, cases and accepted commands as plain facts and counts them. A clock
belongs to the year in which it started (its anchor); whether it was on time is judged by the day it
was met against its (possibly extended) due date, and a clock still running past its due date counts as
overdue, as a partnership's yearly report would show it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ClockFact:
    case_ref: str
    key: str
    agency: str  # "" for case-wide clocks
    anchor: date
    due: date
    state: str  # running | met | stopped
    stopped_on: date | None


@dataclass(frozen=True)
class CaseFact:
    ref: str
    opened: date
    late_referral: bool


@dataclass(frozen=True)
class CommandFact:
    case_ref: str
    verb: str
    on: date


@dataclass
class Timeliness:
    """How one duty went in the year: started, met on time, met late, still open (on time or overdue)."""

    started: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    stopped: int = 0  # no longer needed: waived, closed, superseded

    def add(self, c: ClockFact, today: date) -> None:
        self.started += 1
        if c.state == "met":
            if c.stopped_on is not None and c.stopped_on > c.due:
                self.late += 1
            else:
                self.on_time += 1
        elif c.state == "running":
            if today > c.due:
                self.overdue += 1
            else:
                self.open += 1
        else:
            self.stopped += 1

    @property
    def on_time_percent(self) -> float | None:
        done = self.on_time + self.late + self.overdue
        return round(100.0 * self.on_time / done, 1) if done else None

    def as_dict(self) -> dict[str, int | float | None]:
        return {"started": self.started, "on_time": self.on_time, "late": self.late, "open": self.open,
                "overdue": self.overdue, "stopped": self.stopped, "on_time_percent": self.on_time_percent}


# The statutory and local duties a yearly report names, by clock key (DOMAIN.md's table).
HEADLINES = (
    ("referral", "Referrals reaching the partnership within 1 working day"),
    ("screening", "Screening decisions within 5 working days"),
    ("notification", "Notifications to the National Panel within 5 working days"),
    ("rr_submission", "Rapid reviews sent to the Panel within 15 working days"),
    ("lcspr", "Local reviews completed within 6 months"),
)


@dataclass
class YearReport:
    year: int
    referrals: int = 0
    late_referrals: int = 0
    rapid_reviews_decided: int = 0
    no_rapid_review: int = 0
    local_reviews_commissioned: int = 0
    national_reviews: int = 0
    published: int = 0
    duties: dict[str, Timeliness] = field(default_factory=dict)
    other_clocks: dict[str, Timeliness] = field(default_factory=dict)
    agencies: dict[str, Timeliness] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "referrals": self.referrals,
            "late_referrals": self.late_referrals,
            "rapid_reviews_decided": self.rapid_reviews_decided,
            "no_rapid_review": self.no_rapid_review,
            "local_reviews_commissioned": self.local_reviews_commissioned,
            "national_reviews": self.national_reviews,
            "published": self.published,
            "duties": {k: t.as_dict() for k, t in self.duties.items()},
            "other_clocks": {k: t.as_dict() for k, t in sorted(self.other_clocks.items())},
            "agency_returns": {k: t.as_dict() for k, t in sorted(self.agencies.items())},
        }

    def rows(self) -> list[dict[str, object]]:
        """Flat rows for CSV: one per duty, clock and agency."""
        out: list[dict[str, object]] = []
        for scope, table in (("duty", self.duties), ("clock", self.other_clocks), ("agency_return", self.agencies)):
            for name, t in sorted(table.items()) if scope != "duty" else table.items():
                out.append({"year": self.year, "scope": scope, "name": name, **t.as_dict()})
        return out


def year_report(year: int, today: date, cases: list[CaseFact], clocks: list[ClockFact],
                commands: list[CommandFact]) -> YearReport:
    rep = YearReport(year)
    for c in cases:
        if c.opened.year == year:
            rep.referrals += 1
            rep.late_referrals += c.late_referral
    rep.duties = {key: Timeliness() for key, _ in HEADLINES}
    other: dict[str, Timeliness] = defaultdict(Timeliness)
    agencies: dict[str, Timeliness] = defaultdict(Timeliness)
    for ck in clocks:
        if ck.anchor.year != year:
            continue
        if ck.key == "agency_return":
            agencies[ck.agency or "(unnamed)"].add(ck, today)
        elif ck.key in rep.duties:
            rep.duties[ck.key].add(ck, today)
        else:
            other[ck.key].add(ck, today)
    # A late referral is already counted as such when the case opens: its clock 1 is met on receipt.
    ref = rep.duties["referral"]
    ref.late, ref.on_time = rep.late_referrals, max(0, ref.started - rep.late_referrals)
    # Decisions: counted from the commands that recorded them (verb and its first argument).
    for cmd in commands:
        if cmd.on.year != year:
            continue
        verb = " ".join(cmd.verb.upper().split())
        if verb == "DECISION: RAPID REVIEW":
            rep.rapid_reviews_decided += 1
        elif verb.startswith("DECISION: NO RAPID REVIEW"):
            rep.no_rapid_review += 1
        elif verb.startswith("PANEL: LOCAL REVIEW"):
            rep.local_reviews_commissioned += 1
        elif verb.startswith("PANEL: NATIONAL REVIEW"):
            rep.national_reviews += 1
        elif verb.startswith("PUBLISHED"):
            rep.published += 1
    rep.other_clocks = dict(other)
    rep.agencies = dict(agencies)
    return rep


def render_text(rep: YearReport, partnership: str) -> str:
    lines = [f"{partnership}: the year {rep.year} in figures", ""]
    lines.append(f"Referrals received: {rep.referrals} ({rep.late_referrals} arrived after their 1 working day)")
    lines.append(f"Screening: {rep.rapid_reviews_decided} rapid review(s) decided, {rep.no_rapid_review} not")
    lines.append(f"Panel decisions: {rep.local_reviews_commissioned} local review(s) commissioned, "
                 f"{rep.national_reviews} national review(s); {rep.published} report(s) published")
    lines.append("")
    head = f"{'':58} {'started':>7} {'on time':>7} {'late':>5} {'open':>5} {'overdue':>7} {'%':>6}"
    lines.append(head)
    titles = dict(HEADLINES)
    for key, t in rep.duties.items():
        lines.append(_row(titles[key], t))
    if rep.other_clocks:
        lines += ["", "Other clocks"]
        for key, t in sorted(rep.other_clocks.items()):
            lines.append(_row(key, t))
    if rep.agencies:
        lines += ["", "Agency returns (within 10 working days of the request)"]
        for name, t in sorted(rep.agencies.items()):
            lines.append(_row(name, t))
    return "\n".join(lines) + "\n"


def _row(title: str, t: Timeliness) -> str:
    pct = "-" if t.on_time_percent is None else f"{t.on_time_percent:.1f}"
    return f"{title[:58]:58} {t.started:>7} {t.on_time:>7} {t.late:>5} {t.open:>5} {t.overdue:>7} {pct:>6}"
