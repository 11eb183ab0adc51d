"""A date a command records is refused, with the reason, when it cannot be true: in the future, before the
incident, or before the event that started the clock the command answers (the Panel cannot decide on a rapid
review before it was submitted). 31d1343 accepted `DECISION: NO RAPID REVIEW` dated before the incident."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.commands import decide_command
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.reply import parse_command

S = load_settings(None, env={})
CAL = WorkCalendar()
CHAIR, COORD = S.roles.subgroup_chair[0], S.roles.coordinator[0]
SL, AD = S.roles.service_leader[0], S.roles.assistant_director[0]
INCIDENT = date(2026, 4, 1)
TODAY = date(2026, 6, 1)


def clock(key: str, anchor: date) -> ClockView:
    return ClockView(key, "", anchor, anchor + timedelta(days=20), "running")


# (command with {d}, sender, stage, the clock it answers and its start, other facts)
CASES = [
    ("DECISION: NO RAPID REVIEW {d} criteria not met", CHAIR, "screening", "screening", INCIDENT, {}),
    ("DECISION: RAPID REVIEW {d}", CHAIR, "screening", "screening", INCIDENT, {}),
    ("AD DECISION: REFER {d}", AD, "disputed", "disagreement", date(2026, 4, 20), {"disputed_from": "screening"}),
    ("AD DECISION: DO NOT REFER {d}", AD, "disputed", "disagreement", date(2026, 4, 20),
     {"disputed_from": "screening"}),
    ("NOTIFIED: {d}", SL, "screening", "notification", INCIDENT, {}),
    ("AWARE: {d}", SL, "screening", "notification", INCIDENT, {}),
    ("SUBMITTED: {d}", COORD, "rapid_review", "rr_submission", date(2026, 4, 10), {"notified_on": "2026-04-10"}),
    ("PANEL: LOCAL REVIEW {d}", COORD, "awaiting_panel", "panel_response", date(2026, 4, 24), {}),
    ("PANEL: NATIONAL REVIEW {d}", COORD, "awaiting_panel", "panel_response", date(2026, 4, 24), {}),
    ("NOTICES SENT: {d}", SL, "local_review", "review_notices", date(2026, 5, 4), {}),
    ("REPORT TO PANEL: {d}", COORD, "local_review", "lcspr", date(2026, 4, 28), {}),
    ("OFSTED NOTIFIED: {d}", SL, "screening", "ofsted_notification", INCIDENT, {}),
]


RECEIVED = INCIDENT + timedelta(days=1)


def decide(text: str, sender: str, stage: str, key: str, anchor: date, facts: dict[str, object]):  # type: ignore[no-untyped-def]
    case = CaseSnapshot("NS-CSPR-2026-001", stage, None, (clock(key, anchor),), facts=dict(facts),
                        incident_date=INCIDENT, received_date=RECEIVED)
    cmd = parse_command(text, [])
    assert cmd is not None, text
    return decide_command(cmd, sender, case, S, CAL, TODAY)


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(CASES), d=st.dates(date(2026, 1, 1), date(2026, 7, 31)))
def test_a_recorded_date_is_accepted_only_between_the_clocks_start_and_today(
        case: tuple[str, str, str, str, date, dict[str, object]], d: date) -> None:
    text, sender, stage, key, anchor, facts = case
    # AWARE answers no clock: it re-anchors one, so the incident bounds it, and the referral's receipt (the LA
    # knew by then: stranger round 13, B3).
    aware = text.startswith("AWARE")
    start, end = (INCIDENT, RECEIVED) if aware else (anchor, TODAY)
    out = decide(text.format(d=d.isoformat()), sender, stage, key, anchor, facts)
    if start <= d <= end:
        assert out.accepted, (text, d, out.summary)
    else:
        assert not out.accepted, (text, d)
        if d > TODAY:
            assert "future" in out.summary
        elif d > end:
            assert "after" in out.summary and RECEIVED.isoformat() in out.summary and "referral" in out.summary
        elif d < INCIDENT:
            assert "before the incident" in out.summary and INCIDENT.isoformat() in out.summary
        else:
            assert "before" in out.summary and anchor.isoformat() in out.summary


def test_no_rapid_review_dated_before_the_incident_is_refused_with_the_reason() -> None:
    out = decide("DECISION: NO RAPID REVIEW 2026-03-01 before the incident", CHAIR, "screening", "screening",
                 INCIDENT, {})
    assert not out.accepted
    assert out.summary == "the date 2026-03-01 is before the incident (2026-04-01)"
