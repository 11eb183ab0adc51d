"""bot.domain.incident: what a linked case does about its incident's agency returns (pure, from snapshots)."""

from __future__ import annotations

from datetime import date

from bot.domain.effects import Audit, RequestAgency, RestartClock, StartClock, StopClock
from bot.domain.incident import reconcile
from bot.domain.snapshot import CaseSnapshot, ClockView, IncidentReturn

ONE, TWO = "NS-CSPR-2026-001", "NS-CSPR-2026-002"
POLICE, EDU = "Avon and Somerset Police", "Education"
ASKED, DUE = date(2026, 12, 2), date(2026, 12, 16)
TODAY = date(2026, 12, 7)
RR_MET = ClockView("rr_start", "", ASKED, date(2026, 12, 4), "met", ASKED)


def _asked(agency: str, state: str, received: date | None = None, waived: bool = False,
           ref: str = ONE, stage: str = "closed") -> IncidentReturn:
    return IncidentReturn(ref, stage, agency, ASKED, state, ASKED, DUE, received, waived)


def _live(rows: tuple[IncidentReturn, ...], clocks: tuple[ClockView, ...] = (RR_MET,), stage: str = "rapid_review",
          facts: dict[str, object] | None = None) -> CaseSnapshot:
    return CaseSnapshot(TWO, stage, None, clocks=clocks, incident_returns=rows,
                        facts={"incident": ONE, "asked_under": {POLICE: ONE, EDU: ONE}} if facts is None else facts)


def test_a_return_the_asking_case_stopped_is_taken_over_with_its_first_dates() -> None:
    fx = reconcile(_live((_asked(POLICE, "stopped"), _asked(EDU, "stopped"))), TODAY)
    starts = [f for f in fx if isinstance(f, StartClock)]
    assert sorted((f.agency, f.anchor, f.due) for f in starts) == [(POLICE, ASKED, DUE), (EDU, ASKED, DUE)]
    # Counted as asked under this case too (a return to it is not "unsolicited"), but no request mail.
    assert sorted(f.agency for f in fx if isinstance(f, RequestAgency)) == [POLICE, EDU]
    assert [f.detail["from"] for f in fx if isinstance(f, Audit)] == [ONE, ONE]


def test_nothing_is_taken_over_while_the_asking_case_clocks_it_or_after_a_waiver_or_a_return() -> None:
    rows = (_asked(POLICE, "running", stage="rapid_review"), _asked(EDU, "stopped", waived=True))
    assert reconcile(_live(rows), TODAY) == []
    got = (_asked(POLICE, "stopped", received=date(2026, 12, 9)), _asked(EDU, "met", received=date(2026, 12, 10)))
    assert reconcile(_live(got), TODAY) == []


def test_a_return_received_under_the_linked_case_meets_this_cases_clock() -> None:
    mine = ClockView("agency_return", POLICE, ASKED, DUE, "running")
    rows = (_asked(POLICE, "stopped", received=date(2026, 12, 9)), _asked(POLICE, "running", ref=TWO,
                                                                         stage="rapid_review"))
    fx = reconcile(_live(rows, clocks=(RR_MET, mine), facts={"incident": ONE}), TODAY)
    assert fx == [StopClock("agency_return", "met", date(2026, 12, 9), f"return received under {ONE} (linked case)",
                            POLICE)]


def test_its_own_clock_stopped_by_its_closing_runs_again_when_nobody_else_clocks_the_return() -> None:
    mine = ClockView("agency_return", POLICE, ASKED, DUE, "stopped", date(2026, 12, 3))
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, mine), requested_agencies=(POLICE,),
                        incident_returns=(_asked(POLICE, "stopped"), _asked(POLICE, "stopped", ref=TWO,
                                                                            stage="rapid_review")),
                        facts={"incident": ONE})
    assert [type(f) for f in reconcile(case, TODAY)] == [RestartClock, Audit]


def test_only_a_rapid_review_whose_requests_went_out_waits_for_returns() -> None:
    rows = (_asked(POLICE, "stopped"),)
    assert reconcile(_live(rows, stage="screening"), TODAY) == []
    assert reconcile(_live(rows, stage="closed"), TODAY) == []
    waiting = ClockView("rr_start", "", ASKED, date(2026, 12, 4), "running")
    assert reconcile(_live(rows, clocks=(waiting,)), TODAY) == []


def test_a_case_linked_before_the_fact_was_kept_waits_for_what_the_incident_asked() -> None:
    fx = reconcile(_live((_asked(POLICE, "stopped"),), facts={"incident": ONE}), TODAY)
    assert [(f.agency, f.due) for f in fx if isinstance(f, StartClock)] == [(POLICE, DUE)]


# --- cases that each asked before they were linked (stranger round 14, break 5) ---------------------------

LATER = date(2026, 12, 17)  # a day later: the same request made the next day


def test_of_two_linked_clocks_for_one_return_the_one_due_later_stands_aside_naming_the_other() -> None:
    mine = ClockView("agency_return", POLICE, date(2026, 12, 3), LATER, "running")
    rows = (_asked(POLICE, "running", stage="rapid_review"),
            IncidentReturn(TWO, "rapid_review", POLICE, date(2026, 12, 3), "running", date(2026, 12, 3), LATER, None))
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, mine), requested_agencies=(POLICE,),
                        incident_returns=rows, facts={"incident": ONE})
    fx = reconcile(case, TODAY)
    stop = [f for f in fx if isinstance(f, StopClock)]
    assert [(f.agency, f.outcome, f.on) for f in stop] == [(POLICE, "stopped", TODAY)]
    assert ONE in stop[0].reason and DUE.isoformat() in stop[0].reason and not stop[0].reason.startswith("waived")
    assert [f.detail["carried_by"] for f in fx if isinstance(f, Audit)] == [ONE]
    # The case whose clock is due first keeps it: seen from ONE, nothing to do.
    theirs = ClockView("agency_return", POLICE, ASKED, DUE, "running")
    one = CaseSnapshot(ONE, "rapid_review", None, clocks=(RR_MET, theirs), requested_agencies=(POLICE,),
                       incident_returns=rows, facts={"incident": ONE})
    assert reconcile(one, TODAY) == []


def test_equal_dates_leave_the_clock_with_the_case_opened_first() -> None:
    mine = ClockView("agency_return", EDU, ASKED, DUE, "running")
    rows = (_asked(EDU, "running", stage="rapid_review"), _asked(EDU, "running", ref=TWO, stage="rapid_review"))
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, mine), requested_agencies=(EDU,),
                        incident_returns=rows, facts={"incident": ONE})
    assert [(type(f), f.agency) for f in reconcile(case, TODAY) if isinstance(f, StopClock)] == [(StopClock, EDU)]
    one = CaseSnapshot(ONE, "rapid_review", None, clocks=(RR_MET, mine), requested_agencies=(EDU,),
                       incident_returns=rows, facts={"incident": ONE})
    assert reconcile(one, TODAY) == []


def test_a_clock_that_stood_aside_is_met_by_the_return_and_taken_back_with_the_earlier_date() -> None:
    aside = ClockView("agency_return", POLICE, date(2026, 12, 3), LATER, "stopped", TODAY)
    own_row = IncidentReturn(TWO, "rapid_review", POLICE, date(2026, 12, 3), "stopped", date(2026, 12, 3), LATER, None)
    got = (_asked(POLICE, "met", received=date(2026, 12, 9), stage="rapid_review"), own_row)
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, aside), requested_agencies=(POLICE,),
                        incident_returns=got, facts={"incident": ONE})
    assert reconcile(case, TODAY) == [RestartClock("agency_return", POLICE, f"return received under {ONE} (linked "
                                                   "case)", met_on=date(2026, 12, 9))]
    # The case that carried it was closed without the return: this one runs it again, due when that one was.
    gone = (_asked(POLICE, "stopped"), own_row)
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, aside), requested_agencies=(POLICE,),
                        incident_returns=gone, facts={"incident": ONE})
    fx = reconcile(case, TODAY)
    assert [(f.agency, f.due) for f in fx if isinstance(f, RestartClock)] == [(POLICE, DUE)]
