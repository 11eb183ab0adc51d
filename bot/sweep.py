"""The clock sweep: fires due chasers and escalations for running clocks, once each, in working hours."""

from __future__ import annotations

import logging
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain import routing
from bot.domain.clocks import due_reminders, slots
from bot.domain.effects import MailIntent
from bot.domain.labels import action, label
from bot.store.models import Case, Clock, Reminder
from bot.store.repo import utc_naive

log = logging.getLogger("csprbot.sweep")


def sweep(sessions: sessionmaker[Session], rt: Runtime) -> int:
    """Returns the number of reminders sent. One transaction: reminders and their mails commit together."""
    cal, today = rt.cal, rt.today
    hours = (rt.settings.calendar.reminder_time, rt.settings.calendar.working_hours_end)
    if not cal.is_working_day(today):
        return 0
    sent = 0
    with sessions.begin() as s:
        clocks = s.execute(
            select(Clock, Case).join(Case, Case.id == Clock.case_id).where(Clock.state == "running")
        ).all()
        handled: dict[int, set[str]] = defaultdict(set)
        ids = [c.id for c, _ in clocks]
        for i in range(0, len(ids), 900):
            for cid, slot in s.execute(select(Reminder.clock_id, Reminder.slot)
                                       .where(Reminder.clock_id.in_(ids[i:i + 900]))):
                handled[cid].add(slot)
        for clock, case in clocks:
            rule = rt.settings.clocks[clock.key]
            decisions = due_reminders(slots(rule, clock.due, cal, today, hours[0]), handled[clock.id],
                                      rt.now, cal, hours)
            for d in decisions:
                roles = rule.responsible if d.slot.kind == "chaser" else rule.escalation[d.slot.step]
                to = routing.addresses(rt.settings, roles, clock.agency) if d.outcome != "skipped" else ()
                s.add(Reminder(clock_id=clock.id, slot=d.slot.key, kind=d.slot.kind,
                               planned_for=utc_naive(d.slot.fire_at), handled_at=rt.stamp, outcome=d.outcome,
                               recipients=list(to), rule=d.slot.rule))
                audit(s, rt, f"{d.slot.kind}_{d.outcome}", {"clock": clock.key, "agency": clock.agency,
                                                            "slot": d.slot.key, "rule": d.slot.rule,
                                                            "to": list(to)}, case)
                if d.outcome == "skipped":
                    continue
                overdue = max(0, cal.working_days_between(clock.due, today))
                ctx = {"clock_label": label(clock.key), "agency": clock.agency, "due": clock.due,
                       "status": "due today" if today == clock.due else
                       ("overdue" if today > clock.due else "running"),
                       "action": action(clock.key), "rule": d.slot.rule, "overdue": overdue,
                       "responsible": ", ".join(r.replace("_", " ") for r in rule.responsible) or "-"}
                kind = d.slot.kind
                enqueue(s, rt, MailIntent(kind, f"role.{kind}.clock", to, ctx, clock=clock.key, tag=d.slot.key),
                        case, None, f"clock:{clock.id}")
                sent += 1
    if sent:
        log.info("sweep: %d reminder(s) queued", sent)
    return sent
