"""Every clock a command starts takes the referral's receipt-to-anchor rule (stranger round 6, B3/B4; pure).

A command received at the weekend, on a bank holiday or the council's closure, or after the 17:00 cut-off starts
(or, on REOPEN, re-dates) its clocks from the next working day, as a referral received then would
(clocks.anchor_day). An agency's return clock starts when csprbot sends the request (DOMAIN clock 5): the
processing instant, not the decision's receipt. A date the command states is a date: kept as is. The oracle is
DOMAIN's rule written here (the `holidays` package for England-and-Wales bank holidays).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.commands import decide_command
from bot.domain.effects import MailIntent, RequestAgency, RestartClock, StartClock
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import load_settings
from bot.workdays import WorkCalendar

S = load_settings(None, env={})
CLOSURE = {date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)}
CAL = WorkCalendar(closure_days=CLOSURE)
LONDON = ZoneInfo("Europe/London")
BANK = holidays.UK(subdiv="ENG", years=range(2026, 2029))
CHAIR = "cspr.subgroup.chair@nsscp.example.gov.uk"
COORD = "nsscp.coordinator@nsscp.example.gov.uk"
SL = "service.leader.qa@nsscp.example.gov.uk"
AD = "ad.support.safeguarding@nsscp.example.gov.uk"
REFERRER = "sam.example@csc.example.gov.uk"


def is_wd(d: date, local: bool) -> bool:
    return d.weekday() < 5 and d not in BANK and not (local and d in CLOSURE)


def add_wd(d: date, n: int, local: bool = True) -> date:
    while n > 0:
        d += timedelta(days=1)
        n -= is_wd(d, local)
    return d


def day0(at: datetime, local: bool = True) -> date:
    t = at.astimezone(LONDON)
    d = t.date() + timedelta(days=1 if t.time() > time(17, 0) else 0)
    while not is_wd(d, local):
        d += timedelta(days=1)
    return d


instants = st.datetimes(datetime(2026, 10, 1), datetime(2027, 5, 31), timezones=st.just(UTC)).map(
    lambda d: d.replace(microsecond=0))
delays = st.timedeltas(timedelta(0), timedelta(days=10))
EX = settings(max_examples=150, deadline=None, derandomize=True)


def snap(stage: str, *clocks: ClockView, **facts: object) -> CaseSnapshot:
    return CaseSnapshot("NS-CSPR-2026-001", stage, REFERRER, clocks, facts=dict(facts),
                        received_date=date(2026, 9, 1), opened_on=date(2026, 9, 1), incident_date=date(2026, 8, 31))


def run(text: str, sender: str, case: CaseSnapshot, received: datetime, sent: datetime) -> list[object]:
    """The command as the mail parser reads it, received at `received` and processed at `sent`."""
    from parsers.reply import parse_command

    parsed = parse_command(text, [])
    assert parsed is not None, text
    today = received.astimezone(LONDON).date()
    out = decide_command(parsed, sender, case, S, CAL, today, received_at=received, sent_at=sent)
    assert out.accepted, out.summary
    return list(out.effects)


def starts(fx: list[object]) -> dict[str, date]:
    return {e.key: e.anchor for e in fx if isinstance(e, StartClock)}


@EX
@given(received=instants, delay=delays)
def test_decision_rr_start_by_receipt_and_agency_clock_by_sending(received: datetime, delay: timedelta) -> None:
    sent = received + delay
    screening = ClockView("screening", "", date(2026, 9, 1), date(2026, 9, 8), "running")
    fx = run("DECISION: RAPID REVIEW\nAGENCIES: Education", CHAIR, snap("screening", screening),
             received, sent)
    assert starts(fx)["rr_start"] == day0(received)
    (req,) = [e for e in fx if isinstance(e, RequestAgency)]
    assert req.on == day0(sent), (received, sent)
    (mail,) = [e for e in fx if isinstance(e, MailIntent) and e.kind == "request"]
    assert mail.context["due"] == add_wd(day0(sent), 10)


@EX
@given(received=instants, delay=delays)
def test_clocks_started_by_other_commands_count_from_the_receipt_rule(received: datetime, delay: timedelta) -> None:
    sent = received + delay
    screening = ClockView("screening", "", date(2026, 9, 1), date(2026, 9, 8), "running")
    assert starts(run("DISAGREE: criteria met", SL, snap("screening", screening), received, sent)) \
        == {"disagreement": day0(received)}
    panel = ClockView("panel_response", "", date(2026, 9, 20), date(2026, 9, 30), "running")
    assert starts(run("PANEL: LOCAL REVIEW", COORD, snap("awaiting_panel", panel), received, sent)) \
        == {"lcspr": received.astimezone(LONDON).date()}  # 6 calendar months: from the day itself
    # A date the command states is a date, not a receipt: kept as is, whenever the mail came.
    assert starts(run("PANEL: LOCAL REVIEW 2026-09-26", COORD, snap("awaiting_panel", panel),
                      received, sent)) == {"lcspr": date(2026, 9, 26)}
    assert starts(run("NOTIFIED: 2026-09-26", SL, snap("screening", screening), received, sent)) \
        == {"rr_submission": date(2026, 9, 26)}
    assert starts(run("REVIEWER: A Reviewer, Reviews Ltd", COORD, snap("local_review"), received,
                      sent)) == {"review_notices": day0(received)}
    disagreement = ClockView("disagreement", "", date(2026, 9, 2), date(2026, 9, 4), "running")
    assert starts(run("AD DECISION: REFER", AD, snap("disputed", disagreement, disputed_from="closed"),
                      received, sent)) == {"rr_start": day0(received)}


@EX
@given(received=instants, delay=delays)
def test_reopen_fair_dates_from_the_receipt_rule_and_re_asks_from_the_sending(received: datetime,
                                                                             delay: timedelta) -> None:
    sent = received + delay
    old = date(2026, 9, 8)  # passed while closed, for every instant generated
    clocks = (ClockView("screening", "", date(2026, 9, 1), old, "stopped"),
              ClockView("notification", "", date(2026, 9, 1), old, "stopped"),
              ClockView("agency_return", "Education", date(2026, 8, 25), old, "stopped"))
    case = snap("closed", *clocks, closed_from="rapid_review", closed_by="close",
                closed_stopped=[["notification", ""], ["agency_return", "Education"]])
    fx = run("REOPEN: was needed", COORD, case, received, sent)
    dues = {(e.key, e.agency): e.due for e in fx if isinstance(e, RestartClock)}
    assert dues == {("notification", ""): add_wd(day0(received, local=False), 5, local=False),
                    ("agency_return", "Education"): add_wd(day0(sent), 10)}, (received, sent)
    (mail,) = [e for e in fx if isinstance(e, MailIntent) and e.kind == "request"]
    assert mail.context["due"] == add_wd(day0(sent), 10)
