"""Escalation repeats count from the escalation actually sent (stranger round 21): after a closure or downtime.

The SIN clock due Tue 22 Dec 2026, the council closed 29-31 Dec: escalations Wed 23 Dec, Mon 4 Jan (the slot
planned in the closure, caught up on the first working morning), then Wed 6 Jan, 2 WD later ("a repeat every
`repeat_every` WD", README and PROCESS.md). Before: Thu 7 Jan, planned from the slot inside the closure.
Generated: due dates across Christmas and Easter, one sweep a day at a random time (some days none): each
escalation goes on the first sweep in working hours on or after `repeat_every` WD (the clock's own calendar)
after the previous one *sent*, and never more than the cap. The sweep's own pure parts drive it, with the
bookkeeping bot/sweep.py keeps (handled slots, the latest escalation acted on per breach).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import hypothesis.strategies as st
from hypothesis import given, settings

from bot.domain.clocks import calendar_for, due_reminders, slots
from bot.settings import load_settings
from bot.workdays import WorkCalendar

S = load_settings(None, env={})
CLOSURES = {date(y, 12, d) for y in (2026, 2027) for d in (29, 30, 31)} | {date(2027, 3, 24), date(2027, 3, 25)}
CAL = WorkCalendar(closure_days=CLOSURES)
HOURS = (S.calendar.reminder_time, S.calendar.working_hours_end)
CAP = S.process.escalation_mails


def simulate(key: str, due: date, minutes: list[int | None]) -> list[date]:
    """Escalations sent for one breach: day i after `due` has one sweep at minute `minutes[i]` (None: none)."""
    rule = S.clocks[key]
    handled: set[str] = set()
    last: tuple[int, date] | None = None
    sent: list[date] = []
    for i, m in enumerate(minutes):
        if m is None:
            continue
        day = due + timedelta(days=i)
        now = datetime.combine(day, time(m // 60, m % 60), tzinfo=CAL.tz)
        ahead = CAL.add_working_days(day, rule.repeat_every) if CAL.is_working_day(day) else day
        for dec in due_reminders(slots(rule, due, CAL, ahead, HOURS[0], None, last), handled, now, CAL, HOURS):
            handled.add(dec.slot.key)
            if dec.slot.kind == "escalation" and dec.outcome != "skipped":
                if len(sent) < CAP:
                    sent.append(day)
                last = (int(dec.slot.key.rsplit(":", 1)[1]), day)
    return sent


def expected(key: str, due: date, minutes: list[int | None]) -> list[date]:
    """The documented rule, by hand: the first sweep in working hours on or after the planned day."""
    rule = S.clocks[key]
    own = calendar_for(rule, CAL)
    t, out = own.add_working_days(due, rule.escalate_after), []
    for i, m in enumerate(minutes):
        day = due + timedelta(days=i)
        if len(out) == CAP or day < t or m is None or not CAL.is_working_day(day):
            continue
        if HOURS[0] <= time(m // 60, m % 60) < HOURS[1]:
            out.append(day)
            t = own.add_working_days(day, rule.repeat_every)
    return out


def test_the_strangers_christmas_case() -> None:
    assert simulate("notification", date(2026, 12, 22), [600] * 30) == [
        date(2026, 12, 23), date(2027, 1, 4), date(2027, 1, 6)]


@settings(max_examples=200, deadline=None)
@given(key=st.sampled_from(["notification", "screening", "agency_return", "rr_submission", "disagreement"]),
       due=st.one_of(st.dates(date(2026, 12, 10), date(2027, 1, 8)), st.dates(date(2027, 3, 15), date(2027, 4, 5)),
                     st.dates(date(2027, 12, 15), date(2028, 1, 5))),
       minutes=st.lists(st.one_of(st.none(), st.integers(0, 24 * 60 - 1)), min_size=40, max_size=40))
def test_repeats_count_from_the_escalation_sent(key: str, due: date, minutes: list[int | None]) -> None:
    got = simulate(key, due, minutes)
    assert got == expected(key, due, minutes), (due, got)
    assert len(got) <= CAP
