"""Decisions by email: who may, what changes, and refusals that change nothing (pure)."""

from __future__ import annotations

from datetime import date

from bot.domain.commands import decide_command, decide_return
from bot.domain.effects import (
    ExtendClock,
    MailIntent,
    RecordReturn,
    RequestAgency,
    SetStage,
    StartClock,
    StopClock,
)
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import AgencyReturn, Command

S = load_settings(None, env={})
CAL = WorkCalendar()
TODAY = date(2026, 4, 8)
CHAIR = "cspr.subgroup.chair@nsscp.example.gov.uk"
COORD = "nsscp.coordinator@nsscp.example.gov.uk"
SL = "service.leader.qa@nsscp.example.gov.uk"
AD = "ad.support.safeguarding@nsscp.example.gov.uk"


def case(*clocks: ClockView, stage: str = "screening", requested: tuple[str, ...] = ()) -> CaseSnapshot:
    return CaseSnapshot("NS-CSPR-2026-001", stage, "sam.example@csc.example.gov.uk", clocks, requested)


SCREENING = ClockView("screening", "", date(2026, 4, 1), date(2026, 4, 10), "running")
NOTIFICATION = ClockView("notification", "", date(2026, 4, 2), date(2026, 4, 13), "running")


def state_changes(effects: list[object]) -> list[object]:
    return [e for e in effects if isinstance(e, StartClock | StopClock | ExtendClock | SetStage | RequestAgency)]


def test_rapid_review_decision_fans_out_to_named_agencies() -> None:
    cmd = Command(verb="DECISION", args={"decision": "RAPID REVIEW", "agencies": "education, Avon and Somerset Police"})
    out = decide_command(cmd, CHAIR, case(SCREENING, NOTIFICATION), S, CAL, TODAY)
    assert out.accepted
    req = [e for e in out.effects if isinstance(e, RequestAgency)]
    assert [r.agency for r in req] == ["Education", "Avon and Somerset Police"]
    mails = [e for e in out.effects if isinstance(e, MailIntent) and e.kind == "request"]
    assert sorted(m.to[0] for m in mails) == ["education.dsl@schools.example.gov.uk",
                                              "police.safeguarding.lead@avon.example.pnn.police.uk"]
    assert all(m.return_template_for for m in mails)
    assert StopClock("screening", "met", TODAY, "rapid review decided") in out.effects
    assert StopClock("rr_start", "met", TODAY, "requests sent to agencies") in out.effects


def test_wrong_role_is_refused_and_changes_nothing() -> None:
    cmd = Command(verb="NOTIFIED", args={"date": "2026-04-07"})
    out = decide_command(cmd, CHAIR, case(SCREENING, NOTIFICATION), S, CAL, TODAY)
    assert not out.accepted and "service_leader" in out.summary
    assert state_changes(out.effects) == []
    assert [e.kind for e in out.effects if isinstance(e, MailIntent)] == ["refusal"]


def test_lookalike_address_is_not_the_role() -> None:
    cmd = Command(verb="CLOSE", args={"reason": "family moved away"})
    out = decide_command(cmd, "nsscp.coordinator@nsscp.example.gov.uk.evil.example", case(SCREENING), S, CAL, TODAY)
    assert not out.accepted


def test_bad_and_future_dates_are_refused() -> None:
    bad = decide_command(Command(verb="NOTIFIED", args={"date_raw": "31/02/2026"}), SL, case(NOTIFICATION), S, CAL,
                         TODAY)
    assert not bad.accepted and "31/02/2026" in bad.summary
    future = decide_command(Command(verb="NOTIFIED", args={"date": "2026-05-01"}), SL, case(NOTIFICATION), S, CAL,
                            TODAY)
    assert not future.accepted and "future" in future.summary


def test_notified_stops_clock_3_and_anchors_clock_6() -> None:
    out = decide_command(Command(verb="NOTIFIED", args={"date": "2026-04-07"}), SL, case(NOTIFICATION), S, CAL, TODAY)
    assert out.accepted
    assert StartClock("rr_submission", date(2026, 4, 7)) in out.effects
    assert "2026-04-28" in out.summary  # 15 WD after 7 April


def test_unknown_agency_refused() -> None:
    cmd = Command(verb="DECISION", args={"decision": "RAPID REVIEW", "agencies": "Fire Service"})
    out = decide_command(cmd, CHAIR, case(SCREENING), S, CAL, TODAY)
    assert not out.accepted and "Fire Service" in out.summary


def test_extension_must_be_later_and_have_a_reason() -> None:
    ok = decide_command(Command(verb="EXTEND", args={"clock": "screening", "date": "2026-04-17", "reason": "panel"}),
                        COORD, case(SCREENING), S, CAL, TODAY)
    assert ok.accepted and ExtendClock("screening", "", date(2026, 4, 17), "panel") in ok.effects
    earlier = decide_command(Command(verb="EXTEND", args={"clock": "screening", "date": "2026-04-09",
                                                          "reason": "awaiting the panel"}),
                             COORD, case(SCREENING), S, CAL, TODAY)
    assert not earlier.accepted
    noreason = decide_command(Command(verb="EXTEND", args={"clock": "screening", "date": "2026-04-17"}),
                              COORD, case(SCREENING), S, CAL, TODAY)
    assert not noreason.accepted


def test_disagreement_escalates_now_and_referrer_may_raise_it() -> None:
    out = decide_command(Command(verb="DISAGREE", args={"reason": "threshold met"}), "sam.example@csc.example.gov.uk",
                         case(SCREENING), S, CAL, TODAY)
    assert out.accepted
    esc = [e for e in out.effects if isinstance(e, MailIntent) and e.kind == "escalation"]
    assert esc[0].to == (AD,) and esc[0].clock == "disagreement"
    stranger = decide_command(Command(verb="DISAGREE", args={"reason": "threshold met"}), "someone@gmail.com",
                              case(SCREENING), S, CAL, TODAY)
    assert not stranger.accepted


def test_closed_case_refuses_commands() -> None:
    out = decide_command(Command(verb="CLOSE", args={"reason": "again"}), COORD, case(stage="closed"), S, CAL, TODAY)
    assert not out.accepted and "closed" in out.summary


def test_returns_nil_late_and_unsolicited() -> None:
    clock5 = ClockView("agency_return", "Education", date(2026, 4, 14), date(2026, 4, 28), "running")
    nil = AgencyReturn(involved=False)
    fx, summary = decide_return(nil, "Education", "x@schools.example.gov.uk", case(clock5, requested=("Education",)),
                                date(2026, 4, 27))
    assert RecordReturn("Education", date(2026, 4, 27), False, False) in fx and "nil return" in summary
    _, late = decide_return(AgencyReturn(involved=True), "Education", "x@y", case(clock5, requested=("Education",)),
                            date(2026, 4, 30))
    assert "late" in late
    fx, unsolicited = decide_return(AgencyReturn(involved=True), "ICB Health", "x@nhs.net", case(clock5), TODAY)
    assert RecordReturn("ICB Health", TODAY, True, True) in fx and "not requested" in unsolicited
