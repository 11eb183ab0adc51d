"""Linked cases' agency returns: asked once per incident, clocked while any linked case still needs them.

LINK makes one incident of several cases (siblings): an agency one case asked is not asked again by another
(commands._requests). The return is then the incident's, and its clock lives on one case. When that case stops
it without the return (CLOSE, SUBMITTED), a linked case still in rapid review that relies on the return takes
the clock over, with the agency's original request date and due date, so the agency is chased and escalated
under the live case's reference and never asked a second time. A return received under any linked case meets
the others' clocks for that agency; a waiver (WAIVE) under one holds for the incident.

Cases that each asked an agency before they were linked (or a DECISION that gave a case its own clock beside a
linked one's) would chase and escalate one missing return twice: the incident keeps one clock per agency, one the
co-ordinator EXTENDed if any (a date agreed with the agency), else the one due first (the stricter statutory date;
ties: the earlier request, then the older case), and the others are
stopped with a reason naming the case that carries it (SHARED). Such a stopped clock is met when the return
comes, and taken over (with the carried clock's due date) when the carrying case stops waiting.

WAIVE and EXTEND of such a return, sent under a linked case that waits for it but does not clock it (it stood
aside, or never asked again), act on the incident's running clock under the case that carries it (`carried`,
commands._waive/_extend): the co-ordinator need not know which case that is, and the confirmation names it.

Pure: the facts come in CaseSnapshot.incident_returns (every case of the incident, this one's included).
"""

from __future__ import annotations

from datetime import date

from bot.domain.effects import Audit, Effect, RequestAgency, RestartClock, StartClock, StopClock
from bot.domain.snapshot import CaseSnapshot, IncidentReturn

WAIVED = "waived: "  # the stop reason WAIVE gives an agency's return clock (commands._waive)
KEY = "agency_return"
SHARED = "one clock per incident: "  # the stop reason of a linked case's duplicate return clock (reconcile)


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


def _first(r: IncidentReturn) -> tuple[bool, date, date, str]:
    """The order in which linked cases' clocks for one agency's return are preferred: one the co-ordinator EXTENDed
    (its date was agreed with the agency: a link made after it must not have the agency chased and escalated
    before it; stranger round 19, B5), then due first, then asked first, then the case opened first (refs number
    cases in order)."""
    return (not r.extended, r.due or date.max, r.anchor or r.requested_on or date.max, r.ref)


def carrier(case: CaseSnapshot, agency: str) -> str | None:
    """The linked case whose running clock carries `agency`'s return for the incident (one due first), if any."""
    running = [r for r in _rows(case, agency) if r.clock_state == "running"]
    return min(running, key=_first).ref if running else None


def carried(case: CaseSnapshot) -> list[IncidentReturn]:
    """The returns this case's rapid review waits for whose one running clock is a linked case's (this one
    stood aside for it, or never asked again): the carrying case's row, one per agency."""
    if case.stage != "rapid_review" or not case.incident_returns:
        return []
    out: list[IncidentReturn] = []
    for agency in needs(case):
        keep = carrier(case, agency)
        if keep is not None and keep != case.ref and not case.running(KEY, agency):
            out.append(next(r for r in _rows(case, agency) if r.ref == keep and r.clock_state == "running"))
    return out


def _carried(case: CaseSnapshot, asked: list[IncidentReturn]) -> list[IncidentReturn]:
    """The other cases' clocks that carried the return until their case stopped waiting (not stood aside)."""
    return [r for r in asked if r.ref != case.ref and r.clock_state == "stopped" and not r.stood_aside]


def adopt(case: CaseSnapshot, agency: str, reason: str) -> list[Effect]:
    """Effects that make this case own the running clock for `agency`'s return (nobody else runs one, it has
    not come, it was not waived). The agency keeps the date it was first asked for the incident and its due
    date: it is not asked again, only chased under this case."""
    own = case.clock(KEY, agency)
    asked = [r for r in _rows(case, agency) if r.requested_on is not None]
    if own is not None:
        if own.state != "stopped":
            return []
        # The incident's date for the return is the one of the clock that carried it (stopped by its own case's
        # CLOSE or SUBMITTED, not standing aside): an EXTEND of that clock is the co-ordinator's word for the
        # incident and is kept. With no such row, the earliest any case gave the agency: taking the clock back
        # (from a case it was handed to, or that carried it as the one due first) does not move it later.
        carried_due = [r.due for r in _carried(case, asked) if r.due is not None]
        due = min(carried_due) if carried_due else min([own.due, *(r.due for r in asked if r.due is not None)])
        return [RestartClock(KEY, own.agency, reason, due=due if due != own.due else None),
                Audit("return_clock_taken_over", {"agency": own.agency, "reason": reason, "due": due.isoformat()})]
    if not asked:
        return []
    first = min(_carried(case, asked) or asked, key=_first)
    anchor = first.anchor or first.requested_on
    assert anchor is not None
    return [StartClock(KEY, anchor, first.agency, due=first.due), RequestAgency(first.agency, anchor),
            Audit("return_clock_taken_over", {"agency": first.agency, "from": first.ref, "reason": reason})]


def reconcile(case: CaseSnapshot, today: date) -> list[Effect]:
    """What this linked case must do about the incident's returns now: meet a clock whose return came under a
    linked case; stand aside (SHARED) when a linked case's clock for the same return is due first; take over the
    clock of a return it waits for that no case clocks any more. Only a case in rapid review whose requests have
    gone out (rr_start met) waits for returns. `today` dates a clock's standing aside."""
    if case.stage != "rapid_review" or case.running("rr_start") or not case.incident_returns:
        return []
    fx: list[Effect] = []
    for agency in needs(case):
        mine = case.running(KEY, agency)
        own = case.clock(KEY, agency)
        if got := received(case, agency):
            on, where = got
            if mine:
                fx.append(StopClock(KEY, "met", on, f"return received under {where} (linked case)", mine[0].agency))
            elif own is not None and own.state == "stopped" and not waived(case, agency):
                # It stood aside for a linked case's clock (SHARED, or left stopped on REOPEN while the linked
                # case clocked it): the return this case waits for came, so it is met as that one is.
                fx.append(RestartClock(KEY, own.agency, f"return received under {where} (linked case)", met_on=on))
            continue
        if mine:
            keep = carrier(case, agency)
            if keep is not None and keep != case.ref:
                # Two linked cases clock one missing return: the one due first carries it for the incident, so
                # the agency is chased and escalated once per due point; this one stands aside, not waived.
                due = next(r.due for r in _rows(case, agency) if r.ref == keep and r.clock_state == "running")
                agreed = next(r.extended for r in _rows(case, agency) if r.ref == keep and r.clock_state == "running")
                why = (f"{SHARED}the return is clocked under {keep}, the linked case whose date for it "
                       f"{'was agreed by an extension' if agreed else 'comes first'} "
                       f"({due.isoformat() if due else 'no date'})")
                fx += [StopClock(KEY, "stopped", today, why, mine[0].agency),
                       Audit("return_clock_shared", {"agency": mine[0].agency, "carried_by": keep,
                                                     "due": mine[0].due.isoformat(),
                                                     "carried_due": due.isoformat() if due else None,
                                                     "reason": why})]
            continue
        if waived(case, agency) or covered_by(case, agency):
            continue
        fx += adopt(case, agency, "the linked case that asked for it no longer waits for it; the return is "
                                  f"clocked under {case.ref}")
    return fx
