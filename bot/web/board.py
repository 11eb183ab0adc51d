"""The case board's read model: every open case with its most urgent clock, in three queries however many.

Red: a running clock is past its due date. Amber: the next due date is within `AMBER_DAYS` working days
(the chasers' window). Green: otherwise. Grey: no clock running (e.g. waiting for the National Panel).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.labels import label
from bot.store.models import AgencyRequest, Case, Clock
from bot.workdays import WorkCalendar

AMBER_DAYS = 2
RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "grey": 3}
RAG_TAG = {"red": "red", "amber": "yellow", "green": "green", "grey": "grey"}  # govuk-tag colours
RAG_TEXT = {"red": "Overdue", "amber": "Due soon", "green": "On track", "grey": "No clock running"}


@dataclass(frozen=True)
class BoardRow:
    ref: str
    stage: str
    opened: date
    late_referral: bool
    clock: str | None  # label of the clock due next
    agency: str | None
    due: date | None
    days_left: int | None  # working days to the due date; negative when overdue
    breached: int  # running clocks past due
    outstanding: int  # agency returns requested and not yet in
    rag: str

    @property
    def rag_text(self) -> str:
        return RAG_TEXT[self.rag]

    @property
    def tag(self) -> str:
        return RAG_TAG[self.rag]

    @property
    def due_text(self) -> str:
        return f"{self.due:%a} {self.due.day} {self.due:%b %Y}" if self.due else ""


def board(s: Session, cal: WorkCalendar, today: date, stage: str | None = None, breached_only: bool = False,
          outstanding_only: bool = False) -> list[BoardRow]:
    open_cases = Case.stage != "closed"
    cases = s.execute(select(Case.id, Case.ref, Case.stage, Case.opened_at, Case.late_referral)
                      .where(open_cases).order_by(Case.id)).all()
    clocks: dict[int, list[tuple[date, str, str]]] = defaultdict(list)
    for case_id, due, key, agency in s.execute(
            select(Clock.case_id, Clock.due, Clock.key, Clock.agency).join(Case, Case.id == Clock.case_id)
            .where(open_cases, Clock.state == "running")):
        clocks[case_id].append((due, key, agency))
    outstanding = dict(s.execute(
        select(AgencyRequest.case_id, func.count(AgencyRequest.id)).join(Case, Case.id == AgencyRequest.case_id)
        .where(open_cases, AgencyRequest.received_on.is_(None), AgencyRequest.requested_on.is_not(None),
               AgencyRequest.unsolicited.is_(False))
        .group_by(AgencyRequest.case_id)).all())
    rows: list[BoardRow] = []
    for case_id, ref, case_stage, opened_at, late in cases:
        if stage and case_stage != stage:
            continue
        running = sorted(clocks.get(case_id, []))
        n_breached = sum(1 for due, _k, _a in running if today > due)
        n_out = int(outstanding.get(case_id, 0))
        if (breached_only and not n_breached) or (outstanding_only and not n_out):
            continue
        if running:
            due, key, agency = running[0]
            left = cal.working_days_between(today, due)
            rag = "red" if n_breached else "amber" if left <= AMBER_DAYS else "green"
            rows.append(BoardRow(ref, case_stage, opened_at.date(), bool(late), label(key), agency or None, due,
                                 left, n_breached, n_out, rag))
        else:
            rows.append(BoardRow(ref, case_stage, opened_at.date(), bool(late), None, None, None, None, 0, n_out,
                                 "grey"))
    rows.sort(key=lambda r: (RAG_ORDER[r.rag], r.due or date.max, r.ref))
    return rows


def find_cases(s: Session, text: str, limit: int = 50) -> list[tuple[str, str]]:
    """(ref, stage) of cases, open or closed, whose reference contains `text` (case-insensitive)."""
    needle = "".join(ch for ch in text.strip().upper() if ch.isalnum() or ch == "-")
    if not needle:
        return []
    return [(ref, st) for ref, st in s.execute(
        select(Case.ref, Case.stage).where(func.upper(Case.ref).contains(needle, autoescape=True))
        .order_by(Case.id.desc()).limit(limit))]


def stages(s: Session) -> list[str]:
    return sorted(st for (st,) in s.execute(select(Case.stage).where(Case.stage != "closed").distinct()))
