"""The clock sweep: fires due chasers and escalations for running clocks, once each, in working hours.

Escalations go out one mail per person per case per sweep, and each breach is mailed at most
`process.escalation_mails` times before the daily digest alone carries it (bot.domain.escalations)."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import UTC, date

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain import escalations, process, routing
from bot.domain.clocks import ReminderDecision, calendar_for, due_reminders, slots
from bot.domain.effects import MailIntent
from bot.domain.labels import action, label
from bot.domain.snapshot import CaseSnapshot
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
    case's facts (routing.action_owners: a role, an agency's lead or a secure address); else the co-ordinator."""
    if "action_owner" not in roles:
        return routing.addresses(rt.settings, roles, agency)
    actions = (case.facts or {}).get("actions")
    owner = next((str(a.get("owner") or "") for a in (actions if isinstance(actions, list) else [])
                  if isinstance(a, dict) and f"#{a.get('n')}" == agency), "")
    found = list(routing.action_owners(rt.settings, owner)) if owner else []
    rest = routing.addresses(rt.settings, [r for r in roles if r != "action_owner"] or ["coordinator"], agency)
    return tuple(dict.fromkeys([*found, *rest]))


def _per_recipient(rt: Runtime, snap: CaseSnapshot, clock: Clock, to: tuple[str, ...]
                   ) -> dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]]:
    """Recipients grouped by what each may reply: the commands answering this clock that the model accepts
    now from the roles that address holds on this case (a learning action's owner: for that action only)."""
    today = rt.today
    number = clock.agency.lstrip("#") if clock.key == "learning_action" else ""
    groups: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    for addr in to:
        held = routing.roles_held(rt.settings, addr, snap.referrer_email, snap.facts.get("actions"),
                                  int(number) if number.isdigit() else None)
        invites = tuple(process.invitations(snap, today, rt.cal.add_working_days(today, 10),
                                            process.CLOCK_ANSWERS.get(clock.key, ()), held, n=number or "1"))
        groups.setdefault(invites, []).append(addr)
    return groups


def _what_is_needed(snap: CaseSnapshot, key: str) -> str:
    """What the reminder is about, for a recipient invited to reply nothing (it names no command)."""
    if snap.stage == "disputed" and key != "disagreement":
        return ("A disagreement about this case is with the Assistant Director: nothing can be recorded on it "
                "until the Assistant Director decides.")
    return action(key)


def _context(rt: Runtime, snap: CaseSnapshot, clock: Clock, d: ReminderDecision,
             invites: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, object]:
    today, rule = rt.today, rt.settings.clocks[clock.key]
    return {"clock_label": label(clock.key), "agency": clock.agency, "due": clock.due,
            "status": "due today" if today == clock.due else ("overdue" if today > clock.due else "running"),
            "action": "" if invites else _what_is_needed(snap, clock.key), "rule": d.slot.rule,
            # On the clock's own calendar: a statutory clock's overdue days count the council's closure days.
            "overdue": max(0, calendar_for(rule, rt.cal).working_days_between(clock.due, today)),
            "responsible": ", ".join(r.replace("_", " ") for r in rule.responsible) or "-"}


def _send(s: Session, rt: Runtime, snap: CaseSnapshot, case: Case, clock: Clock, d: ReminderDecision,
          to: tuple[str, ...]) -> None:
    """One reminder about one clock. Each recipient is invited to send only what its own roles may send now
    (a chaser goes to several people: an owner and the co-ordinator, the AD and the executive...)."""
    kind = d.slot.kind
    for invites, rcpts in _per_recipient(rt, snap, clock, to).items():
        enqueue(s, rt, MailIntent(kind, f"role.{kind}.clock", tuple(rcpts), _context(rt, snap, clock, d, invites),
                                  clock=clock.key, tag=d.slot.key, invites=invites), case, None, f"clock:{clock.id}")


def _send_batch(s: Session, rt: Runtime, items: list[tuple[Clock, ReminderDecision, CaseSnapshot, Case]],
                addr: str) -> None:
    """One escalation to `addr` listing several overdue clocks of one case; it invites every command that
    answers one of them and that `addr` may send now."""
    lines: list[dict[str, object]] = []
    invites: dict[tuple[str, tuple[str, ...]], None] = {}
    for clock, d, snap, _case in items:
        own = next(iter(_per_recipient(rt, snap, clock, (addr,))))
        invites.update(dict.fromkeys(own))
        lines.append(_context(rt, snap, clock, d, own))
    case = items[0][3]
    first = min(items, key=lambda i: i[0].due)[0]
    ctx: dict[str, object] = {"overdue_clocks": lines, "due": first.due}
    keys = ",".join(dict.fromkeys(i[0].key for i in items))  # the outbox row names every clock it is about
    enqueue(s, rt, MailIntent("escalation", "role.escalation.case", (addr,), ctx, clock=keys,
                              tag=f"escalations-{rt.today.isoformat()}", invites=tuple(invites)),
            case, None, f"case:{case.id}:escalations")


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
        mailed: Counter[tuple[int, str]] = Counter()  # escalation mails so far per (clock, breach)
        last_sent: dict[tuple[int, str], tuple[int, date]] = {}  # per (clock, breach): latest escalation acted on
        cap = rt.settings.process.escalation_mails
        due_escalations: list[escalations.Overdue[tuple[Clock, ReminderDecision, CaseSnapshot, Case]]] = []
        ids = [c.id for c in clocks]
        for i in range(0, len(ids), 900):
            for cid, slot, kind, done, at in s.execute(
                    select(Reminder.clock_id, Reminder.slot, Reminder.kind, Reminder.outcome, Reminder.handled_at)
                    .where(Reminder.clock_id.in_(ids[i:i + 900]))):
                handled[cid].add(slot)
                if kind == "escalation" and done in ("sent", "sent_late"):
                    mailed[(cid, escalations.breach_of(slot))] += 1
                if kind == "escalation" and done != "skipped":
                    # The repeats go on from the day the last one actually went (clocks.slots, last_sent).
                    n, went = int(slot.rsplit(":", 1)[1]), at.replace(tzinfo=UTC).astimezone(cal.tz).date()
                    prev = last_sent.get((cid, escalations.breach_of(slot)))
                    if prev is None or n > prev[0]:
                        last_sent[(cid, escalations.breach_of(slot))] = (n, went)
        for clock in clocks:
            rule = rt.settings.clocks[clock.key]
            # Slots a little ahead of today too: a late catch-up supersedes the next repeat (due_reminders).
            ahead = cal.add_working_days(today, rule.repeat_every)
            started = clock.started_at.replace(tzinfo=UTC).astimezone(cal.tz).date()
            last = last_sent.get((clock.id, f"escalation:{clock.due.isoformat()}"))
            decisions = due_reminders(slots(rule, clock.due, cal, ahead, hours[0], started, last), handled[clock.id],
                                      rt.now, cal, hours)
            if not decisions:
                continue
            case = s.get(Case, clock.case_id)  # only for the few clocks that act: not 100,000 case rows
            assert case is not None
            snap = snapshot(s, case)
            for d in decisions:
                roles = rule.responsible if d.slot.kind == "chaser" else rule.escalation[d.slot.step]
                to = _addresses(rt, roles, clock.agency, case) if d.outcome != "skipped" else ()
                n = mailed[(clock.id, escalations.breach_of(d.slot.key))]
                outcome: str = d.outcome
                if d.slot.kind == "escalation" and outcome != "skipped" and n >= cap:
                    outcome = "digest"  # past the cap for this breach: the digest carries it (domain.escalations)
                s.add(Reminder(clock_id=clock.id, slot=d.slot.key, kind=d.slot.kind,
                               planned_for=utc_naive(d.slot.fire_at), handled_at=rt.stamp, outcome=outcome,
                               recipients=list(to), rule=d.slot.rule))
                audit(s, rt, f"{d.slot.kind}_{outcome}", {"clock": clock.key, "agency": clock.agency,
                                                          "slot": d.slot.key, "rule": d.slot.rule,
                                                          "to": list(to)}, case)
                if outcome in ("skipped", "digest"):
                    continue
                if d.slot.kind == "escalation":
                    due_escalations.append(escalations.Overdue(case.ref, (clock, d, snap, case), n, to))
                    continue
                _send(s, rt, snap, case, clock, d, to)
                sent += 1
        # One escalation mail per person per case per sweep, listing every overdue clock of that case.
        batch = escalations.plan(due_escalations, cap)
        for (_ref, addr), items in batch.mails.items():
            if len(items) == 1:
                clock, d, snap, case = items[0]
                _send(s, rt, snap, case, clock, d, (addr,))
            else:
                _send_batch(s, rt, items, addr)
        sent += len(batch.mails)
    if sent:
        log.info("sweep: %d reminder(s) queued", sent)
    return sent
