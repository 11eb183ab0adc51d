"""Queries over the store: case lookup and snapshots, reference numbers, mailbox state."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.duplicates import CASE_REFERRER, LETTER_NAME, IncidentKeys
from bot.domain.incident import SHARED, WAIVED
from bot.domain.owner_ids import Identifiers, from_keys
from bot.domain.snapshot import CaseSnapshot, ClockView, IncidentReturn
from bot.store.models import AgencyRequest, Case, Clock, Lease, MailboxState


def utc_naive(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(tzinfo=None)


CASE_NUMBER_LOCK = 0x63737072636173  # "csprcas": the advisory lock taken to hand out a case number (PostgreSQL)
INCIDENT_LOCKS = 0x63737072  # "cspr": class of the per-child and per-incident-date advisory locks
RESERVED = "case-no:"  # lease names of case numbers handed out and not yet used: case-no:<year>:<seq>


def lock_incident(s: Session, child_name_key: str | None, incident_date: str | None,
                  date_of_birth: str | None = None) -> None:
    """Until this transaction ends, no other instance opens a case for this child or this incident date.

    Taken before the same-incident and related-incident checks, so two referrals of one incident (or of
    siblings) read by two instances at once still make one case (or linked cases): the second waits, then
    sees the first's. The date of birth is locked too: a child matched on evidence (duplicates.match_case) under
    another spelling shares the name, the date of birth or the incident date with the case it joins, and each is
    locked. Referrals of other children and dates go on in parallel. The locks are taken in
    one order, so two openers never wait for each other. PostgreSQL only; SQLite has one writer."""
    if s.get_bind().dialect.name != "postgresql":
        return
    wanted = [f"name:{child_name_key}" if child_name_key else "", f"date:{incident_date}" if incident_date else "",
              f"dob:{date_of_birth}" if date_of_birth else ""]
    ids = sorted({int.from_bytes(hashlib.sha256(k.encode()).digest()[:4], "big", signed=True) for k in wanted if k})
    for lock_id in ids:  # a hash collision only makes two unrelated referrals take turns
        s.execute(text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": INCIDENT_LOCKS, "k": lock_id})


def next_seq(s: Session, year: int) -> int:
    # SQLite (one writer): the unique (year, seq) constraint stays the last guard.
    current = s.scalar(select(func.max(Case.seq)).where(Case.year == year))
    return (current or 0) + 1


def reserve_case_number(s: Session, year: int, holder: str, seconds: float) -> int:
    """The next case number of `year` for the case `holder` (the message being worked) is about to open.

    On PostgreSQL the number is handed out in a short transaction of its own, under an advisory lock, and
    kept as a lease (`case-no:<year>:<seq>`) until the transaction that opens the case deletes it along
    with inserting the case: so two instances render and commit their cases in parallel, and only this
    step takes turns. Numbers stay gap-free: a number whose opener failed is handed to the same holder when
    it tries again, or to the next case once its lease has run out. SQLite: the next number, in `s`.
    """
    if s.get_bind().dialect.name != "postgresql":
        return next_seq(s, year)
    from bot.store.claims import wall_now

    prefix = f"{RESERVED}{year}:"
    now = wall_now()
    expires = now + timedelta(seconds=seconds)
    with Session(s.get_bind()) as r, r.begin():
        r.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CASE_NUMBER_LOCK})
        held = r.execute(select(Lease.name, Lease.holder, Lease.expires_at)
                         .where(Lease.name >= prefix, Lease.name < prefix[:-1] + ";")).all()
        seqs = {int(name[len(prefix):]): (who, until) for name, who, until in held}
        mine = sorted(n for n, (who, _) in seqs.items() if who == holder)
        free = sorted(n for n, (_, until) in seqs.items() if until < now)
        if mine or free:
            seq = (mine or free)[0]
            r.execute(update(Lease).where(Lease.name == f"{prefix}{seq}")
                      .values(holder=holder, renewed_at=now, expires_at=expires))
            return seq
        seq = max([next_seq(r, year) - 1, *seqs]) + 1
        r.add(Lease(name=f"{prefix}{seq}", holder=holder, acquired_at=now, renewed_at=now, expires_at=expires))
        return seq


def use_case_number(s: Session, year: int, seq: int) -> None:
    """In the transaction that inserts case `seq`: the number is no longer only reserved."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(delete(Lease).where(Lease.name == f"{RESERVED}{year}:{seq}"))


def release_case_numbers(s: Session, holder: str) -> None:
    """`holder` will open no case after all (quarantined, or found a duplicate): its reserved number goes to
    the next case at once, not when its lease runs out."""
    if s.get_bind().dialect.name == "postgresql":
        from bot.store.claims import wall_now

        s.execute(update(Lease).where(Lease.name.startswith(RESERVED, autoescape=True), Lease.holder == holder)
                  .values(expires_at=wall_now() - timedelta(seconds=1)))


def case_by_ref(s: Session, ref: str, lock: bool = False) -> Case | None:
    """`lock`: hold the case row until commit (PostgreSQL), so two instances never decide on one case
    from the same stale snapshot; the second waits and then reads the first's result."""
    q = select(Case).where(Case.ref == ref)
    return s.scalar(q.with_for_update() if lock else q)


def incident_candidates(s: Session, keys: IncidentKeys) -> list[tuple[str, dict[str, object] | None]]:
    """Open cases that share a stored child key with `keys` (the name, the date of birth or the incident date), in
    case order, as (ref, {"child": {name, date_of_birth, incident_date, home_address, carer}, named_in_letter,
    case_referrer}) read from the form for bot.domain.duplicates.match_case to decide on. By index: cost does
    not grow with open cases (every rule of match_case needs one of these three keys equal)."""
    wanted: list[ColumnElement[bool]] = []
    if keys.name:
        wanted.append(Case.child_name_key == keys.name)
    if keys.date_of_birth:
        wanted.append(Case.child_dob_key == keys.date_of_birth)
    if keys.incident_date:
        wanted.append(Case.child_incident_key == keys.incident_date)
    if keys.name is None or not wanted:
        return []
    fields = ("name", "date_of_birth", "incident_date", "home_address", "carer")
    child = [Case.referral_json[("child", f)].as_string() for f in fields]
    rows = s.execute(select(Case.ref, Case.referrer_email, Case.referral_json[LETTER_NAME].as_string(), *child)
                     .where(or_(*wanted), Case.stage != "closed").order_by(Case.id)).all()
    return [(ref, {"child": dict(zip(fields, values, strict=True)), LETTER_NAME: letter, CASE_REFERRER: referrer})
            for ref, referrer, letter, *values in rows]


def sibling_candidates(s: Session, incident_date: str | None) -> list[tuple[str, dict[str, object] | None]]:
    """Open cases with the same incident date (by index), as (ref, {"child": {name, incident_date,
    home_address, date_of_birth}}) for bot.domain.duplicates.related_incident to decide on."""
    if not incident_date:
        return []
    child = [Case.referral_json[("child", f)].as_string()
             for f in ("name", "incident_date", "home_address", "date_of_birth")]
    rows = s.execute(select(Case.ref, *child).where(Case.child_incident_key == incident_date[:64],
                                                     Case.stage != "closed").order_by(Case.id)).all()
    return [(ref, {"child": {"name": name, "incident_date": inc, "home_address": addr, "date_of_birth": dob}})
            for ref, name, inc, addr, dob in rows]


def open_case_ids(s: Session, exclude: int | None = None) -> Identifiers:
    """The open cases' identifiers from their stored keys (child_name_key, child_dob_key): a learning action's
    owner may not spell any open case's child (routing.owner_identifies). Two columns, never a form: the cost is
    one row per open case, whatever the forms hold."""
    q = select(Case.child_name_key, Case.child_dob_key).where(Case.stage != "closed")
    if exclude is not None:
        q = q.where(Case.id != exclude)
    return from_keys((n, d) for n, d in s.execute(q).all())


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
    linked = incident_cases(s, case)
    for other in linked:
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
        returns_received=tuple((r.agency, r.received_on) for r in reqs if r.received_on),
        notified_on=date.fromisoformat(str(notified)) if notified else None,
        facts=facts,
        incident_date=case.incident_date,
        received_date=case.received_date,
        opened_on=case.opened_at.date(),
        referral=case.referral_json,
        siblings=tuple(siblings),
        incident_returns=_incident_returns(s, [case, *linked]) if linked else (),
    )


def _incident_returns(s: Session, cases: list[Case]) -> tuple[IncidentReturn, ...]:
    """Each linked case's agency returns: what it asked, its clock for each, what came (bot.domain.incident)."""
    out: list[IncidentReturn] = []
    for c in cases:
        reqs = {r.agency.lower(): r for r in s.scalars(select(AgencyRequest).where(AgencyRequest.case_id == c.id))}
        clocks = {k.agency.lower(): k for k in s.scalars(select(Clock).where(Clock.case_id == c.id,
                                                                            Clock.key == "agency_return"))}
        for name in dict.fromkeys([*reqs, *clocks]):
            r, k = reqs.get(name), clocks.get(name)
            out.append(IncidentReturn(
                c.ref, c.stage, (r.agency if r is not None else k.agency if k is not None else name),
                r.requested_on if r is not None and not r.unsolicited else None, k.state if k is not None else "",
                k.anchor if k is not None else None, k.due if k is not None else None,
                r.received_on if r is not None else None,
                bool(k is not None and k.state == "stopped" and (k.stop_reason or "").startswith(WAIVED)),
                bool(k is not None and k.state == "stopped" and (k.stop_reason or "").startswith(SHARED)),
                bool(k is not None and k.extension_reason is not None)))
    return tuple(out)


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
