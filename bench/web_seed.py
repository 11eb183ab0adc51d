"""Synthetic store content for the web view's benchmark and screenshots: many open cases at every stage,
or one case with a year of history (clocks, chasers, escalations, agency returns, ~1,000 audit events).

Rows are written straight through the store's models (intake of 1,000 Word referrals would take minutes
and measure the parser, not the web view); their shapes are those intake, the sweep and the outbox write.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from bot.store.models import AgencyRequest, Case, Clock, Event, Reminder
from bot.workdays import WorkCalendar

AGENCIES = ("Children's Social Care", "Avon and Somerset Police", "ICB Health", "Education")
STAGES = ("screening", "rapid_review", "rapid_review", "awaiting_panel", "local_review")
FORM = {"child": {"name": "Synthetic Child", "date_of_birth": "2018-01-01", "home_address": "1 Example Road",
                  "carer": None, "incident_date": None, "incident_location": "home", "ethnicity": "White British",
                  "faith": None, "disability": None, "child_protection_plan": "no"},
        "referrer": {"name": "Sam Example", "email": "sam.example@csc.example.gov.uk", "role": "Social worker",
                     "phone": None, "agency": "Children's Social Care", "date_submitted": None},
        "family": [], "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                                   "agency_concern": True},
        "summary": "Synthetic case for the benchmark.", "other_agencies": [], "other_processes": []}


def _at(d: date, hour: int = 9) -> datetime:
    return datetime.combine(d, time(hour, 0))


def _event(s: Session, at: datetime, case: Case, event: str, actor: str | None, **detail: object) -> None:
    s.add(Event(at=at, case_id=case.id, kind=event, actor=actor, detail=dict(detail)))


def _clock(s: Session, case: Case, key: str, anchor: date, due: date, agency: str = "", stopped: date | None = None,
           outcome: str = "met") -> Clock:
    c = Clock(case_id=case.id, key=key, agency=agency, anchor=anchor, due=due, original_due=due,
              state=outcome if stopped else "running", started_at=_at(anchor), stopped_at=_at(stopped) if stopped
              else None, stopped_on=stopped, stop_reason="synthetic" if stopped else None)
    s.add(c)
    s.flush()
    _event(s, _at(anchor), case, "clock_started", None, clock=key, agency=agency, anchor=anchor.isoformat(),
           due=due.isoformat())
    return c


def _reminders(s: Session, case: Case, c: Clock, cal: WorkCalendar, until: date) -> None:
    for back in (2, 1, 0):
        d = c.due - timedelta(days=back)
        if d <= until and cal.is_working_day(d):
            s.add(Reminder(clock_id=c.id, slot=f"{c.due}:chaser:{back}", kind="chaser", planned_for=_at(d),
                           handled_at=_at(d), outcome="sent", recipients=["x@nsscp.example.gov.uk"], rule="chaser"))
            _event(s, _at(d), case, "mail_queued", None, kind="chaser", to="x@nsscp.example.gov.uk", clock=c.key)
    d = c.due + timedelta(days=1)
    step = 0
    while d <= min(until, (c.stopped_on or until)) and step < 6:
        if cal.is_working_day(d):
            s.add(Reminder(clock_id=c.id, slot=f"{c.due}:esc:{step}", kind="escalation", planned_for=_at(d),
                           handled_at=_at(d), outcome="sent", recipients=["ad@nsscp.example.gov.uk"], rule="esc"))
            _event(s, _at(d), case, "mail_queued", None, kind="escalation", to="ad@nsscp.example.gov.uk",
                   clock=c.key)
            step += 1
        d += timedelta(days=2)


def open_cases(s: Session, cal: WorkCalendar, today: date, n: int, seed: int = 1) -> None:
    """`n` open cases opened over the last 90 days, at every stage, some overdue, some with returns out."""
    rnd = random.Random(seed)
    for i in range(n):
        received = today - timedelta(days=rnd.randint(0, 90))
        stage = STAGES[i % len(STAGES)]
        case = Case(ref=f"NS-CSPR-{received.year}-{i + 1:04d}", year=received.year * 10 + i // 100000,
                    seq=i + 1, stage=stage, opened_at=_at(received), incident_date=received - timedelta(days=1),
                    received_date=received, referrer_email="sam.example@csc.example.gov.uk",
                    late_referral=rnd.random() < 0.1, referral_json=FORM)
        s.add(case)
        s.flush()
        _event(s, _at(received), case, "referral_opened", "sam.example@csc.example.gov.uk", late=False, missing=[])
        screening_due = cal.add_working_days(received - timedelta(days=1), 5)
        if stage == "screening":
            _clock(s, case, "screening", received - timedelta(days=1), screening_due)
            _clock(s, case, "notification", received, cal.add_working_days(received, 5))
            continue
        decided = min(today, screening_due - timedelta(days=rnd.randint(-3, 2)))
        _clock(s, case, "screening", received - timedelta(days=1), screening_due, stopped=decided)
        if stage == "rapid_review":
            for ag in rnd.sample(AGENCIES, 3):
                s.add(AgencyRequest(case_id=case.id, agency=ag, requested_on=decided,
                                    received_on=decided + timedelta(days=7) if rnd.random() < 0.4 else None))
                _clock(s, case, "agency_return", decided, cal.add_working_days(decided, 10), ag)
            _clock(s, case, "rr_submission", decided, cal.add_working_days(decided, 15))
        elif stage == "local_review":
            _clock(s, case, "lcspr", decided, decided + timedelta(days=182))


def long_case(s: Session, cal: WorkCalendar, today: date, ref: str = "NS-CSPR-2025-0042") -> str:
    """One case opened a year ago and still open: every clock, four agencies, chasers, escalations, extensions,
    and the mail traffic of a year in its audit log (~1,000 events)."""
    start = today - timedelta(days=365)
    case = Case(ref=ref, year=start.year, seq=42, stage="local_review", opened_at=_at(start),
                incident_date=start - timedelta(days=1), received_date=start,
                referrer_email="sam.example@csc.example.gov.uk", late_referral=False, referral_json=FORM)
    s.add(case)
    s.flush()
    _event(s, _at(start), case, "referral_opened", "sam.example@csc.example.gov.uk", late=False, missing=[])
    screening = _clock(s, case, "screening", start - timedelta(days=1), cal.add_working_days(start, 4),
                       stopped=cal.add_working_days(start, 6))
    _reminders(s, case, screening, cal, screening.stopped_on or today)
    decided = screening.stopped_on or start
    for ag in AGENCIES:
        s.add(AgencyRequest(case_id=case.id, agency=ag, requested_on=decided,
                            received_on=cal.add_working_days(decided, 12 if ag == "Education" else 8)))
        c = _clock(s, case, "agency_return", decided, cal.add_working_days(decided, 10), ag,
                   stopped=cal.add_working_days(decided, 12 if ag == "Education" else 8))
        _reminders(s, case, c, cal, c.stopped_on or today)
    notified = cal.add_working_days(start, 5)
    _clock(s, case, "notification", start, cal.add_working_days(start, 5), stopped=notified)
    rr = _clock(s, case, "rr_submission", notified, cal.add_working_days(notified, 15),
                stopped=cal.add_working_days(notified, 17))
    _reminders(s, case, rr, cal, rr.stopped_on or today)
    submitted = rr.stopped_on or notified
    _clock(s, case, "panel_response", submitted, submitted + timedelta(days=10),
           stopped=submitted + timedelta(days=9))
    local = submitted + timedelta(days=14)
    lc = _clock(s, case, "lcspr", local, local + timedelta(days=182))
    _reminders(s, case, lc, cal, today)
    # a year of mail traffic: each working day a few sends and receipts on the record
    d = start
    rnd = random.Random(42)
    while d <= today:
        if cal.is_working_day(d) and rnd.random() < 0.9:
            _event(s, _at(d, 10), case, "mail_sent", None, kind="confirm", to="nsscp.coordinator@nsscp.example.gov.uk")
            _event(s, _at(d, 11), case, "mail_received", "someone@csc.example.gov.uk", mailbox="INBOX")
            _event(s, _at(d, 12), case, "case_viewed", "nsscp.coordinator@nsscp.example.gov.uk", channel="web",
                   full=True)
            if rnd.random() < 0.2:
                _event(s, _at(d, 14), case, "command_accepted", "nsscp.coordinator@nsscp.example.gov.uk",
                       verb="EXTEND", summary="lcspr extended")
        d += timedelta(days=1)
    return ref
