"""Deciding what a new referral does: the case's dates, clocks 1-3, routing, acknowledgement."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain import routing
from bot.domain.clocks import due_date
from bot.domain.effects import Audit, Effect, MailIntent, StartClock, StopClock
from bot.settings import Settings
from bot.workdays import WorkCalendar
from parsers.records import ParseResult


@dataclass(frozen=True)
class ReferralPlan:
    incident_date: date | None
    received_date: date
    late: bool
    referrer_email: str | None
    effects: list[Effect] = field(default_factory=list)


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def plan_referral(
    parsed: ParseResult, sender: str | None, received_at: datetime, settings: Settings, cal: WorkCalendar
) -> ReferralPlan:
    """Clock 1 is judged at once (met, or flagged late); clocks 2 and 3 start; six roles are alerted."""
    ref_form = parsed.referral
    assert ref_form is not None
    received = cal.effective_date(received_at)
    incident = _iso(ref_form.child.incident_date)
    rules = settings.clocks
    effects: list[Effect] = []
    notes: list[str] = []

    # Clock 1 runs from the practitioner becoming aware; the form's incident date is the best proxy.
    anchor1 = incident or received
    due1 = due_date(rules["referral"], anchor1, cal)
    late = incident is not None and received > due1
    effects.append(StartClock("referral", anchor1))
    effects.append(StopClock("referral", "met", received, "referral received"))
    if incident is None:
        notes.append("no incident date on the form: screening clock anchored on the day received")

    anchors = {"incident_date": incident or received, "referral_received": received}
    for key in ("screening", "notification"):
        rule = rules[key]
        effects.append(StartClock(key, anchors.get(rule.anchor, received)))

    to_roles = routing.for_event(settings, "referral")
    ctx: dict[str, object] = {
        "late": late,
        "received": received,
        "incident_date": incident,
        "missing": list(parsed.missing),
        "warnings": list(parsed.warnings),
        "notes": notes,
    }
    # One intent, one mail per address (each with its own idempotency key and Message-ID).
    effects.append(MailIntent("routing", "senior.routing.referral", to_roles, ctx, tag="routing",
                              attach_original=True, personal=True))
    ack_to = sender or ref_form.referrer.email
    if ack_to:
        effects.append(MailIntent("ack", "referrer.ack.referral", (ack_to,), ctx, tag="ack", reply=True))
    if parsed.missing or late:
        effects.append(
            MailIntent("triage", "coordinator.triage.referral", routing.for_event(settings, "triage"),
                       ctx, tag="triage-referral")
        )
    effects.append(Audit("referral_opened", {"late": late, "missing": list(parsed.missing)}))
    return ReferralPlan(incident, received, late, ack_to, effects)
