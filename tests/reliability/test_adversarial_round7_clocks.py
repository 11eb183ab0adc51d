"""Adversarial suite, stranger round 6's clock breaks (B3, B4), black-box through `csprbot run --once --now`.

  B3. a `DECISION: RAPID REVIEW` received before an outage and processed after it anchored each agency's
      10 WD return clock on the decision's receipt (the agency, asked days later, got fewer days), and the
      request carried the decision's receipt time as its `Date:`. DOMAIN clock 5 starts at "request sent to
      that agency": the anchor is when the request is queued (the pass that processes the decision), and the
      mail's Date: is that time too.
  B4. a command received at the weekend, on a bank holiday or after the 17:00 cut-off started (or, on REOPEN,
      re-dated) its clocks from that day, where a referral at the same instant counts from the next working
      day. Every clock a command starts now takes the referral's receipt-to-anchor rule.

Inputs are receipt instants (weekdays, weekends, bank holidays, the council's closure, either side of the
cut-off, across the DST changes of 2026-10-25 and 2027-03-28) and processing delays of 0-10 days. Mail is
delivered to the Maildir with its receipt time as the file's mtime (what the mailbox adapter reads). The
oracle is written here from DOMAIN.md's rule alone (working days: Monday-Friday less England-and-Wales bank
holidays from the `holidays` package, less the profile's closure days for a local clock; "mail that arrives
after the cut-off counts from the next working day"; anchor day is day 0).
"""

from __future__ import annotations

import contextlib
import email
import io
import itertools
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import holidays
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, ROLE, MaildirWorld, fresh_worlds, query, referral, reply

pytestmark = pytest.mark.usefixtures("database_url")

EXAMPLES = int(os.environ.get("CSPRBOT_ROUND7_CLOCK_EXAMPLES", "4"))
# No shrinking: each example is a few `run --once` passes, and the first failing instant is already readable.
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# --- the oracle: DOMAIN.md's working days and receipt rule, independent of bot/workdays.py ------------------

BANK = holidays.UK(subdiv="ENG", years=range(2026, 2029))
CLOSURE = {date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)}  # config/example.toml's closure_days
CUTOFF = time(17, 0)


def is_wd(d: date, local: bool) -> bool:
    return d.weekday() < 5 and d not in BANK and not (local and d in CLOSURE)


def add_wd(d: date, n: int, local: bool = True) -> date:
    while n > 0:
        d += timedelta(days=1)
        n -= is_wd(d, local)
    return d


def day0(at: datetime, local: bool = True) -> date:
    """DOMAIN: the local day; mail after the cut-off, or on a day that is not a working day, counts from the
    next working day."""
    t = at.astimezone(LONDON)
    d = t.date()
    if t.time() > CUTOFF:  # after = strictly later: 17:00:00 itself is not after 17:00 (round 18, B3)
        d += timedelta(days=1)
    while not is_wd(d, local):
        d += timedelta(days=1)
    return d


def local_day(at: datetime) -> date:
    return at.astimezone(LONDON).date()


# --- receipt instants -----------------------------------------------------------------------------------

# Days around both DST changes, Christmas and the closure, New Year, Easter 2027 (Good Friday 26 Mar, GMT->BST
# on Sunday 28 Mar, Easter Monday 29 Mar), May Day, plus any day of the season.
SPECIAL = [date(2026, 10, 23), date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26), date(2026, 11, 20),
           date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29), date(2026, 12, 24), date(2026, 12, 25),
           date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 1), date(2027, 3, 25),
           date(2027, 3, 26), date(2027, 3, 27), date(2027, 3, 28), date(2027, 3, 29), date(2027, 5, 3)]
TIMES = [time(0, 30), time(1, 30), time(9, 0), time(12, 15), time(16, 30), time(16, 59), time(17, 0), time(17, 1),
         time(17, 30), time(22, 0), time(23, 59)]
days = st.one_of(st.sampled_from(SPECIAL), st.dates(date(2026, 10, 19), date(2027, 5, 7)))
clock_times = st.one_of(st.sampled_from(TIMES), st.times())


def instant(d: date, t: time) -> datetime:
    """The London wall time as an instant (a time in the spring-forward gap moves on, as a mail server's
    clock would never show it; in the autumn fold, the first one)."""
    return datetime.combine(d, t.replace(tzinfo=None, microsecond=0)).replace(tzinfo=LONDON).astimezone(UTC)


receipts = st.builds(instant, days, clock_times)
delays = st.builds(lambda d, m: timedelta(days=d, minutes=m), st.integers(0, 10), st.integers(1, 600))


# --- the world: config/example.toml, a Maildir, the test's database --------------------------------------

class World(MaildirWorld):
    _n = itertools.count()

    def __init__(self, root: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(root, url, monkeypatch)
        self.seen: set[str] = set()

    def cli(self, *args: str) -> str:
        from bot.cli import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = main(["--config", str(self.profile), *args])
        assert rc == 0, (args, out.getvalue())
        return out.getvalue()

    def deliver(self, raw: bytes, received: datetime) -> None:
        from bot.mail.maildir import deliver

        deliver(self.root / "inbox", raw, received=received)

    def run(self, now: datetime) -> None:
        self.cli("run", "--once", "--now", now.isoformat())

    def command(self, sender: str, ref: str, body: str, received: datetime, now: datetime) -> None:
        self.deliver(reply(sender, ref, body, received, f"<c{next(self._n)}@nsscp.example.gov.uk>"), received)
        self.run(now)

    def clocks(self, ref: str) -> dict[tuple[str, str], tuple[date, date, str, date | None]]:
        rows = query(self.url, "SELECT k.key, k.agency, k.anchor, k.due, k.state, k.stopped_on FROM clocks k "
                     "JOIN cases c ON c.id = k.case_id WHERE c.ref = ?", (ref,))
        return {(r[0], r[1] or ""): (_d(r[2]), _d(r[3]), r[4], _d(r[5]) if r[5] else None) for r in rows}

    def sent(self) -> list[email.message.Message]:
        """Mail csprbot sent since the last look (the Maildir sender's files)."""
        out = []
        for p in sorted(itertools.chain((self.root / "outbox").glob("new/*"), (self.root / "outbox").glob("cur/*"))):
            if str(p) not in self.seen:
                self.seen.add(str(p))
                out.append(email.message_from_bytes(p.read_bytes()))
        return out

    def open_case(self, received: datetime) -> str:
        """A CSC referral (the LA's own children's services: aware on the incident day) for an incident the
        day before, processed at once; its reference."""
        incident = local_day(received) - timedelta(days=1)
        self.deliver(referral(f"<r{next(self._n)}@csc.example.gov.uk>", received, incident), received)
        self.run(received + timedelta(minutes=1))
        (ref,) = [r[0] for r in query(self.url, "SELECT ref FROM cases")]
        self.sent()
        return str(ref)


def _d(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])


@pytest.fixture
def worlds(tmp_path: Path, db_backend: str, monkeypatch: pytest.MonkeyPatch,
           request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh world per generated example (a fresh database on PostgreSQL)."""
    yield from fresh_worlds(lambda root, url: World(root, url, monkeypatch), tmp_path, db_backend, request)


CHAIR, COORD, SL = ROLE["subgroup_chair"], ROLE["coordinator"], ROLE["service_leader"]
EDU = ROLE["education_lead"]


def _request_to(mails: list[email.message.Message], lead: str) -> email.message.Message:
    got = [m for m in mails if m["X-CSPRBOT-Kind"] == "request" and lead in str(m["To"])]
    assert len(got) == 1, [(m["To"], m["X-CSPRBOT-Kind"]) for m in mails]
    return got[0]


# --- B3 + B4: DECISION: RAPID REVIEW received at any instant, processed 0-10 days later ---------------------

@SETTINGS
@given(received=receipts, delay=delays)
def test_decision_agency_clocks_start_when_the_request_is_sent_and_the_decision_by_its_receipt(
        worlds: Any, received: datetime, delay: timedelta) -> None:
    w = worlds()
    ref = w.open_case(received - timedelta(hours=3))
    processed = received + delay
    w.command(CHAIR, ref, "DECISION: RAPID REVIEW\nAGENCIES: Education", received, processed)
    clocks = w.clocks(ref)
    # The decision itself is judged by its receipt (a verdict: the day it reached the mailbox)...
    assert clocks[("screening", "")][2:] == ("met", local_day(received)), (clocks, received)
    # ...and the clock it starts counts from its receipt, after the cut-off rule, as a referral's would.
    assert clocks[("rr_start", "")][0] == day0(received), (clocks, received)
    # The agency's 10 WD run from the request being sent: the pass that processed the decision.
    anchor, due, state, _ = clocks[("agency_return", "Education")]
    assert (anchor, due, state) == (day0(processed), add_wd(day0(processed), 10), "running"), \
        (received, processed, clocks)
    # The request says when it was sent, not when the decision arrived, and names the due date the clock holds.
    req = _request_to(w.sent(), EDU)
    assert parsedate_to_datetime(str(req["Date"])) == processed.replace(microsecond=0), (req["Date"], processed)


# --- B4 (and B3's re-asks): REOPEN received at any instant, processed 0-10 days later ----------------------

@SETTINGS
@given(received=receipts, delay=delays, closed_for=st.integers(8, 40), rapid_review=st.booleans())
def test_reopen_fair_dates_count_from_the_receipt_rule_and_re_asks_from_the_sending(
        worlds: Any, received: datetime, delay: timedelta, closed_for: int, rapid_review: bool) -> None:
    w = worlds()
    opened = received - timedelta(days=closed_for)
    ref = w.open_case(opened)
    incident = local_day(opened) - timedelta(days=1)
    if rapid_review:
        w.command(CHAIR, ref, "DECISION: RAPID REVIEW\nAGENCIES: Education", opened + timedelta(hours=1),
                  opened + timedelta(hours=1, minutes=1))
    w.command(COORD, ref, "CLOSE: checking", opened + timedelta(hours=2), opened + timedelta(hours=2, minutes=1))
    before = w.clocks(ref)
    w.sent()
    processed = received + delay
    w.command(COORD, ref, "REOPEN: was needed", received, processed)
    clocks = w.clocks(ref)
    # A date that passed while closed is replaced by the clock's own allowance from the reopening day (its
    # receipt, after the cut-off rule); one that has not passed stays.
    expect: dict[tuple[str, str], date] = {}
    if rapid_review:
        old = before[("agency_return", "Education")][1]
        # A fresh request goes to the agency when the REOPEN is processed: its days count from then.
        expect[("agency_return", "Education")] = old if old >= local_day(received) \
            else add_wd(day0(processed), 10)
    else:
        old = add_wd(incident, 5)
        assert before[("screening", "")][1] == old
        expect[("screening", "")] = old if old >= local_day(received) else add_wd(day0(received), 5)
    # The Panel notification (statutory: England-and-Wales working days, the closure does not count).
    old = add_wd(incident, 5, local=False)
    assert before[("notification", "")][1] == old
    expect[("notification", "")] = old if old >= local_day(received) \
        else add_wd(day0(received, local=False), 5, local=False)
    for key, due in expect.items():
        assert clocks[key][2] == "running" and clocks[key][1] == due, (key, received, processed, clocks[key], due)
    if rapid_review:
        req = _request_to(w.sent(), EDU)
        assert parsedate_to_datetime(str(req["Date"])) == processed.replace(microsecond=0), (req["Date"], processed)


# --- B4: DISAGREE received at any instant within the window, processed later -------------------------------

@SETTINGS
@given(received=receipts, delay=delays, after=st.integers(0, 9))
def test_disagreement_clock_counts_from_the_receipt_rule(worlds: Any, received: datetime, delay: timedelta,
                                                          after: int) -> None:
    w = worlds()
    decided = received - timedelta(days=after, hours=2)
    ref = w.open_case(decided - timedelta(hours=1))
    w.command(CHAIR, ref, "DECISION: NO RAPID REVIEW threshold not met", decided, decided + timedelta(minutes=1))
    w.command(SL, ref, "DISAGREE: the threshold is met", received, received + delay)
    anchor, due, state, _ = w.clocks(ref)[("disagreement", "")]
    assert (anchor, due, state) == (day0(received), add_wd(day0(received), 2), "running"), (received, anchor, due)
