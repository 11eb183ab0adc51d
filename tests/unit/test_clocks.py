"""Clock arithmetic and the reminder policy (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

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
