"""bot.domain.incident: what a linked case does about its incident's agency returns (pure, from snapshots)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.domain.commands import Outcome, decide_command
from bot.domain.effects import Audit, ExtendClock, OnLinkedCase, RequestAgency, RestartClock, StartClock, StopClock
from bot.domain.incident import WAIVED, carried, reconcile
from bot.domain.snapshot import CaseSnapshot, ClockView, IncidentReturn
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import Command

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


# --- WAIVE / EXTEND under the case whose clock stood aside (stranger round 16, break 4) ---------------------

COORD = "nsscp.coordinator@nsscp.example.gov.uk"


def _stood_aside() -> CaseSnapshot:
    """TWO asked Education and the police a day after ONE; linked, its clocks stood aside for ONE's."""
    aside = tuple(ClockView("agency_return", a, date(2026, 12, 3), LATER, "stopped", TODAY) for a in (EDU, POLICE))
    rows = tuple(r for a in (EDU, POLICE) for r in (
        _asked(a, "running", stage="rapid_review"),
        IncidentReturn(TWO, "rapid_review", a, date(2026, 12, 3), "stopped", date(2026, 12, 3), LATER, None)))
    return CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, *aside), requested_agencies=(EDU, POLICE),
                        incident_returns=rows, facts={"incident": ONE})


def _send(case: CaseSnapshot, verb: str, **args: str) -> Outcome:
    return decide_command(Command(verb=verb, args=args), COORD, case, load_settings(None, env={}), WorkCalendar(),
                          TODAY)


def test_a_return_clocked_under_the_linked_case_is_outstanding_under_the_one_that_stood_aside() -> None:
    assert [(r.agency, r.ref, r.due) for r in carried(_stood_aside())] == [(EDU, ONE, DUE), (POLICE, ONE, DUE)]
    # Not once this case no longer waits (submitted), nor for a return it clocks itself.
    assert carried(replace(_stood_aside(), stage="awaiting_panel")) == []
    own = replace(_stood_aside(), clocks=(RR_MET, ClockView("agency_return", EDU, ASKED, DUE, "running")))
    assert [r.agency for r in carried(own)] == [POLICE]


def test_waive_under_the_case_that_stood_aside_stops_the_incidents_clock_and_names_its_case() -> None:
    out = _send(_stood_aside(), "WAIVE", agency="education", reason="school closed, records held by CSC")
    assert out.accepted, out.summary
    linked = [f for f in out.effects if isinstance(f, OnLinkedCase)]
    assert [(f.ref, type(f.effect), f.effect.agency) for f in linked] == [(ONE, StopClock, EDU)]
    stop = linked[0].effect
    assert isinstance(stop, StopClock) and stop.reason.startswith(WAIVED) and TWO in stop.reason
    assert ONE in out.summary and "no agency return is outstanding" not in out.summary
    # This case's own clock is not touched (it stood aside; the waiver now holds for the incident).
    assert not [f for f in out.effects if isinstance(f, StopClock)]


def test_extend_under_the_case_that_stood_aside_extends_the_incidents_clock() -> None:
    later = date(2026, 12, 23)
    out = _send(_stood_aside(), "EXTEND", clock=f"agency_return {POLICE}", date=later.isoformat(),
                reason="officer on leave")
    assert out.accepted, out.summary
    assert [(f.ref, f.effect) for f in out.effects if isinstance(f, OnLinkedCase)] == [
        (ONE, ExtendClock("agency_return", POLICE, later, f"officer on leave (EXTEND sent under {TWO})"))]
    assert ONE in out.summary
    # A date not after the carried clock's own is refused, naming the case that carries it.
    early = _send(_stood_aside(), "EXTEND", clock=f"agency_return {POLICE}", date=DUE.isoformat(), reason="leave")
    assert not early.accepted and ONE in early.summary and DUE.isoformat() in early.summary
    # Which agency, when it could be either: refused, listing them.
    which = _send(_stood_aside(), "EXTEND", clock="agency_return", date=later.isoformat(), reason="leave")
    assert not which.accepted and EDU in which.summary and POLICE in which.summary


def test_waive_of_a_return_nobody_waits_for_is_still_refused() -> None:
    out = _send(_stood_aside(), "WAIVE", agency="ICB Health", reason="not involved")
    assert not out.accepted and "ICB Health" in out.summary
    # The refusal lists what is outstanding, and where it is clocked.
    assert EDU in out.summary and f"clocked under {ONE}" in out.summary
    assert not [f for f in out.effects if isinstance(f, OnLinkedCase)]


def test_a_take_over_keeps_the_extended_date_of_the_clock_that_carried_the_return() -> None:
    # ONE carried the police return (due first), TWO stood aside with its own later date; the co-ordinator then
    # EXTENDed ONE's clock well past both, and ONE was closed. TWO takes the clock over with the extended date:
    # the co-ordinator's extension is the incident's, and the agency must not be chased and escalated before it.
    extended = date(2027, 1, 8)
    aside = ClockView("agency_return", POLICE, date(2026, 12, 3), LATER, "stopped", TODAY)
    carrier = IncidentReturn(ONE, "closed", POLICE, ASKED, "stopped", ASKED, extended, None)
    own_row = IncidentReturn(TWO, "rapid_review", POLICE, date(2026, 12, 3), "stopped", date(2026, 12, 3), LATER,
                             None, stood_aside=True)
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, aside), requested_agencies=(POLICE,),
                        incident_returns=(carrier, own_row), facts={"incident": ONE})
    fx = reconcile(case, TODAY)
    assert [(f.agency, f.due) for f in fx if isinstance(f, RestartClock)] == [(POLICE, extended)]
    # Not extended: the carried clock's date is the earlier one, as before.
    plain = replace(carrier, due=DUE)
    fx = reconcile(replace(case, incident_returns=(plain, own_row)), TODAY)
    assert [(f.agency, f.due) for f in fx if isinstance(f, RestartClock)] == [(POLICE, DUE)]


def test_an_extended_clock_carries_the_return_before_an_earlier_date_nobody_agreed() -> None:
    # Stranger round 19, B5: ONE's police return was EXTENDed (a date agreed with the agency), then TWO, which had
    # asked the police for an earlier date, was linked. TWO's clock stands aside for the agreed date, saying so.
    agreed = date(2027, 1, 8)
    mine = ClockView("agency_return", POLICE, ASKED, DUE, "running")
    rows = (IncidentReturn(ONE, "rapid_review", POLICE, ASKED, "running", ASKED, agreed, None, extended=True),
            IncidentReturn(TWO, "rapid_review", POLICE, ASKED, "running", ASKED, DUE, None))
    case = CaseSnapshot(TWO, "rapid_review", None, clocks=(RR_MET, mine), requested_agencies=(POLICE,),
                        incident_returns=rows, facts={"incident": ONE})
    stop = [f for f in reconcile(case, TODAY) if isinstance(f, StopClock)]
    assert [(f.agency, f.outcome) for f in stop] == [(POLICE, "stopped")]
    assert ONE in stop[0].reason and "extension" in stop[0].reason and agreed.isoformat() in stop[0].reason
    assert carried(case) == [] and reconcile(replace(case, ref=ONE), TODAY) == []
    # Without the extension the earlier date carries, as before.
    plain = (replace(rows[0], extended=False, due=LATER), rows[1])
    theirs = ClockView("agency_return", POLICE, ASKED, LATER, "running")
    one = CaseSnapshot(ONE, "rapid_review", None, clocks=(RR_MET, theirs), requested_agencies=(POLICE,),
                       incident_returns=plain, facts={"incident": ONE})
    assert [(f.agency, f.outcome) for f in reconcile(one, TODAY) if isinstance(f, StopClock)] == [(POLICE, "stopped")]
