"""Read models for the CLI: `cases`, `case REF` (DESIGN.md case view contract), quarantine listings."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.clocks import status
from bot.store.models import AgencyRequest, Case, Clock, Event, Message, Reminder


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def case_list(s: Session, today: date, include_closed: bool = False) -> list[dict[str, Any]]:
    q = select(Case).order_by(Case.id)
    if not include_closed:
        q = q.where(Case.stage != "closed")
    out = []
    for case in s.scalars(q):
        running = s.scalars(select(Clock).where(Clock.case_id == case.id, Clock.state == "running")
                            .order_by(Clock.due)).all()
        nxt = running[0] if running else None
        out.append({
            "ref": case.ref, "stage": case.stage, "opened": case.opened_at.date().isoformat(),
            "late_referral": case.late_referral,
            "next_due": {"clock": nxt.key, "agency": nxt.agency or None, "due": nxt.due.isoformat(),
                         "status": status(nxt.state, nxt.due, nxt.stopped_on, today)} if nxt else None,
            "breached": sum(1 for c in running if today > c.due),
        })
    return out


def case_view(s: Session, case: Case, today: date, full: bool = False) -> dict[str, Any]:
    clocks = s.scalars(select(Clock).where(Clock.case_id == case.id).order_by(Clock.id)).all()
    counts: dict[tuple[int, str], int] = {}
    for cid, kind, n in s.execute(
        select(Reminder.clock_id, Reminder.kind, func.count()).where(
            Reminder.clock_id.in_([c.id for c in clocks]), Reminder.outcome != "skipped"
        ).group_by(Reminder.clock_id, Reminder.kind)
    ):
        counts[(cid, kind)] = n
    reqs = s.scalars(select(AgencyRequest).where(AgencyRequest.case_id == case.id).order_by(AgencyRequest.id))
    clock5 = {c.agency: c for c in clocks if c.key == "agency_return"}
    events = s.scalars(select(Event).where(Event.case_id == case.id).order_by(Event.id)).all()
    view: dict[str, Any] = {
        "ref": case.ref,
        "stage": case.stage,
        "opened": case.opened_at.date().isoformat(),
        "late_referral": case.late_referral,
        "clocks": [
            {"name": c.key, "agency": c.agency or None, "anchor": c.anchor.isoformat(), "due": c.due.isoformat(),
             "status": status(c.state, c.due, c.stopped_on, today),
             "late": bool(c.stopped_on and c.stopped_on > c.due),
             "chasers_sent": counts.get((c.id, "chaser"), 0),
             "escalations_sent": counts.get((c.id, "escalation"), 0),
             "extension": c.extension_reason}
            for c in clocks
        ],
        "agency_returns": [
            {"agency": r.agency, "requested": _iso(r.requested_on),
             "due": _iso(clock5[r.agency].due) if r.agency in clock5 else None,
             "received": _iso(r.received_on), "involved": r.involved, "late": r.late,
             "unsolicited": r.unsolicited}
            for r in reqs
        ],
        "events": [
            {"at": e.at.isoformat(timespec="seconds") + "Z", "kind": e.kind, "by": e.actor,
             "detail": _public_detail(e.detail)}
            for e in events
        ],
    }
    if full:
        view["referral"] = case.referral_json
        view["referrer_email"] = case.referrer_email
    return view


def _public_detail(detail: dict[str, Any]) -> str:
    keep = ("clock", "agency", "due", "to", "kind", "verb", "reason", "summary", "outcome", "from", "rule", "late")
    return ", ".join(f"{k}={detail[k]}" for k in keep if k in detail and detail[k] not in (None, "", []))


def quarantine_list(s: Session) -> list[dict[str, Any]]:
    rows = s.scalars(select(Message).where(Message.status == "quarantined").order_by(Message.id))
    return [{"id": m.id, "received_at": m.received_at.isoformat(timespec="minutes"), "from": m.sender,
             "reason": m.reason} for m in rows]
