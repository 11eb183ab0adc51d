"""Clock arithmetic and the reminder policy (pure)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.clocks import add_months, due_date, due_reminders, slots, status
from bot.settings import ClockRule
from bot.workdays import WorkCalendar

CAL = WorkCalendar()
HOURS = (time(9, 0), time(17, 30))


def test_months_clamp_to_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2026, 10, 31), 1) == date(2026, 11, 30)


def test_due_date_units() -> None:
    wd = ClockRule(anchor="incident_date", length=5)
    cd = ClockRule(anchor="rr_submitted", length=10, unit="calendar_days")
    mo = ClockRule(anchor="local_review_decision", length=6, unit="months")
    assert due_date(wd, date(2026, 4, 1), CAL) == date(2026, 4, 10)  # across Easter
    assert due_date(cd, date(2026, 4, 1), CAL) == date(2026, 4, 11)
    assert due_date(mo, date(2026, 8, 31), CAL) == date(2027, 2, 28)


def test_status() -> None:
    assert status("running", date(2026, 4, 10), None, date(2026, 4, 10)) == "running"
    assert status("running", date(2026, 4, 10), None, date(2026, 4, 13)) == "breached"
    assert status("met", date(2026, 4, 10), date(2026, 4, 14), date(2026, 4, 20)) == "met"
    assert status("stopped", date(2026, 4, 10), date(2026, 4, 9), date(2026, 4, 20)) == "stopped"


def rule() -> ClockRule:
    return ClockRule(anchor="incident_date", length=5, responsible=["coordinator"],
                     escalation=[["assistant_director"], ["assistant_director", "executive"]])


def test_slots_follow_working_days_and_climb_the_ladder() -> None:
    s = slots(rule(), date(2026, 4, 10), CAL, date(2026, 4, 20), time(9, 0))
    assert [(x.kind, x.fire_at.date().isoformat(), x.step) for x in s] == [
        ("chaser", "2026-04-08", 0), ("chaser", "2026-04-09", 0), ("chaser", "2026-04-10", 0),
        ("escalation", "2026-04-13", 0), ("escalation", "2026-04-15", 1), ("escalation", "2026-04-17", 1),
    ]
    # 09:00 London in April is 08:00 UTC (BST)
    assert s[0].fire_at.astimezone(UTC).hour == 8


def test_informal_clock_has_no_slots() -> None:
    informal = ClockRule(anchor="rr_submitted", length=10, unit="calendar_days", chasers=[], informal=True)
    assert slots(informal, date(2026, 4, 10), CAL, date(2026, 5, 1), time(9, 0)) == []


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_only_in_working_hours_on_working_days() -> None:
    s = slots(rule(), date(2026, 4, 10), CAL, date(2026, 4, 10), time(9, 0))
    assert due_reminders(s, set(), at("2026-04-08T08:59+01:00"), CAL, HOURS) == []
    assert due_reminders(s, set(), at("2026-04-08T18:00+01:00"), CAL, HOURS) == []
    assert due_reminders(s, set(), at("2026-04-11T10:00+01:00"), CAL, HOURS) == []  # Saturday
    got = due_reminders(s, set(), at("2026-04-08T09:01+01:00"), CAL, HOURS)
    assert [(d.slot.key, d.outcome) for d in got] == [("chaser:2026-04-10:-2", "sent")]


def test_catch_up_sends_the_newest_once_and_skips_the_rest() -> None:
    s = slots(rule(), date(2026, 4, 10), CAL, date(2026, 4, 14), time(9, 0))
    got = due_reminders(s, set(), at("2026-04-14T10:00+01:00"), CAL, HOURS)
    outcomes = {d.slot.key: d.outcome for d in got}
    assert outcomes == {
        "chaser:2026-04-10:-2": "skipped", "chaser:2026-04-10:-1": "skipped", "chaser:2026-04-10:0": "skipped",
        "escalation:2026-04-10:0": "sent_late",
    }
    handled = set(outcomes)
    assert due_reminders(s, handled, at("2026-04-14T11:00+01:00"), CAL, HOURS) == []


def test_extension_gives_fresh_slot_keys() -> None:
    before = {x.key for x in slots(rule(), date(2026, 4, 10), CAL, date(2026, 4, 30), time(9, 0))}
    after = {x.key for x in slots(rule(), date(2026, 4, 20), CAL, date(2026, 4, 30), time(9, 0))}
    assert not before & after


def test_after_a_late_catch_up_the_next_escalation_keeps_the_interval() -> None:
    """Down until Thu 16 April: the 15 April escalation goes late on the 16th; the one planned for Fri 17 April,
    one working day later, is superseded (the AD got both on consecutive days); the next is Tue 21 April."""
    s = slots(rule(), date(2026, 4, 10), CAL, date(2026, 4, 20), time(9, 0))
    got = {d.slot.key: d.outcome for d in due_reminders(s, set(), at("2026-04-16T10:00+01:00"), CAL, HOURS,
                                                         repeat_every=2)}
    assert got["escalation:2026-04-10:1"] == "sent_late"
    assert got["escalation:2026-04-10:2"] == "skipped"  # planned for 17 April
    assert [k for k, v in got.items() if v != "skipped"] == ["escalation:2026-04-10:1"]
    later = slots(rule(), date(2026, 4, 10), CAL, date(2026, 4, 23), time(9, 0))
    assert [d.slot.key for d in due_reminders(later, set(got), at("2026-04-17T10:00+01:00"), CAL, HOURS,
                                              repeat_every=2)] == []
    nxt = due_reminders(later, set(got), at("2026-04-21T10:00+01:00"), CAL, HOURS, repeat_every=2)
    assert [(d.slot.key, d.outcome) for d in nxt] == [("escalation:2026-04-10:3", "sent")]


@settings(max_examples=150, deadline=None)
@given(down=st.tuples(st.integers(0, 25), st.integers(0, 25)), repeat=st.integers(1, 4),
       hour=st.sampled_from(["09:30", "13:00", "16:45"]))
def test_whatever_the_outage_escalations_keep_their_interval(down: tuple[int, int], repeat: int, hour: str) -> None:
    """Sweeps every working day (several a day) except during an outage: no escalation to anyone comes sooner
    than `repeat_every` working days after the previous one, and the catch-up sends one, not the backlog."""
    r = ClockRule(anchor="incident_date", length=5, responsible=["coordinator"], repeat_every=repeat,
                  escalation=[["assistant_director"]])
    due = date(2026, 4, 10)
    days = CAL.working_days_in(date(2026, 4, 13), date(2026, 6, 30))
    first, length = min(down), abs(down[1] - down[0])
    off = set(days[first:first + length])
    handled: set[str] = set()
    sent: list[date] = []
    for d in days:
        if d in off:
            continue
        for hhmm in ("09:05", hour):
            now = at(f"{d.isoformat()}T{hhmm}+01:00")
            horizon = CAL.add_working_days(d, r.repeat_every)
            for dec in due_reminders(slots(r, due, CAL, horizon, time(9, 0)), handled, now, CAL, HOURS,
                                     repeat_every=r.repeat_every):
                handled.add(dec.slot.key)
                if dec.outcome != "skipped" and dec.slot.kind == "escalation":
                    sent.append(d)
    assert sent and sent[0] >= date(2026, 4, 13)
    assert len(sent) == len(set(sent)), sent
    gaps = [CAL.working_days_between(a, b) for a, b in itertools.pairwise(sent)]
    assert all(g >= repeat for g in gaps), (sent, gaps)


@settings(max_examples=300, deadline=None)
@given(chasers=st.lists(st.integers(-10, 2), min_size=1, max_size=4, unique=True),
       due=st.dates(date(2026, 1, 1), date(2027, 12, 31)), lead=st.integers(-12, 12))
def test_no_chaser_on_or_before_the_day_the_clock_started(chasers: list[int], due: date, lead: int) -> None:
    """The mail that started a clock asked that day: a chaser on that day repeats it, and one planned before
    the start would go out at once as a late catch-up (the AD's disagreement mail plus its day -2 chaser)."""
    r = ClockRule(anchor="incident_date", length=5, chasers=chasers, responsible=["coordinator"])
    started = CAL.add_working_days(due, lead)
    until = CAL.add_working_days(due, 5)
    every = slots(r, due, CAL, until, time(9, 0))
    kept = slots(r, due, CAL, until, time(9, 0), started)
    assert all(s.fire_at.date() > started for s in kept if s.kind == "chaser")
    assert {s.key for s in kept} == {s.key for s in every if s.kind != "chaser" or s.fire_at.date() > started}


# --- a statutory clock whose chaser days fall in the council's closure (stranger round 11, break 3) ----------

STATUTORY = ClockRule(anchor="la_aware", length=5, local_closures=False, chasers=[-2, -1, 0],
                      escalation=[["assistant_director"]])


@settings(max_examples=150, deadline=None)
@given(start=st.dates(date(2026, 1, 1), date(2027, 12, 1)), length=st.integers(1, 8),
       due_off=st.integers(-6, 6), local=st.booleans())
def test_a_chaser_on_a_closure_day_moves_before_the_closure_not_lost(start: date, length: int, due_off: int,
                                                                      local: bool) -> None:
    """Chasers count on the clock's own calendar (statutory: closures ignored). Each planned day that is a
    closure day is sent on the last working day before the closure; none is dropped; every slot falls on a
    working day of the partnership; one mail a day. A local clock is unchanged by this (its days are all WDs)."""
    closures = {start + timedelta(days=i) for i in range(length)}
    cal = WorkCalendar(closure_days=closures)
    rule = STATUTORY.model_copy(update={"local_closures": local})
    own = cal if local else cal.without_closures()
    due = own.add_working_days(start, due_off)
    got = slots(rule, due, cal, due + timedelta(days=60), time(9, 0))
    chaser_days = [s.fire_at.date() for s in got if s.kind == "chaser"]
    assert len(chaser_days) == len(set(chaser_days))  # one a day
    assert all(cal.is_working_day(d) for d in chaser_days)
    for off in rule.chasers:
        planned = own.add_working_days(due, off)
        want = planned if cal.is_working_day(planned) else cal.add_working_days(planned, -1)
        assert want in chaser_days, (off, planned, chaser_days)
    # The escalation cadence is counted on the clock's own calendar too.
    first = next(s for s in got if s.kind == "escalation")
    assert first.fire_at.date() == own.add_working_days(due, rule.escalate_after)
