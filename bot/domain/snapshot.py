"""A read-only picture of one case, loaded by the store, handed to the pure deciders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ClockView:
    key: str
    agency: str
    anchor: date
    due: date
    state: str  # running | met | stopped
    stopped_on: date | None = None


@dataclass(frozen=True)
class IncidentReturn:
    """One agency's return as one case of a linked incident holds it (bot.domain.incident reads these)."""

    ref: str
    stage: str
    agency: str
    requested_on: date | None  # None: never asked under this case (its return came unasked)
    clock_state: str  # running | met | stopped | "" (no clock)
    anchor: date | None
    due: date | None
    received_on: date | None
    waived: bool = False
    # Stopped because a linked case's clock carried the return (incident.SHARED), not by its own case's close:
    # such a row's due date was never the incident's, so a take-over does not copy it (incident.adopt).
    stood_aside: bool = False
    # EXTENDed: its date is one the co-ordinator agreed with the agency, so it carries the incident's return
    # before an earlier date nobody agreed (incident._first).
    extended: bool = False


@dataclass(frozen=True)
class CaseSnapshot:
    ref: str
    stage: str
    referrer_email: str | None
    clocks: tuple[ClockView, ...] = ()
    requested_agencies: tuple[str, ...] = ()
    returned_agencies: tuple[str, ...] = ()
    # (agency, the day its return was received): kept whatever the stage, so a return that came before the
    # agency was asked, or while the case was closed, is credited when its clock starts or runs again.
    returns_received: tuple[tuple[str, date], ...] = ()
    notified_on: date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # The process facts (cases.facts): notified_on, aware, looked_after, closed_by, closed_from,
    # dispute_until, disputed_from, provisional, reviewer, actions, incident (linked cases)...
    facts: dict[str, Any] = field(default_factory=dict)
    incident_date: date | None = None
    received_date: date | None = None
    opened_on: date | None = None
    referral: dict[str, Any] | None = None  # the form as read (for CORRECT and links: never mailed)
    # Linked cases of the same incident: (ref, agencies already asked for it, the child's name as read).
    siblings: tuple[tuple[str, tuple[str, ...], str | None], ...] = ()
    # Every agency return of the linked incident, this case's included (empty when the case is not linked).
    incident_returns: tuple[IncidentReturn, ...] = ()

    def running(self, key: str, agency: str | None = None) -> list[ClockView]:
        return [
            c for c in self.clocks
            if c.key == key and c.state == "running" and (agency is None or c.agency.lower() == agency.lower())
        ]

    def received_on(self, agency: str) -> date | None:
        """The day `agency`'s return was received, if it has been."""
        return next((d for a, d in self.returns_received if a.lower() == agency.lower()), None)

    def clock(self, key: str, agency: str = "") -> ClockView | None:
        for c in self.clocks:
            if c.key == key and c.agency.lower() == agency.lower():
                return c
        return None
