"""Escalations over simulated months (pure): a stuck case mails each person at most once per sweep day, and
each breach at most `process.escalation_mails` times (stranger11 B2: a rapid review left without returns sent
the Assistant Director 209 escalations and the co-ordinator 164 by July, five on one morning).

The sweep's own pure parts drive it: clocks.slots and clocks.due_reminders decide which escalations fall due
each day (with days the bot was down), domain.escalations.plan says who gets which in one mail.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import hypothesis.strategies as st
from hypothesis import given, settings

from bot.domain import escalations, routing
from bot.domain.clocks import due_reminders, slots
from bot.settings import load_settings
from bot.workdays import WorkCalendar

S = load_settings(None, env={})
CAL = WorkCalendar(closure_days={date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
HOURS = (S.calendar.reminder_time, S.calendar.working_hours_end)
KEYS = ["notification", "screening", "rr_submission", "agency_return", "disagreement", "lcspr", "review_notices",
        "ofsted_notification", "learning_action", "panel_response"]
AGENCIES = [a.name for a in S.agencies]

clock_st = st.tuples(st.sampled_from(KEYS), st.sampled_from(AGENCIES), st.integers(0, 60))


def simulate(clocks: list[tuple[str, str, int]], start: date, days: int, down: set[int], cap: int
             ) -> tuple[Counter[tuple[str, date]], Counter[str]]:
    """Escalation mails per (address, day) and per address for one case, one sweep a day at 09:05."""
    live = [(key, agency if key == "agency_return" else f"#{i}" if key == "learning_action" else "",
             start + timedelta(days=off)) for i, (key, agency, off) in enumerate(dict.fromkeys(clocks))]
    handled: dict[int, set[str]] = {i: set() for i in range(len(live))}
    mailed: Counter[tuple[int, str]] = Counter()  # as the sweep counts them: escalation mails per breach
    per_day: Counter[tuple[str, date]] = Counter()
    total: Counter[str] = Counter()
    for d in range(days):
        today = start + timedelta(days=d)
        if d in down:
            continue
        now = datetime.combine(today, time(9, 5), tzinfo=CAL.tz)
        due: list[escalations.Overdue[tuple[int, str]]] = []
        for i, (key, agency, due_on) in enumerate(live):
            rule = S.clocks[key]
            ahead = CAL.add_working_days(today, rule.repeat_every)
            for dec in due_reminders(slots(rule, due_on, CAL, ahead, HOURS[0]), handled[i], now, CAL, HOURS,
                                     rule.repeat_every):
                handled[i].add(dec.slot.key)
                if dec.slot.kind == "escalation" and dec.outcome != "skipped":
                    to = routing.addresses(S, rule.escalation[dec.slot.step], agency)
                    breach = (i, escalations.breach_of(dec.slot.key))
                    due.append(escalations.Overdue("NS-CSPR-2026-001", breach, mailed[breach], to))
        plan = escalations.plan(due, cap)
        for breach in {b for items in plan.mails.values() for b in items}:
            mailed[breach] += 1
        for (_case, addr), _items in plan.mails.items():
            per_day[(addr, today)] += 1
            total[addr] += 1
    return per_day, total


@settings(max_examples=60, deadline=None)
@given(st.lists(clock_st, min_size=1, max_size=8), st.sets(st.integers(0, 200), max_size=30),
       st.integers(1, 4))
def test_a_stuck_case_mails_each_person_once_a_day_at_most_and_each_breach_at_most_cap_times(
        clocks: list[tuple[str, str, int]], down: set[int], cap: int) -> None:
    per_day, total = simulate(clocks, date(2026, 3, 3), 200, down, cap)
    assert not per_day or max(per_day.values()) == 1
    breaches = len(dict.fromkeys(clocks))
    for addr, n in total.items():
        assert n <= cap * breaches, (addr, n)


def test_the_stranger_s_stuck_rapid_review_now_sends_a_handful() -> None:
    """B2's case: four agency returns due 2026-03-17 and the notification due 2026-03-06, 4.5 months of passes."""
    clocks = [("agency_return", a, 14) for a in AGENCIES[:4]] + [("notification", "", 3)]
    per_day, total = simulate(clocks, date(2026, 3, 3), 136, set(), S.process.escalation_mails)
    ad = S.roles.of("assistant_director")[0]
    assert max(per_day.values()) == 1
    assert 0 < total[ad] <= S.process.escalation_mails * len(clocks)  # was 209 on 6186c04
