"""A case page's read model: the case view of `csprbot case`, the clocks' timeline, the form as read.

Personal data (the referral as read, the parser's warnings, which quote the form) is included only when
`full` is true: for the roles that already receive the full form by email.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.parser import BytesParser
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.apply import Runtime
from bot.domain import routing
from bot.domain.clocks import status
from bot.domain.labels import label
from bot.domain.redact import reason_given
from bot.domain.tocheck import fields_to_check
from bot.store.models import Case, Clock, Event, Reminder
from bot.store.repo import open_case_ids, snapshot
from bot.views import case_view
from bot.web.chart import Chart, ClockLine, timeline
from bot.web.commands import Form, correctable, offered
from bot.web.diagram import Diagram, diagram
from bot.workdays import WorkCalendar
from parsers.headerbound import POLICY, bound_message

# Short names for the chart's rows (the table beside it gives the full ones).
SHORT = {"referral": "Referral", "screening": "Screening", "notification": "Notification (SIN)",
         "rr_start": "Rapid review start", "agency_return": "Return", "rr_submission": "RR submission",
         "panel_response": "Panel response", "lcspr": "Local review", "disagreement": "AD decision"}


@dataclass(frozen=True)
class CasePage:
    view: dict[str, Any]
    chart: Chart
    diagram: Diagram
    forms: list[Form]  # the commands the viewer may send now
    options: dict[str, list[tuple[str, str]]]  # (value, text) for the forms' select fields, by field kind
    to_check: list[dict[str, Any]]  # fields to check: name, why, correctable
    running: list[dict[str, Any]]  # running clocks, for EXTEND
    form: dict[str, Any] | None  # the referral as read (full roles only)
    missing: list[str]
    warnings: list[str]
    full: bool
    closed_reason: str | None


def case_page(s: Session, case: Case, rt: Runtime, cal: WorkCalendar, full: bool,
              roles: set[str] | None = None, viewer: str = "") -> CasePage:
    """The page's model; `roles`: the viewer's roles, `viewer` their address (the referrer may DISAGREE)."""
    today = rt.today
    # The audit log's typed reasons as typed only for the roles that see the form (`full`): free text can name
    # the child, and the page is shown to every role (docs/SECURITY.md, web view).
    view = case_view(s, case, today, rt.settings, full=False, reasons=full)
    for e in view["events"]:  # the page has no --full: say who sees the reason instead
        e["detail"] = e["detail"].replace("--full shows it", "shown to the roles that see the form")
    clocks = s.scalars(select(Clock).where(Clock.case_id == case.id).order_by(Clock.id)).all()
    sent: dict[tuple[int, str], list[date]] = {}
    for clock_id, kind, at in s.execute(select(Reminder.clock_id, Reminder.kind, Reminder.handled_at).where(
            Reminder.clock_id.in_([c.id for c in clocks]), Reminder.outcome.in_(("sent", "sent_late")))):
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
    from bot.complete import referral_parse

    parsed = referral_parse(s, case)  # a form that completed the case is read, not the letter (round 23 B1)
    visited = {case.stage}
    corrected: set[str] = set()
    for kind, detail in s.execute(select(Event.kind, Event.detail).where(
            Event.case_id == case.id, Event.kind.in_(("stage_changed", "referral_opened", "field_corrected")))):
        if kind == "field_corrected":
            corrected.add(str(detail.get("field")))
        else:
            visited |= {str(detail.get(k)) for k in ("from", "to", "stage") if detail.get(k)}
    picture = diagram(case.stage, visited - {case.stage},
                      [(c.key, status(c.state, c.due, c.stopped_on, today), c.due.isoformat()) for c in clocks])
    snap = snapshot(s, case)
    held = set(roles or ())
    if viewer and snap.referrer_email and viewer.lower() == snap.referrer_email.lower():
        held.add("referrer")
    offered_forms = offered(snap, held, today)
    listed = snap.facts.get("actions")
    # The owner as every view shows it (routing.shown_owner), never as typed.
    ids = open_case_ids(s) if listed else None  # the open cases' stored keys, as the digest reads them
    actions = {str(a.get("n")): routing.shown_owner(rt.settings, a, ids)
               for a in (listed if isinstance(listed, list) else []) if isinstance(a, dict)}
    options = {
        "clock": [(r["value"], r["text"]) for r in running],
        "return": [(c.agency, c.agency) for c in clocks if c.key == "agency_return" and c.state == "running"],
        "action": [(c.agency.lstrip("#"), f"{c.agency} {actions.get(c.agency.lstrip('#'), '')}, due "
                    f"{c.due.isoformat()}".replace("  ", " ")) for c in clocks
                   if c.key == "learning_action" and c.state == "running"],
        "correctable": [(k, k) for k in correctable()],
        "agencies": [(a.name, a.name) for a in rt.settings.agencies],
    }
    return CasePage(
        view=view, chart=timeline(lines, today), diagram=picture, forms=offered_forms, options=options,
        to_check=[f for f in fields_to_check(parsed, case.referral_json, case.stage != "closed")
                  if f["field"] not in corrected], running=running,
        form=case.referral_json if full else None, missing=list(parsed.get("missing") or []),
        warnings=list(parsed.get("warnings") or []) if full else [],
        full=full, closed_reason=case.closed_reason if full else reason_given(
            case.closed_reason, "shown to the roles that see the form", whole=False) or None,
    )


def quarantined_text(raw: bytes, limit: int = 100_000) -> dict[str, Any]:
    """A quarantined message made safe to read: headers, its text parts as text, attachments by name only.

    HTML parts are reduced to their text; nothing in the message is ever served as HTML or as a file.
    """
    out: dict[str, Any] = {"headers": [], "body": "", "attachments": []}
    try:
        bounded = bound_message(raw)  # a 2 MB Subject must not stall the page (parsers/headerbound.py)
        msg = BytesParser(policy=POLICY).parsebytes(bounded.raw)
    except Exception:  # a message the email package cannot parse: show its bytes as text
        out["body"] = raw[:limit].decode("utf-8", "replace")
        return out
    for name in ("From", "To", "Cc", "Subject", "Date"):
        if msg.get(name):
            out["headers"].append((name, str(msg.get(name))[:500]))
    out["headers"] += [("Note", note) for note in bounded.notes]
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
