"""`csprbot report --year YYYY`: reads the year's cases, clocks and accepted commands for bot/domain/yearly."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.yearly import CaseFact, ClockFact, CommandFact, YearReport, render_text, year_report
from bot.store.models import Case, Clock, Event


def _utc(d: date, zone: ZoneInfo) -> datetime:
    """Local midnight starting `d`, as the naive UTC the store keeps."""
    return datetime(d.year, d.month, d.day, tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def build(s: Session, year: int, today: date, tz: str = "Europe/London") -> YearReport:
    """Three queries whatever the number of cases; no personal column is read.

    A referral is counted in the year it reached the mailbox, on the partnership's local calendar (`tz`): its
    case's `opened_at` is that receipt instant (UTC), whatever day its clocks count from, as its reference's
    year is (stranger round 18). Accepted commands by the date they state, else by their local day of receipt
    (`_dated`)."""
    zone = ZoneInfo(tz)
    start, end = _utc(date(year, 1, 1), zone), _utc(date(year + 1, 1, 1), zone)

    def local_day(at: datetime) -> date:
        return at.replace(tzinfo=UTC).astimezone(zone).date()

    lo, hi = date(year - 1, 1, 1), date(year + 1, 12, 31)  # clocks anchored in the year, with margin
    cases = [CaseFact(ref, local_day(opened), bool(late)) for ref, opened, late in s.execute(
        select(Case.ref, Case.opened_at, Case.late_referral)
        .where(Case.opened_at >= start, Case.opened_at < end))]
    clocks = [ClockFact(ref, key, agency or "", anchor, due, state, stopped_on)
              for ref, key, agency, anchor, due, state, stopped_on in s.execute(
                  select(Case.ref, Clock.key, Clock.agency, Clock.anchor, Clock.due, Clock.state, Clock.stopped_on)
                  .join(Case, Case.id == Clock.case_id).where(Clock.anchor >= lo, Clock.anchor <= hi))]
    commands: list[CommandFact] = []
    # A decision recorded after New Year may be dated in the year before (`PANEL: LOCAL REVIEW 2026-12-31` typed
    # on 4 January): no upper bound on receipt here, the day it counts on is decided below (stranger round 21, B2).
    # A stated date is never in the future, so nothing received before the year can be dated in it.
    for ref, at, detail in s.execute(
        select(Case.ref, Event.at, Event.detail).join(Case, Case.id == Event.case_id)
        .where(Event.kind == "command_accepted", Event.at >= start)):
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
        commands.append(CommandFact(ref, f"{verb}: {first}" if first else verb, _dated(args, local_day(at))))
    return year_report(year, today, cases, clocks, commands)


def _dated(args: object, received: date) -> date:
    """The day a command's event happened: the date the command states (`DECISION: RAPID REVIEW 2026-12-24`,
    `PANEL: LOCAL REVIEW 2026-12-31`, `PUBLISHED: ...`), which is also the day the clock it starts counts from
    (commands._started_on), else the local day it was received. So a decision and its clock fall in one year."""
    raw = args.get("date") if isinstance(args, dict) else None
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass  # an accepted command's date was readable; an unreadable one is no date
    return received


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
