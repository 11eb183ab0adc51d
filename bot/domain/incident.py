"""Linked cases' agency returns: asked once per incident, clocked while any linked case still needs them.

LINK makes one incident of several cases (siblings): an agency one case asked is not asked again by another
(commands._requests). The return is then the incident's, and its clock lives on one case. When that case stops
it without the return (CLOSE, SUBMITTED), a linked case still in rapid review that relies on the return takes
the clock over, with the agency's original request date and due date, so the agency is chased and escalated
under the live case's reference and never asked a second time. A return received under any linked case meets
the others' clocks for that agency; a waiver (WAIVE) under one holds for the incident.

Pure: the facts come in CaseSnapshot.incident_returns (every case of the incident, this one's included).
"""

from __future__ import annotations

from datetime import date

from bot.domain.effects import Audit, Effect, RequestAgency, RestartClock, StartClock, StopClock
from bot.domain.snapshot import CaseSnapshot, IncidentReturn

WAIVED = "waived: "  # the stop reason WAIVE gives an agency's return clock (commands._waive)
KEY = "agency_return"


def _rows(case: CaseSnapshot, agency: str) -> list[IncidentReturn]:
    return [r for r in case.incident_returns if r.agency.lower() == agency.lower()]


def received(case: CaseSnapshot, agency: str) -> tuple[date, str] | None:
    """The first day `agency`'s return reached any case of the incident (this one's own included), and where."""
    got = [(d, case.ref) for a, d in case.returns_received if a.lower() == agency.lower()]
    got += [(r.received_on, r.ref) for r in _rows(case, agency) if r.received_on is not None]
    return min(got) if got else None


def covered_by(case: CaseSnapshot, agency: str) -> str | None:
    """The other linked case whose clock for `agency`'s return is running, if any."""
    return next((r.ref for r in _rows(case, agency) if r.ref != case.ref and r.clock_state == "running"), None)


def waived(case: CaseSnapshot, agency: str) -> bool:
    return any(r.waived for r in _rows(case, agency))


def needs(case: CaseSnapshot) -> list[str]:
    """The agencies whose returns this case's rapid review waits for: those it asked, and those it did not ask
    again because a linked case had (fact `asked_under`, set by commands._requests)."""
    out = list(dict.fromkeys(case.requested_agencies))
    under = case.facts.get("asked_under")
    if under is None and not out:
        # Linked before the fact was kept: a rapid review that asked nobody itself waits for what the incident asked.
        under = {r.agency: r.ref for r in case.incident_returns if r.requested_on is not None}
    for name in under or {}:
        if str(name).lower() not in (a.lower() for a in out):
            out.append(str(name))
    return out


def adopt(case: CaseSnapshot, agency: str, reason: str) -> list[Effect]:
    """Effects that make this case own the running clock for `agency`'s return (nobody else runs one, it has
    not come, it was not waived). The agency keeps the date it was first asked for the incident and its due
    date: it is not asked again, only chased under this case."""
    own = case.clock(KEY, agency)
    if own is not None:
        if own.state != "stopped":
            return []
        return [RestartClock(KEY, own.agency, reason),
                Audit("return_clock_taken_over", {"agency": own.agency, "reason": reason})]
    asked = [r for r in _rows(case, agency) if r.requested_on is not None]
    if not asked:
        return []
    first = min(asked, key=lambda r: (r.anchor or r.requested_on or date.max, r.ref))
    anchor = first.anchor or first.requested_on
    assert anchor is not None
    return [StartClock(KEY, anchor, first.agency, due=first.due), RequestAgency(first.agency, anchor),
            Audit("return_clock_taken_over", {"agency": first.agency, "from": first.ref, "reason": reason})]


def reconcile(case: CaseSnapshot) -> list[Effect]:
    """What this linked case must do about the incident's returns now: meet a clock whose return came under a
    linked case; take over the clock of a return it waits for that no case clocks any more. Only a case in
    rapid review whose requests have gone out (rr_start met) waits for returns."""
    if case.stage != "rapid_review" or case.running("rr_start") or not case.incident_returns:
        return []
    fx: list[Effect] = []
    for agency in needs(case):
        mine = case.running(KEY, agency)
        if got := received(case, agency):
            on, where = got
            if mine:
                fx.append(StopClock(KEY, "met", on, f"return received under {where} (linked case)", mine[0].agency))
            continue
        if mine or waived(case, agency) or covered_by(case, agency):
            continue
        fx += adopt(case, agency, "the linked case that asked for it no longer waits for it; the return is "
                                  f"clocked under {case.ref}")
    return fx
