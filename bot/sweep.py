"""The clock sweep: fires due chasers and escalations for running clocks, once each, in working hours."""

from __future__ import annotations

import logging
from collections import defaultdict

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain import process, routing
from bot.domain.clocks import due_reminders, slots
from bot.domain.effects import MailIntent
from bot.domain.labels import action, label
from bot.settings import ROLES, insecure_reason
from bot.store.models import Case, Clock, Reminder
from bot.store.repo import snapshot, utc_naive
from bot.workdays import WorkCalendar

log = logging.getLogger("csprbot.sweep")


def _may_have_due_slots(rt: Runtime, cal: WorkCalendar) -> ColumnElement[bool]:
    """SQL: running clocks that can have a slot due by today; the rest cannot, so are not loaded.

    A chaser `off` working days from `due` falls on or before today only if due <= today + (-off) WD
    (add_working_days is monotonic, and for off < 0 counts strictly before `due`), and every escalation
    falls on or after `due`. So a clock whose due date lies beyond today + its rule's longest chaser lead
    has no slot yet: at 100,000 running clocks that skips nearly all of them. Informal rules have none.
    """
    today = rt.today
    per_key = []
    for key, rule in rt.settings.clocks.items():
        if rule.informal or not (rule.chasers or rule.escalation):
            continue
        lead = max([0, *(-off for off in rule.chasers)])
        per_key.append(and_(Clock.key == key, Clock.due <= cal.add_working_days(today, lead)))
    return or_(*per_key) if per_key else false()


def _addresses(rt: Runtime, roles: list[str], agency: str, case: Case) -> tuple[str, ...]:
    """Addresses for a reminder; a learning action's owner (its clock's agency is "#N") is resolved from the
    case's facts: a role, an agency (its lead) or an address on the secure allowlist; else the co-ordinator."""
    if "action_owner" not in roles:
        return routing.addresses(rt.settings, roles, agency)
    actions = (case.facts or {}).get("actions")
    owner = next((str(a.get("owner") or "") for a in (actions if isinstance(actions, list) else [])
                  if isinstance(a, dict) and f"#{a.get('n')}" == agency), "")
    found: list[str] = []
    role = owner.strip().lower().replace(" ", "_")
    ag = rt.settings.agency_named(owner)
    if role in ROLES:
        found = list(routing.addresses(rt.settings, [role]))
    elif ag is not None:
        found = [ag.lead]
    elif "@" in owner and not insecure_reason(owner.strip(), rt.settings.secure_domains):
        found = [owner.strip().lower()]
    rest = routing.addresses(rt.settings, [r for r in roles if r != "action_owner"] or ["coordinator"], agency)
    return tuple(dict.fromkeys([*found, *rest]))


def sweep(sessions: sessionmaker[Session], rt: Runtime) -> int:
    """Returns the number of reminders sent. One transaction: reminders and their mails commit together."""
    cal, today = rt.cal, rt.today
    hours = (rt.settings.calendar.reminder_time, rt.settings.calendar.working_hours_end)
    if not cal.is_working_day(today):
        return 0
    local = rt.now.astimezone(cal.tz).time()
    if not hours[0] <= local < hours[1]:
        return 0  # due_reminders acts only in working hours: out of them no clock can have a decision
    sent = 0
    with sessions.begin() as s:
        clocks = s.scalars(
            select(Clock).where(Clock.state == "running", _may_have_due_slots(rt, cal)).order_by(Clock.id)
        ).all()
        handled: dict[int, set[str]] = defaultdict(set)
        ids = [c.id for c in clocks]
        for i in range(0, len(ids), 900):
            for cid, slot in s.execute(select(Reminder.clock_id, Reminder.slot)
                                       .where(Reminder.clock_id.in_(ids[i:i + 900]))):
                handled[cid].add(slot)
        for clock in clocks:
            rule = rt.settings.clocks[clock.key]
            decisions = due_reminders(slots(rule, clock.due, cal, today, hours[0]), handled[clock.id],
                                      rt.now, cal, hours)
            if not decisions:
                continue
            case = s.get(Case, clock.case_id)  # only for the few clocks that act: not 100,000 case rows
            assert case is not None
            snap = snapshot(s, case)
            for d in decisions:
                roles = rule.responsible if d.slot.kind == "chaser" else rule.escalation[d.slot.step]
                to = _addresses(rt, roles, clock.agency, case) if d.outcome != "skipped" else ()
                s.add(Reminder(clock_id=clock.id, slot=d.slot.key, kind=d.slot.kind,
                               planned_for=utc_naive(d.slot.fire_at), handled_at=rt.stamp, outcome=d.outcome,
                               recipients=list(to), rule=d.slot.rule))
                audit(s, rt, f"{d.slot.kind}_{d.outcome}", {"clock": clock.key, "agency": clock.agency,
                                                            "slot": d.slot.key, "rule": d.slot.rule,
                                                            "to": list(to)}, case)
                if d.outcome == "skipped":
                    continue
                overdue = max(0, cal.working_days_between(clock.due, today))
                held = {r for r in roles if r in ROLES}
                invites = tuple(process.invitations(snap, today, cal.add_working_days(today, 10),
                                                    process.CLOCK_ANSWERS.get(clock.key, ()), held,
                                                    n=clock.agency.lstrip("#") or "1"))
                ctx = {"clock_label": label(clock.key), "agency": clock.agency, "due": clock.due,
                       "status": "due today" if today == clock.due else
                       ("overdue" if today > clock.due else "running"),
                       "action": "" if invites else action(clock.key), "rule": d.slot.rule, "overdue": overdue,
                       "responsible": ", ".join(r.replace("_", " ") for r in rule.responsible) or "-"}
                kind = d.slot.kind
                enqueue(s, rt, MailIntent(kind, f"role.{kind}.clock", to, ctx, clock=clock.key, tag=d.slot.key,
                                          invites=invites), case, None, f"clock:{clock.id}")
                sent += 1
    if sent:
        log.info("sweep: %d reminder(s) queued", sent)
    return sent
