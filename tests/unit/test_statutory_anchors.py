"""Statutory clocks start and end on England-and-Wales working days, whatever the council's own closures.

The notification to the National Panel (5 WD from when the local authority became aware), the Ofsted and
Secretary of State notice of a looked-after child's death and the rapid-review submission (15 WD) are set
by the 2018 Regulations and Working Together 2023: a council's local closure day does not move them, neither
their *anchor* (a referral arriving on a closure day, or after the cut-off the day before one) nor their due
date. Local clocks (screening, agency returns, the chasers) keep the council's calendar.

The oracle is hand-written here (bank holidays typed in from gov.uk), not bot.workdays.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.clocks import due_date
from bot.domain.effects import StartClock
from bot.domain.referral import plan_referral
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import Child, ParseResult, Referral, Referrer

S = load_settings(None, env={})
LON = ZoneInfo("Europe/London")
BANK = frozenset(date(y, m, d) for y, m, d in (
    (2025, 12, 25), (2025, 12, 26),
    (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 4), (2026, 5, 25), (2026, 8, 31), (2026, 12, 25),
    (2026, 12, 28), (2027, 1, 1), (2027, 3, 26), (2027, 3, 29), (2027, 5, 3), (2027, 5, 31), (2027, 8, 30),
    (2027, 12, 27), (2027, 12, 28), (2028, 1, 3), (2028, 4, 14), (2028, 4, 17), (2028, 5, 1), (2028, 5, 29),
    (2028, 8, 28), (2028, 12, 25), (2028, 12, 26)))
LA = "sam.example@csc.example.gov.uk"  # the council's own children's services (profile default)
POLICE = "police.safeguarding.lead@avon.example.pnn.police.uk"
STATUTORY = ("notification", "ofsted_notification", "rr_submission")


def wd(d: date, closures: frozenset[date] = frozenset()) -> bool:
    return d.weekday() < 5 and d not in BANK and d not in closures


def add_wd(d: date, n: int, closures: frozenset[date] = frozenset()) -> date:
    while n:
        d += timedelta(days=1)
        n -= wd(d, closures)
    return d


def day_counted_from(at: datetime, closures: frozenset[date] = frozenset()) -> date:
    """Mail after 17:00 (strictly: 17:00:00 is not after it), or on a day that is not a working day, counts from
    the next working day."""
    local = at.astimezone(LON)
    d = local.date()
    if not wd(d, closures) or local.time() > time(17, 0):
        d = add_wd(d, 1, closures)
    return d


def plan(sender: str, received: datetime, incident: date, closures: frozenset[date]):  # type: ignore[no-untyped-def]
    child = Child(name="Child A", date_of_birth="2015-01-01", incident_date=incident.isoformat())
    form = Referral(referrer=Referrer(email=sender), child=child)
    return plan_referral(ParseResult(kind="referral", referral=form), sender, received, S,
                         WorkCalendar(closure_days=closures))


def started(p: object) -> dict[str, date]:
    return {e.key: e.anchor for e in p.effects if isinstance(e, StartClock)}  # type: ignore[attr-defined]


CHRISTMAS = frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})


def test_a_police_referral_on_a_council_closure_day_starts_the_notification_clock_that_day() -> None:
    """Received Thu 31 Dec 2026 10:00 (council closed 29-31 Dec): due Fri 8 Jan 2027, not Mon 11 Jan."""
    p = plan(POLICE, datetime(2026, 12, 31, 10, 0, tzinfo=LON), date(2026, 12, 30), CHRISTMAS)
    anchor = started(p)["notification"]
    assert anchor == date(2026, 12, 31)
    assert due_date(S.clocks["notification"], anchor, WorkCalendar(closure_days=CHRISTMAS)) == date(2027, 1, 8)


def test_a_police_referral_after_the_cut_off_before_a_closure_counts_from_the_next_statutory_day() -> None:
    """Received Thu 24 Dec 2026 17:30: the next E&W working day is Tue 29 Dec (a council closure): due 6 Jan."""
    p = plan(POLICE, datetime(2026, 12, 24, 17, 30, tzinfo=LON), date(2026, 12, 23), CHRISTMAS)
    anchor = started(p)["notification"]
    assert anchor == date(2026, 12, 29)
    assert due_date(S.clocks["notification"], anchor, WorkCalendar(closure_days=CHRISTMAS)) == date(2027, 1, 6)
    # The screening clock is the partnership's own: it runs from the incident over the council's calendar.
    assert started(p)["screening"] == date(2026, 12, 23)


closure_sets = st.lists(st.tuples(st.dates(date(2026, 1, 1), date(2028, 11, 30)), st.integers(0, 6)),
                        max_size=4).map(lambda spans: frozenset(
                            s + timedelta(days=i) for s, n in spans for i in range(n + 1)))


@settings(max_examples=300, deadline=None)
@given(received=st.datetimes(datetime(2026, 1, 5), datetime(2028, 11, 30), timezones=st.just(LON)),
       days_before=st.integers(0, 12), closures=closure_sets, la_own=st.booleans(),
       near=st.integers(-3, 3))
def test_every_statutory_anchor_and_due_date_ignores_local_closures(
        received: datetime, days_before: int, closures: frozenset[date], la_own: bool, near: int) -> None:
    # Put a closure right around the day of receipt half the time: that is where the mistake lived.
    closures = closures | {received.date() + timedelta(days=near + i) for i in range(3)}
    cal = WorkCalendar(closure_days=closures)
    incident = received.date() - timedelta(days=days_before)
    p = plan(LA if la_own else POLICE, received.astimezone(UTC), incident, closures)
    anchors = started(p)
    aware = incident if la_own else day_counted_from(received)  # no closures: statutory
    assert anchors["notification"] == aware
    assert due_date(S.clocks["notification"], aware, cal) == add_wd(aware, 5)
    # The fact LOOKED AFTER: YES anchors the Ofsted notice on (commands.py) is the same statutory day.
    assert p.facts["aware"] == aware.isoformat()
    assert due_date(S.clocks["ofsted_notification"], aware, cal) == add_wd(aware, 5)
    # Local clocks keep the council's calendar.
    assert anchors["screening"] == incident
    assert due_date(S.clocks["screening"], incident, cal) == add_wd(incident, 5, closures)
    assert p.received_date == day_counted_from(received, closures)


@settings(max_examples=200, deadline=None)
@given(anchor=st.dates(date(2026, 1, 1), date(2028, 11, 30)), closures=closure_sets)
def test_statutory_due_dates_count_england_and_wales_working_days(anchor: date, closures: frozenset[date]) -> None:
    cal = WorkCalendar(closure_days=closures)
    for key in STATUTORY:
        rule = S.clocks[key]
        assert rule.local_closures is False, key
        assert due_date(rule, anchor, cal) == add_wd(anchor, rule.length), key
    for key in ("screening", "agency_return", "rr_start"):
        rule = S.clocks[key]
        assert due_date(rule, anchor, cal) == add_wd(anchor, rule.length, closures), key


def _correct(text: str, facts: dict[str, object], *clocks: object):  # type: ignore[no-untyped-def]
    from bot.domain.commands import decide_command
    from bot.domain.snapshot import CaseSnapshot
    from parsers.reply import parse_command

    case = CaseSnapshot("NS-CSPR-2026-001", "screening", LA, tuple(clocks), facts=facts,  # type: ignore[arg-type]
                        incident_date=date(2026, 4, 1), received_date=date(2026, 4, 2))
    cmd = parse_command(text, [])
    assert cmd is not None
    return decide_command(cmd, "nsscp.coordinator@nsscp.example.gov.uk", case, S, WorkCalendar(), date(2026, 4, 8))


def test_correcting_the_incident_date_moves_the_awareness_anchor_when_it_came_from_the_incident() -> None:
    """The LA's own social care referred: the LA was aware on the incident day, so a corrected incident date
    moves the statutory notification (and Ofsted) clocks with it, unless AWARE has set the day by hand."""
    from bot.domain.effects import ReanchorClock, SetFact
    from bot.domain.snapshot import ClockView

    notif = ClockView("notification", "", date(2026, 4, 1), date(2026, 4, 10), "running")
    ofsted = ClockView("ofsted_notification", "", date(2026, 4, 1), date(2026, 4, 10), "running")
    facts = {"aware": "2026-04-01", "aware_from": "incident date (the LA's own children's services referred)"}
    out = _correct("CORRECT child.incident_date: 2026-03-31", facts, notif, ofsted)
    assert out.accepted, out.summary
    moved = {e.key: e.anchor for e in out.effects if isinstance(e, ReanchorClock)}
    assert moved["notification"] == moved["ofsted_notification"] == date(2026, 3, 31)
    assert SetFact("aware", "2026-03-31") in out.effects
    # Received from elsewhere, or set by AWARE: the incident date is not the awareness day.
    for other in ({"aware": "2026-04-02", "aware_from": "the day the referral was received"},
                  {"aware": "2026-04-03", "aware_from": "AWARE: recorded by a service leader or co-ordinator"}):
        out = _correct("CORRECT child.incident_date: 2026-03-31", other, notif)
        assert out.accepted and not [e for e in out.effects if isinstance(e, ReanchorClock)
                                     and e.key == "notification"]
