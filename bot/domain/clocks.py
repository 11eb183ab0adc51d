"""Clock arithmetic: due dates by unit, status, and the chaser/escalation slots a rule implies.

Pure: the calendar and `now` are arguments. A slot is identified by a key that includes the due date it
was computed from, so an extension (a new due date) gets fresh chasers while sent ones stay recorded.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

# Status and status live in bot.domain.clockstatus (light enough for `csprbot cases`); re-exported here.
from bot.domain.clockstatus import Status as Status
from bot.domain.clockstatus import status as status
from bot.settings import ClockRule
from bot.workdays import WorkCalendar


def add_months(d: date, months: int) -> date:
    """Calendar months, clamped to the month's end: 31 August + 6 months = 28/29 February."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def calendar_for(rule: ClockRule, cal: WorkCalendar) -> WorkCalendar:
    """The calendar a clock counts on: the partnership's (with its closure days) for a local clock; England-
    and-Wales working days only (weekends and bank holidays) for a statutory one (`local_closures = false`).
    Both its anchor (a mail's day, after the cut-off) and its due date are counted on it."""
    return cal if rule.local_closures else cal.without_closures()


def anchor_day(rule: ClockRule, cal: WorkCalendar, at: datetime) -> date:
    """Day 0 of a clock started by a mail: the one receipt-to-anchor rule for every clock a mail starts (a
    referral, a command, a request csprbot sends). `at` is when the mail was received (or, for a request
    csprbot sends, when it was queued): its local day on the clock's own calendar, moved to the next working
    day when strictly after the cut-off (17:00:00 itself is not after 17:00) or on a day that is not a working
    day (DOMAIN: "mail that arrives after the cut-off counts from the next working day"). A clock counted in
    calendar days or months (the local review's 6 months) has no working days to lose: it counts from the local
    day itself. A date a command states is a date, not a receipt: not this."""
    if rule.unit != "working_days":
        return at.astimezone(cal.tz).date()
    return calendar_for(rule, cal).effective_date(at)


def due_date(rule: ClockRule, anchor: date, cal: WorkCalendar) -> date:
    if rule.unit == "working_days":
        return calendar_for(rule, cal).add_working_days(anchor, rule.length)
    if rule.unit == "calendar_days":
        return anchor + timedelta(days=rule.length)
    return add_months(anchor, rule.length)


def met_late(due: date, stopped_on: date | None) -> bool:
    return stopped_on is not None and stopped_on > due


@dataclass(frozen=True)
class Slot:
    key: str
    kind: Literal["chaser", "escalation"]
    fire_at: datetime  # aware
    step: int  # escalation ladder step (0-based); 0 for chasers
    rule: str  # human-readable: which rule fired, for the audit log


def slots(rule: ClockRule, due: date, cal: WorkCalendar, until: date, at: time,
          started: date | None = None, last_sent: tuple[int, date] | None = None) -> list[Slot]:
    """Every chaser and escalation slot of a running clock up to local date `until`.

    `last_sent`: this breach's latest escalation acted on (its number and the local day it went, late or not):
    the repeats after it are planned from that day, every `repeat_every` WD, not from the first planned slot.
    A slot planned in a closure goes out on the first working morning after it, and the next repeat comes
    `repeat_every` WD after that morning (stranger round 21: Mon 4 Jan, then Wed 6 Jan, not Thu 7 Jan).

    A chaser on or before the day the clock `started` is left out: the mail that started it (the routing, the
    request, the disagreement sent to the AD) asked that day, so a reminder beside it is a second mail saying
    the same, and one planned before the start would go out at once as a late catch-up."""
    if rule.informal:
        return []
    out: list[Slot] = []
    own = calendar_for(rule, cal)
    chasers: dict[date, Slot] = {}
    for off in sorted(rule.chasers):
        # Counted on the clock's own calendar (a statutory one ignores the council's closure). A chaser
        # that lands on a day the partnership sends nothing (a closure day) goes on its last working day
        # before, not dropped: the statutory date does not move, so its reminder must not vanish either.
        # Several landing on one day make one mail: the one nearest the due date.
        planned = own.add_working_days(due, off)
        day = planned if cal.is_working_day(planned) else cal.add_working_days(planned, -1 if off <= 0 else 0)
        if day <= until and (started is None or day > started):
            label = "on the due day" if off == 0 else f"{abs(off)} WD {'before' if off < 0 else 'after'} due"
            if day != planned:
                label += f" ({planned.isoformat()}, a closure day: sent the nearest working day "\
                         f"{'before' if day < planned else 'after'})"
            chasers[day] = Slot(f"chaser:{due.isoformat()}:{off}", "chaser", cal.at_local(day, at), 0,
                                f"chaser {label}")
    out += chasers.values()
    if rule.escalation:
        # On the clock's own calendar too; one planned for a closure day goes out on the next working morning
        # as a catch-up (due_reminders), and the cadence goes on from there.
        first = own.add_working_days(due, rule.escalate_after)
        base, n0 = first, 0
        if last_sent is not None:
            n0, base = last_sent[0] + 1, own.add_working_days(last_sent[1], rule.repeat_every)
        n, day = n0, base
        while day <= until:
            step = min(n, len(rule.escalation) - 1)
            what = ("escalation the working day after breach" if n == 0
                    else f"repeat escalation {n} (every {rule.repeat_every} WD)")
            out.append(Slot(f"escalation:{due.isoformat()}:{n}", "escalation", cal.at_local(day, at), step, what))
            n += 1
            day = own.add_working_days(base, (n - n0) * rule.repeat_every)
    return out


@dataclass(frozen=True)
class ReminderDecision:
    slot: Slot
    outcome: Literal["sent", "sent_late", "skipped"]


def due_reminders(
    all_slots: list[Slot], handled: set[str], now: datetime, cal: WorkCalendar, hours: tuple[time, time],
    repeat_every: int = 0,
) -> list[ReminderDecision]:
    """Which slots to act on at `now`.

    Reminders go out only in working hours on working days. After downtime, several slots may be
    overdue: only the newest of each kind is sent (marked late if its day has passed), older ones are
    recorded as skipped, and a pending escalation supersedes pending chasers: nobody gets a burst.

    A late escalation also supersedes the escalations planned for fewer than `repeat_every` working days
    after it (`all_slots` may run ahead of `now` for this): the cadence goes on from the catch-up, so the
    person escalated to does not get the same escalation again the next morning.
    """
    local = now.astimezone(cal.tz)
    if not cal.is_working_day(local.date()) or not (hours[0] <= local.time() < hours[1]):
        return []
    pending = [s for s in all_slots if s.fire_at <= now and s.key not in handled]
    if not pending:
        return []
    escal = [s for s in pending if s.kind == "escalation"]
    chasers = [s for s in pending if s.kind == "chaser"]
    out: list[ReminderDecision] = []
    winner = max(escal, key=lambda s: s.fire_at) if escal else max(chasers, key=lambda s: s.fire_at)
    late = winner.fire_at.astimezone(cal.tz).date() < local.date()
    for s in pending:
        if s is winner:
            out.append(ReminderDecision(s, "sent_late" if late else "sent"))
        else:
            out.append(ReminderDecision(s, "skipped"))
    if late and winner.kind == "escalation" and repeat_every > 1:
        until = cal.add_working_days(local.date(), repeat_every)
        out += [ReminderDecision(s, "skipped") for s in all_slots
                if s.kind == "escalation" and s.fire_at > now and s.key not in handled
                and s.fire_at.astimezone(cal.tz).date() < until]
    return out
