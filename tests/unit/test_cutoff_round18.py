"""Mail at exactly the cut-off is not "after" it; a case's reference has the year it was received (stranger round 18).

DOMAIN.md: "Mail that arrives after the configured cut-off (default 17:00) counts from the next working day". After
is strictly later: a receipt at 17:00:00.000000 local counts that day; 17:00:00.000001 and later count from the next
working day (B3: 17:00:00 was read as after, so a school's referral on Friday 4 December 2026 at 17:00:00 had its
statutory SIN due Monday 14 December instead of Friday 11 December). The oracle below is DOMAIN's rule typed here,
over the gov.uk England-and-Wales bank holidays typed by hand, comparing instants (not wall-clock times).

A case's reference carries the year the referral reached the mailbox (its local day), not the year of the day its
clocks count from: one received on 24 or 31 December after the cut-off, counted from January, is that December's.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from bot.app import make_calendar
from bot.apply import Runtime
from bot.domain.clocks import anchor_day, due_date
from bot.domain.effects import StartClock
from bot.domain.referral import plan_referral
from bot.intake import process_one
from bot.mail.base import InboundMail
from bot.report import build
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case
from bot.workdays import WorkCalendar
from parsers.records import Child, ParseResult, Referral, Referrer
from tests.reliability.reliability_kit import child_for, referral

LON = ZoneInfo("Europe/London")
S = load_settings(None, env={})
# gov.uk, England and Wales, typed by hand (substitute days included).
BANK = {date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 25), date(2026, 8, 31),
        date(2026, 12, 25), date(2026, 12, 28),
        date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3), date(2027, 5, 31), date(2027, 8, 30),
        date(2027, 12, 27), date(2027, 12, 28),
        date(2028, 1, 3), date(2028, 4, 14), date(2028, 4, 17), date(2028, 5, 1), date(2028, 5, 29), date(2028, 8, 28),
        date(2028, 12, 25), date(2028, 12, 26), date(2029, 1, 1)}
CLOSURE = frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
# Working days, Fridays, days before a bank holiday or the closure, and both DST change days (and the Fridays
# before them) of each year.
SPECIAL = [date(2026, 12, 4), date(2026, 4, 2), date(2026, 5, 1), date(2026, 5, 22), date(2026, 8, 28),
           date(2026, 12, 24), date(2026, 12, 31), date(2027, 3, 25), date(2027, 4, 30), date(2027, 5, 28),
           date(2027, 8, 27), date(2027, 12, 24), date(2027, 12, 31), date(2028, 4, 13), date(2028, 4, 28),
           date(2028, 5, 26), date(2028, 8, 25), date(2028, 12, 22), date(2028, 12, 29),
           date(2026, 3, 27), date(2026, 3, 29), date(2026, 10, 23), date(2026, 10, 25), date(2027, 3, 26),
           date(2027, 3, 28), date(2027, 10, 29), date(2027, 10, 31), date(2028, 3, 24), date(2028, 3, 26),
           date(2028, 10, 27), date(2028, 10, 29), date(2026, 12, 7), date(2027, 1, 4)]
CUTOFFS = (time(17, 0), time(16, 30), time(12, 0))
CALS = {(c, closed): WorkCalendar(cutoff=c, closure_days=CLOSURE if closed else ()) for c in CUTOFFS
        for closed in (False, True)}


def is_wd(d: date, closures: frozenset[date]) -> bool:
    return d.weekday() < 5 and d not in BANK and d not in closures


def add_wd(d: date, n: int, closures: frozenset[date] = frozenset()) -> date:
    while n:
        d += timedelta(days=1)
        n -= is_wd(d, closures)
    return d


def counts_from(at: datetime, cutoff: time, closures: frozenset[date] = frozenset()) -> date:
    """DOMAIN: the local day; mail arriving after the cut-off (an instant strictly later than that day's cut-off
    instant) or on a day that is not a working day counts from the next working day."""
    d = at.astimezone(LON).date()
    cut = datetime.combine(d, cutoff).replace(tzinfo=LON)
    if at.astimezone(UTC) > cut.astimezone(UTC):
        d += timedelta(days=1)
    while not is_wd(d, closures):
        d += timedelta(days=1)
    return d


days = st.one_of(st.sampled_from(SPECIAL), st.dates(date(2026, 1, 2), date(2028, 12, 20)))
# microseconds from the cut-off: exactly on it, a microsecond, half a second and a second either side, or within 5 s
offsets = st.one_of(st.sampled_from([0, 1, -1, 500_000, -500_000, 1_000_000, -1_000_000, 999_999]),
                    st.integers(-5_000_000, 5_000_000))


@settings(max_examples=600, deadline=None, derandomize=True)
@given(d=days, off=offsets, cutoff=st.sampled_from(CUTOFFS), as_utc=st.booleans())
def test_receipts_around_the_cut_off_count_from_the_day_domain_says(d: date, off: int, cutoff: time,
                                                                    as_utc: bool) -> None:
    at = datetime.combine(d, cutoff).replace(tzinfo=LON) + timedelta(microseconds=off)
    at = at.astimezone(UTC) if as_utc else at
    plain, closed = CALS[(cutoff, False)], CALS[(cutoff, True)]
    assert plain.effective_date(at) == counts_from(at, cutoff), (at, cutoff)
    # the one receipt-to-anchor rule: a statutory clock ignores the council's closure days, a local one keeps them
    notification, screening = S.clocks["notification"], S.clocks["screening"]
    assert anchor_day(notification, closed, at) == counts_from(at, cutoff)
    assert anchor_day(screening, closed, at) == counts_from(at, cutoff, CLOSURE)
    if off <= 0 and is_wd(d, frozenset()):  # at or before the cut-off on a working day: that very day
        assert plain.effective_date(at) == d


def started(sender: str, at: datetime) -> dict[str, date]:
    form = Referral(referrer=Referrer(email=sender),
                    child=Child(name="Child A", date_of_birth="2015-01-01", incident_date="2026-12-03"))
    p = plan_referral(ParseResult(kind="referral", referral=form), sender, at, S, WorkCalendar())
    return {e.key: e.anchor for e in p.effects if isinstance(e, StartClock)}


@pytest.mark.parametrize(("at", "anchor", "due"), [
    (datetime(2026, 12, 4, 16, 59, 59, tzinfo=LON), date(2026, 12, 4), date(2026, 12, 11)),
    (datetime(2026, 12, 4, 17, 0, 0, tzinfo=LON), date(2026, 12, 4), date(2026, 12, 11)),  # B3: was 7 / 14 Dec
    (datetime(2026, 12, 4, 17, 0, 0, 500000, tzinfo=LON), date(2026, 12, 7), date(2026, 12, 14)),
    (datetime(2026, 12, 4, 17, 0, 1, tzinfo=LON), date(2026, 12, 7), date(2026, 12, 14)),
])
def test_a_schools_referral_at_the_cut_off_starts_the_sin_clock_that_friday(at: datetime, anchor: date,
                                                                           due: date) -> None:
    got = started("teacher.x@schools.example.gov.uk", at.astimezone(UTC))["notification"]
    assert (got, due_date(S.clocks["notification"], got, WorkCalendar())) == (anchor, due)


# --- the reference's year -------------------------------------------------------------------------------


def _open(sessions, cfg, n: int, at: datetime) -> str:  # type: ignore[no-untyped-def]
    child = child_for(13 * n, random.Random(n))  # three children: none joins another's case
    raw = referral(f"<ref{n}@csc.example.gov.uk>", at, at.date() - timedelta(days=1), child=child)
    out = process_one(InboundMail("INBOX", f"1:{n}", raw), sessions, Runtime(cfg, make_calendar(cfg), at))
    assert out.status == "processed" and out.ref, out
    return out.ref


def test_a_referral_received_in_december_after_the_cut_off_is_numbered_in_that_year(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/csprbot.db"
    cfg = load_settings(None, env={"CSPRBOT_DATABASE_URL": url})
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    # A case numbered before this fix: received Mon 28 Dec 2026 (the substitute Boxing Day) and numbered in 2027,
    # the year its clocks count from. It keeps its reference, and 2027's numbers go on after it.
    with sessions.begin() as s:
        s.execute(text("INSERT INTO cases (ref, year, seq, stage, opened_at, received_date, late_referral) "
                       "VALUES ('NS-CSPR-2027-001', 2027, 1, 'screening', '2026-12-28 10:00:00', '2027-01-04', 0)"))
    christmas_eve = datetime(2026, 12, 24, 23, 59, 59, tzinfo=LON)  # counts from 4 Jan 2027 (bank holidays, closure)
    new_years_eve = datetime(2026, 12, 31, 17, 30, tzinfo=LON)  # after the cut-off on a closure day: 4 Jan 2027
    january = datetime(2027, 1, 4, 10, 0, tzinfo=LON)
    assert [_open(sessions, cfg, n, at) for n, at in enumerate((christmas_eve, new_years_eve, january), 1)] == [
        "NS-CSPR-2026-001", "NS-CSPR-2026-002", "NS-CSPR-2027-002"]
    with sessions() as s:
        refs = {c.ref: (c.year, c.received_date) for c in s.scalars(select(Case))}
        assert refs == {
            "NS-CSPR-2027-001": (2027, date(2027, 1, 4)),  # untouched
            "NS-CSPR-2026-001": (2026, date(2027, 1, 4)),  # day 0 of its clocks stays the council's 4 Jan
            "NS-CSPR-2026-002": (2026, date(2027, 1, 4)),
            "NS-CSPR-2027-002": (2027, date(2027, 1, 4)),
        }, refs
        # The yearly report counts a referral in the year it was received (its local day), as its reference shows.
        assert build(s, 2026, date(2027, 2, 1)).referrals == 3  # the two, and the old case received 28 Dec
        assert build(s, 2027, date(2027, 2, 1)).referrals == 1
    engine.dispose()


def test_the_yearly_report_counts_a_referral_in_its_local_year_of_receipt(tmp_path: Path) -> None:
    """The store keeps UTC. Europe/London's New Year is midnight UTC, so only another zone shows the difference: a
    referral received at 22:00 on 31 December in New York (03:00 UTC, 1 January) is that December's."""
    url = f"sqlite:///{tmp_path}/csprbot.db"
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with sessions.begin() as s:
        s.execute(text("INSERT INTO cases (ref, year, seq, stage, opened_at, received_date, late_referral) "
                       "VALUES ('NY-CSPR-2026-001', 2026, 1, 'screening', '2027-01-01 03:00:00', '2027-01-04', 0)"))
    with sessions() as s:
        assert (build(s, 2026, date(2027, 2, 1), "America/New_York").referrals,
                build(s, 2027, date(2027, 2, 1), "America/New_York").referrals) == (1, 0)
        assert (build(s, 2026, date(2027, 2, 1)).referrals, build(s, 2027, date(2027, 2, 1)).referrals) == (0, 1)
    engine.dispose()
