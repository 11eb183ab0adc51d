"""Queries over the store: case lookup and snapshots, reference numbers, mailbox state."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, func, or_, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.duplicates import IncidentKeys
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.store.models import AgencyRequest, Case, Clock, MailboxState


def utc_naive(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(tzinfo=None)


CASE_OPENING_LOCK = 0x63737072636173  # "csprcas": the advisory lock opening a case takes on PostgreSQL


def lock_case_opening(s: Session) -> None:
    """Until this transaction ends, no other instance opens a case (PostgreSQL; SQLite has one writer).

    Taken before the same-incident check, so two referrals of one incident read by two instances at once
    still make one case (the second sees the first's), and case numbers never collide."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CASE_OPENING_LOCK})


def next_seq(s: Session, year: int) -> int:
    # Under lock_case_opening; the unique (year, seq) constraint stays the last guard.
    current = s.scalar(select(func.max(Case.seq)).where(Case.year == year))
    return (current or 0) + 1


def case_by_ref(s: Session, ref: str, lock: bool = False) -> Case | None:
    """`lock`: hold the case row until commit (PostgreSQL), so two instances never decide on one case
    from the same stale snapshot; the second waits and then reads the first's result."""
    q = select(Case).where(Case.ref == ref)
    return s.scalar(q.with_for_update() if lock else q)


def incident_candidates(s: Session, keys: IncidentKeys) -> list[tuple[str, dict[str, object] | None]]:
    """Open cases whose stored child keys match `keys` (name, and date of birth or incident date), in case
    order, as (ref, {"child": {name, date_of_birth, incident_date}}) read from the form for
    bot.domain.duplicates.same_incident to decide on. By index: cost does not grow with open cases.
    """
    dates: list[ColumnElement[bool]] = []
    if keys.date_of_birth:
        dates.append(Case.child_dob_key == keys.date_of_birth)
    if keys.incident_date:
        dates.append(Case.child_incident_key == keys.incident_date)
    if keys.name is None or not dates:
        return []
    child = [Case.referral_json[("child", f)].as_string() for f in ("name", "date_of_birth", "incident_date")]
    rows = s.execute(select(Case.ref, *child).where(Case.child_name_key == keys.name, or_(*dates),
                                                     Case.stage != "closed").order_by(Case.id)).all()
    return [(ref, {"child": {"name": name, "date_of_birth": dob, "incident_date": incident}})
            for ref, name, dob, incident in rows]


def sibling_candidates(s: Session, incident_date: str | None) -> list[tuple[str, dict[str, object] | None]]:
    """Open cases with the same incident date (by index), as (ref, {"child": {name, incident_date,
    home_address}}) for bot.domain.duplicates.related_incident to decide on."""
    if not incident_date:
        return []
    child = [Case.referral_json[("child", f)].as_string() for f in ("name", "incident_date", "home_address")]
    rows = s.execute(select(Case.ref, *child).where(Case.child_incident_key == incident_date[:64],
                                                     Case.stage != "closed").order_by(Case.id)).all()
    return [(ref, {"child": {"name": name, "incident_date": inc, "home_address": addr}})
            for ref, name, inc, addr in rows]


def incident_cases(s: Session, case: Case) -> list[Case]:
    """The other cases linked to the same incident (LINK), oldest first."""
    incident = (case.facts or {}).get("incident")
    if not incident:
        return []
    return list(s.scalars(select(Case).where(Case.id != case.id, Case.facts["incident"].as_string() == str(incident))
                          .order_by(Case.id)))


def snapshot(s: Session, case: Case) -> CaseSnapshot:
    clocks = s.scalars(select(Clock).where(Clock.case_id == case.id).order_by(Clock.id)).all()
    reqs = s.scalars(select(AgencyRequest).where(AgencyRequest.case_id == case.id)).all()
    facts = dict(case.facts or {})
    siblings = []
    for other in incident_cases(s, case):
        asked = s.scalars(select(AgencyRequest.agency).where(AgencyRequest.case_id == other.id,
                                                             AgencyRequest.unsolicited.is_(False))).all()
        child = (other.referral_json or {}).get("child")
        siblings.append((other.ref, tuple(asked), str(child.get("name")) if isinstance(child, dict)
                         and child.get("name") else None))
    notified = facts.get("notified_on")
    return CaseSnapshot(
        ref=case.ref,
        stage=case.stage,
        referrer_email=case.referrer_email,
        clocks=tuple(ClockView(c.key, c.agency, c.anchor, c.due, c.state, c.stopped_on) for c in clocks),
        requested_agencies=tuple(r.agency for r in reqs if not r.unsolicited),
        returned_agencies=tuple(r.agency for r in reqs if r.received_on),
        notified_on=date.fromisoformat(str(notified)) if notified else None,
        facts=facts,
        incident_date=case.incident_date,
        received_date=case.received_date,
        opened_on=case.opened_at.date(),
        referral=case.referral_json,
        siblings=tuple(siblings),
    )


class DbStateStore:
    """The adapters' StateStore: each write is its own short transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def get_state(self, mailbox: str, key: str) -> str | None:
        with self.sessions() as s:
            row = s.get(MailboxState, (mailbox, key))
            return row.value if row else None

    def set_state(self, mailbox: str, key: str, value: str) -> None:
        with self.sessions.begin() as s:
            row = s.get(MailboxState, (mailbox, key))
            if row:
                row.value = value
            else:
                s.add(MailboxState(mailbox=mailbox, key=key, value=value))
