"""Read models for the CLI: `cases`, `case REF` (DESIGN.md case view contract), quarantine listings."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.caselist import case_list as case_list  # `cases` moved to Core (start-up); kept importable here
from bot.domain import routing
from bot.domain.clocks import status
from bot.domain.owner_ids import Identifiers
from bot.domain.process import STAGES
from bot.domain.redact import extension_shown, reason_given, summary_shown
from bot.settings import Settings
from bot.store.models import AgencyRequest, Case, Clock, Event, Message, Reminder
from bot.store.personal import restored
from bot.store.repo import open_case_ids


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def case_view(s: Session, case: Case, today: date, settings: Settings, full: bool = False,
              reasons: bool | None = None) -> dict[str, Any]:
    """`reasons`: show the reasons staff typed (DISAGREE, WAIVE, EXTEND, CLOSE, REOPEN...) as typed; by default
    with `full` only: free text can name the child, so without it a view says only that a reason was given."""
    typed = full if reasons is None else reasons
    clocks = s.scalars(select(Clock).where(Clock.case_id == case.id).order_by(Clock.id)).all()
    counts: dict[tuple[int, str], int] = {}
    for cid, kind, n in s.execute(
        select(Reminder.clock_id, Reminder.kind, func.count()).where(
            Reminder.clock_id.in_([c.id for c in clocks]), Reminder.outcome.in_(("sent", "sent_late"))
        ).group_by(Reminder.clock_id, Reminder.kind)
    ):
        counts[(cid, kind)] = n
    reqs = s.scalars(select(AgencyRequest).where(AgencyRequest.case_id == case.id).order_by(AgencyRequest.id))
    clock5 = {c.agency: c for c in clocks if c.key == "agency_return"}
    events = s.scalars(select(Event).where(Event.case_id == case.id).order_by(Event.id)).all()
    # Typed text is kept apart from the log (bot/store/personal.py): shown as written while the case is retained.
    details = restored(s, [e.detail or {} for e in events])
    view: dict[str, Any] = {
        "ref": case.ref,
        "stage": case.stage,
        "stage_label": STAGES[case.stage].label if case.stage in STAGES else case.stage,
        "opened": case.opened_at.date().isoformat(),
        "late_referral": case.late_referral,
        "clocks": [
            {"name": c.key, "agency": c.agency or None, "anchor": c.anchor.isoformat(), "due": c.due.isoformat(),
             "status": status(c.state, c.due, c.stopped_on, today),
             "late": bool(c.stopped_on and c.stopped_on > c.due),
             "chasers_sent": counts.get((c.id, "chaser"), 0),
             "escalations_sent": counts.get((c.id, "escalation"), 0),
             "extension": c.extension_reason if typed else extension_shown(c.extension_reason)}
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
             "detail": _public_detail(d, typed, e.kind in _TYPED_WHOLE)}
            for e, d in zip(events, details, strict=True)
        ],
    }
    view["process"] = process_facts(case, settings, full, open_case_ids(s) if (case.facts or {}).get("actions")
                                    else None)
    if full:
        view["referral"] = case.referral_json
        view["referrer_email"] = case.referrer_email
        view["to_check"] = _to_check(s, case)
    return view


def _to_check(s: Session, case: Case) -> list[dict[str, Any]]:
    """The referral's fields to check (bot/domain/tocheck.py) not corrected since: names and reasons only."""
    from bot.complete import referral_parse
    from bot.domain.tocheck import fields_to_check

    corrected = {str(d.get("field")) for d in s.scalars(select(Event.detail).where(
        Event.case_id == case.id, Event.kind == "field_corrected"))}
    parsed = referral_parse(s, case)  # a form that completed the case is read, not the letter (round 23 B1)
    return [f for f in fields_to_check(parsed, case.referral_json, case.stage != "closed")
            if f["field"] not in corrected]


# Facts of the process shown in every case view: dates, decisions, the reviewer, actions; no child identifier.
_PUBLIC_FACTS = ("provisional", "aware", "aware_from", "notified_on", "looked_after", "always_refer", "closed_by",
                 "several_forms", "dispute_until", "reviewer", "published", "actions", "incident")


def process_facts(case: Case, settings: Settings, full: bool = False, ids: Identifiers | None = None,
                  ) -> dict[str, Any]:
    """The case's public process facts. A learning action's owner is shown as the digest shows it
    (routing.shown_owner: a role, an agency, a secure address or "owner to check"), never as typed: an action
    recorded before owners were checked may hold a child's name. `full` (the personal view) adds it as typed.
    `ids`: the open cases' stored keys, as the digest reads them (repo.open_case_ids)."""
    facts = case.facts or {}
    out = {k: facts[k] for k in _PUBLIC_FACTS if k in facts}
    listed = out.get("actions")
    if isinstance(listed, list):
        out["actions"] = [_action(a, settings, full, ids) for a in listed if isinstance(a, dict)]
    return out


def _action(action: dict[str, Any], settings: Settings, full: bool, ids: Identifiers | None) -> dict[str, Any]:
    shown = {k: v for k, v in action.items() if k not in ("owner", "owner_to_check")}
    shown["owner"] = routing.shown_owner(settings, action, ids)
    if full:
        shown["owner_as_typed"] = action.get("owner")
    return shown


# Events whose whole reason is what a person typed (WAIVE, EXTEND); elsewhere typed text follows a code and a colon
# ("disagreement raised: ...", "closed: ...", "waived: ...") and a reason without one is csprbot's own wording.
_TYPED_WHOLE = frozenset({"return_waived", "clock_extended"})


def _public_detail(detail: dict[str, Any], typed: bool = False, whole: bool = False) -> str:
    """An event's detail for a view; a `reason` (free text a person may have typed) as typed only with `typed`."""
    keep = ("clock", "agency", "due", "to", "kind", "verb", "reason", "summary", "outcome", "from", "rule", "late")
    shown = {k: detail[k] for k in keep if k in detail and detail[k] not in (None, "", [])}
    if "reason" in shown and not typed:
        shown["reason"] = reason_given(str(shown["reason"]), whole=whole)
    if "summary" in shown and not typed:  # a command's summary repeats its reason after a colon
        shown["summary"] = summary_shown(str(shown["summary"]))
    return ", ".join(f"{k}={v}" for k, v in shown.items())


def quarantine_list(s: Session, include_ignored: bool = False) -> list[dict[str, Any]]:
    """Quarantined mail; with include_ignored also mail not acted on as an automatic reply or csprbot's own."""
    # "released": a release that did not finish (killed before its effects committed) stays listed, and
    # releasable, until it is processed.
    statuses = ["quarantined", "released", "ignored"] if include_ignored else ["quarantined", "released"]
    rows = s.scalars(select(Message).where(Message.status.in_(statuses)).order_by(Message.id))
    return [{"id": m.id, "received_at": m.received_at.isoformat(timespec="minutes"), "from": m.sender,
             "reason": (f"release not finished: release it again ({m.reason})" if m.status == "released"
                        else m.reason), "status": m.status} for m in rows]
