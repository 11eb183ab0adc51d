"""`csprbot report --year YYYY`: reads the year's cases, clocks and accepted commands for bot/domain/yearly."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.yearly import CaseFact, ClockFact, CommandFact, YearReport, render_text, year_report
from bot.store.models import Case, Clock, Event


def build(s: Session, year: int, today: date) -> YearReport:
    """Three queries whatever the number of cases; no personal column is read."""
    lo, hi = date(year - 1, 1, 1), date(year + 1, 12, 31)  # clocks anchored in the year, with margin
    cases = [CaseFact(ref, opened.date(), bool(late)) for ref, opened, late in s.execute(
        select(Case.ref, Case.opened_at, Case.late_referral)
        .where(Case.opened_at >= datetime(year, 1, 1), Case.opened_at < datetime(year + 1, 1, 1)))]
    clocks = [ClockFact(ref, key, agency or "", anchor, due, state, stopped_on)
              for ref, key, agency, anchor, due, state, stopped_on in s.execute(
                  select(Case.ref, Clock.key, Clock.agency, Clock.anchor, Clock.due, Clock.state, Clock.stopped_on)
                  .join(Case, Case.id == Clock.case_id).where(Clock.anchor >= lo, Clock.anchor <= hi))]
    commands: list[CommandFact] = []
    for ref, at, detail in s.execute(
        select(Case.ref, Event.at, Event.detail).join(Case, Case.id == Event.case_id)
        .where(Event.kind == "command_accepted", Event.at >= datetime(year, 1, 1),
               Event.at < datetime(year + 1, 1, 1))):
        d = detail if isinstance(detail, dict) else {}
        verb = str(d.get("verb") or "")
        args = d.get("args") if isinstance(d.get("args"), dict) else {}
        first = ""
        if isinstance(args, dict):
            first = str(args.get("decision") or args.get("view") or "")
        if not first and verb in ("DECISION", "PANEL"):
            # Events written before the arguments were audited: the summary names the decision.
            summary = str(d.get("summary") or "").lower()
            first = {"DECISION": "NO RAPID REVIEW" if summary.startswith("no rapid review") else "RAPID REVIEW",
                     "PANEL": summary.removeprefix("panel's view recorded: ").upper()}[verb]
        commands.append(CommandFact(ref, f"{verb}: {first}" if first else verb, at.date()))
    return year_report(year, today, cases, clocks, commands)


def render(rep: YearReport, fmt: str, partnership: str) -> str:
    if fmt == "json":
        return json.dumps(rep.as_dict(), indent=2) + "\n"
    if fmt == "csv":
        rows = rep.rows()
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["year"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return buf.getvalue()
    return render_text(rep, partnership)
