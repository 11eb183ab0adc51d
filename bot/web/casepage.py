"""A case page's read model: the case view of `csprbot case`, the clocks' timeline, the form as read.

Personal data (the referral as read, the parser's warnings, which quote the form) is included only when
`full` is true: for the roles that already receive the full form by email.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email import policy
from email.parser import BytesParser
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.apply import Runtime
from bot.domain.clocks import status
from bot.domain.labels import label
from bot.store.models import Case, Clock, Message, Reminder
from bot.views import case_view
from bot.web.chart import Chart, ClockLine, timeline
from bot.workdays import WorkCalendar

# Until the process model lands in bot/domain, the stages as the commands move a case through them.
STAGES = (
    ("screening", "Screening: rapid review or not"),
    ("rapid_review", "Rapid review: agency returns, notification"),
    ("awaiting_panel", "Submitted: awaiting the National Panel"),
    ("local_review", "Local review (6 months) or national review"),
    ("closed", "Closed"),
)
# Short names for the chart's rows (the table beside it gives the full ones).
SHORT = {"referral": "Referral", "screening": "Screening", "notification": "Notification (SIN)",
         "rr_start": "Rapid review start", "agency_return": "Return", "rr_submission": "RR submission",
         "panel_response": "Panel response", "lcspr": "Local review", "disagreement": "AD decision"}
STAGE_INDEX = {"screening": 0, "rapid_review": 1, "awaiting_panel": 2, "local_review": 3, "national_review": 3,
               "closed": 4}


@dataclass(frozen=True)
class CasePage:
    view: dict[str, Any]
    chart: Chart
    stage_index: int
    running: list[dict[str, Any]]  # running clocks, for EXTEND
    form: dict[str, Any] | None  # the referral as read (full roles only)
    missing: list[str]
    warnings: list[str]
    full: bool
    closed_reason: str | None


def case_page(s: Session, case: Case, rt: Runtime, cal: WorkCalendar, full: bool) -> CasePage:
    today = rt.today
    view = case_view(s, case, today, full=False)
    clocks = s.scalars(select(Clock).where(Clock.case_id == case.id).order_by(Clock.id)).all()
    sent: dict[tuple[int, str], list[date]] = {}
    for clock_id, kind, at in s.execute(select(Reminder.clock_id, Reminder.kind, Reminder.handled_at).where(
            Reminder.clock_id.in_([c.id for c in clocks]), Reminder.outcome != "skipped")):
        sent.setdefault((clock_id, kind), []).append(at.date())
    lines = [ClockLine((SHORT.get(c.key, c.key) + (f": {c.agency}" if c.agency else ""))[:34], c.anchor, c.due,
                       status(c.state, c.due, c.stopped_on, today), c.stopped_on,
                       sent.get((c.id, "chaser"), []), sent.get((c.id, "escalation"), []))
             for c in clocks]
    for c, v in zip(clocks, view["clocks"], strict=True):
        v["label"] = label(c.key)
        v["days_left"] = cal.working_days_between(today, c.due) if c.state == "running" else None
    running = [{"value": c.key + (f" {c.agency}" if c.agency else ""),
                "text": label(c.key) + (f" ({c.agency})" if c.agency else "") + f", due {c.due.isoformat()}"}
               for c in clocks if c.state == "running"]
    first = s.scalar(select(Message).where(Message.case_id == case.id, Message.kind == "referral")
                     .order_by(Message.id).limit(1))
    parsed = (first.parse_json or {}) if first else {}
    return CasePage(
        view=view, chart=timeline(lines, today), stage_index=STAGE_INDEX.get(case.stage, 0), running=running,
        form=case.referral_json if full else None, missing=list(parsed.get("missing") or []),  # type: ignore[call-overload]
        warnings=list(parsed.get("warnings") or []) if full else [],  # type: ignore[call-overload]
        full=full, closed_reason=case.closed_reason,
    )


def quarantined_text(raw: bytes, limit: int = 100_000) -> dict[str, Any]:
    """A quarantined message made safe to read: headers, its text parts as text, attachments by name only.

    HTML parts are reduced to their text; nothing in the message is ever served as HTML or as a file.
    """
    out: dict[str, Any] = {"headers": [], "body": "", "attachments": []}
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:  # a message the email package cannot parse: show its bytes as text
        out["body"] = raw[:limit].decode("utf-8", "replace")
        return out
    for name in ("From", "To", "Cc", "Subject", "Date"):
        if msg.get(name):
            out["headers"].append((name, str(msg.get(name))[:500]))
    parts: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            payload = part.get_payload(decode=True) or b""
            out["attachments"].append((filename or "(no name)", ctype, len(payload)))
            continue
        if ctype not in ("text/plain", "text/html"):
            continue
        try:
            text = part.get_content()
        except Exception:
            text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")  # type: ignore[union-attr]
        if ctype == "text/html":
            from bs4 import BeautifulSoup

            text = BeautifulSoup(text, "html.parser").get_text("\n")
        parts.append(str(text))
    out["body"] = "\n\n".join(parts)[:limit]
    return out
