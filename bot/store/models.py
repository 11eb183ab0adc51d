"""SQLAlchemy 2 tables: inbound messages, cases, the append-only audit log, clocks, reminders, outbox.

Times are stored as naive UTC (SQLite keeps no zone); dates are the partnership's local dates.
The schema itself is owned by the Alembic migrations in bot/store/migrations, not by create_all().
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from bot.domain.duplicates import DATE_KEY_LEN, NAME_KEY_LEN, incident_keys


class Base(DeclarativeBase):
    pass


# Releasable from quarantine: a quarantined message, or one whose release did not finish (a release killed
# after its claim committed, before its effects did): listed in quarantine until it is processed.
RELEASABLE = ("quarantined", "released")


class Message(Base):
    """One inbound message, raw bytes kept; `dedupe_key` makes re-delivery a no-op."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_status", "status"),)  # the quarantine listings (migration 0004)
    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(300), unique=True)
    message_id: Mapped[str | None] = mapped_column(String(998))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mailbox: Mapped[str] = mapped_column(String(300))
    source_id: Mapped[str] = mapped_column(String(300))
    sender: Mapped[str | None] = mapped_column(String(320))
    size: Mapped[int] = mapped_column(Integer)
    # The bytes live in message_raw (migration 0006); the old messages.raw column is left NULL.
    blob: Mapped[MessageRaw | None] = relationship(lazy="select", cascade="all, delete-orphan")
    received_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))  # processed | quarantined | ignored | released
    kind: Mapped[str | None] = mapped_column(String(20))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    parse_json: Mapped[dict[str, object] | None] = mapped_column(JSON)
    # How many times a person has acted on it (release, open as a referral, open as a new case): acting is a
    # compare-and-set on this and the status, so of two requests that saw the same state one wins (0009).
    handled_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def raw(self) -> bytes | None:
        """The message as received (None once retention has purged it)."""
        return self.blob.raw if self.blob is not None else None

    @raw.setter
    def raw(self, value: bytes | None) -> None:
        if self.blob is None:
            if value is not None:
                self.blob = MessageRaw(raw=value)
        else:
            self.blob.raw = value


class MessageRaw(Base):
    """One inbound message's bytes, stored once; `raw` is the last column so SQLite can stream it."""

    __tablename__ = "message_raw"
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True, autoincrement=False)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("year", "seq"), Index("ix_cases_child_name_key", "child_name_key"),
                      Index("ix_cases_child_incident_key", "child_incident_key"),  # sibling check (0008)
                      Index("ix_cases_child_dob_key", "child_dob_key"))  # duplicate check by evidence (0013)
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    incident_date: Mapped[date | None] = mapped_column(Date)
    received_date: Mapped[date] = mapped_column(Date)
    referrer_email: Mapped[str | None] = mapped_column(String(320))
    late_referral: Mapped[bool] = mapped_column(Boolean, default=False)
    # Personal data: the parsed referral. Shown only with --full; purged by retention.
    referral_json: Mapped[dict[str, object] | None] = mapped_column(JSON)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    # Personal data too, derived from referral_json whenever it is set (and purged with it): the
    # same-incident check finds candidate open cases by index on these instead of reading every form.
    child_name_key: Mapped[str | None] = mapped_column(String(NAME_KEY_LEN))
    child_dob_key: Mapped[str | None] = mapped_column(String(DATE_KEY_LEN))
    child_incident_key: Mapped[str | None] = mapped_column(String(DATE_KEY_LEN))

    @validates("referral_json")
    def _keys_follow_form(self, _key: str, form: dict[str, object] | None) -> dict[str, object] | None:
        keys = incident_keys(form)
        self.child_name_key, self.child_dob_key, self.child_incident_key = (
            keys.name, keys.date_of_birth, keys.incident_date)
        return form

    # The process model's facts (bot.domain.process; keys in CaseSnapshot.facts). No child identifiers.
    facts: Mapped[dict[str, object] | None] = mapped_column(JSON)


class Event(Base):
    """The audit log: append-only, enforced by database triggers (see migration 0001)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(320))
    detail: Mapped[dict[str, object]] = mapped_column(JSON)


class PersonalValue(Base):
    """Personal values an audit event refers to (a CORRECT's old and new value, the value as typed), kept out of
    the append-only `events` so retention can delete them (migration 0014; bot/store/personal.py). The event keeps
    this row's id and an HMAC of the values keyed by `salt`: while the row is held it proves the values are the
    ones audited; once retention deletes row and salt together, the digest can no longer be tested against a guess.
    """

    __tablename__ = "personal_values"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    salt: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict[str, object]] = mapped_column(JSON)


class Clock(Base):
    __tablename__ = "clocks"
    # (state, due) and (key, state): the digest reads the running clocks due soon and the running
    # decision clocks, not every running clock (migration 0004).
    __table_args__ = (UniqueConstraint("case_id", "key", "agency"), Index("ix_clocks_state_due", "state", "due"),
                      Index("ix_clocks_key_state_due", "key", "state", "due"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    # "" rather than NULL for case-wide clocks, so the unique constraint holds on every database.
    agency: Mapped[str] = mapped_column(String(200), default="")
    anchor: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date, index=True)
    original_due: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), index=True)  # running | met | stopped
    started_at: Mapped[datetime] = mapped_column(DateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime)
    stopped_on: Mapped[date | None] = mapped_column(Date)
    stop_reason: Mapped[str | None] = mapped_column(Text)
    extension_reason: Mapped[str | None] = mapped_column(Text)


class Reminder(Base):
    """A chaser or escalation slot that has been handled (sent, or skipped as superseded)."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("clock_id", "slot"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    clock_id: Mapped[int] = mapped_column(ForeignKey("clocks.id"), index=True)
    slot: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # chaser | escalation
    planned_for: Mapped[datetime] = mapped_column(DateTime)
    handled_at: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(20))  # sent | sent_late | skipped | digest (past the cap)
    recipients: Mapped[list[str]] = mapped_column(JSON)
    rule: Mapped[str] = mapped_column(Text)


class AgencyRequest(Base):
    __tablename__ = "agency_requests"
    # Migration 0004 also adds ix_agency_requests_outstanding, a partial index of the requests not yet
    # received (the digest lists them without reading every request ever made). It is not declared here:
    # its postgresql_where would import SQLAlchemy's PostgreSQL dialect into every command's start-up.
    __table_args__ = (UniqueConstraint("case_id", "agency"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    agency: Mapped[str] = mapped_column(String(200))
    requested_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    involved: Mapped[bool | None] = mapped_column(Boolean)
    unsolicited: Mapped[bool] = mapped_column(Boolean, default=False)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))


class OutboxItem(Base):
    """A committed outbound mail; `idem_key` makes enqueueing twice a no-op."""

    __tablename__ = "outbox"
    # Mail waiting past the delay alarm (bot/delivery.py, read by every digest and `status`): a range of one
    # status's creation times, not a scan of every mail ever sent (0015)
    __table_args__ = (Index("ix_outbox_status_created", "status", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    idem_key: Mapped[str] = mapped_column(String(300), unique=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    clock_key: Mapped[str | None] = mapped_column(String(400))  # comma-separated when a mail covers several
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending | sent | parked
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The instance delivering it and until when (wall-clock UTC): another instance takes it only after
    # the lease runs out, i.e. when the holder died (see bot/store/claims.py).
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claim_until: Mapped[datetime | None] = mapped_column(DateTime)
    # A rationed sender's routing: its place within its own flood (bot/strangers.py), so the strangers' lane is
    # sent in turns and one flood never queues ahead of another's first referral. None for all other mail.
    lane_rank: Mapped[int | None] = mapped_column(Integer)


class MailboxState(Base):
    __tablename__ = "mailbox_state"
    mailbox: Mapped[str] = mapped_column(String(300), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WebSignin(Base):
    """A sign-in request to the web view: rate limiting, and the one-time link (stored as its SHA-256 only)."""

    __tablename__ = "web_signins"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    # SHA-256 of the lower-cased address asked for, so addresses that hold no role are not kept readable.
    address_sha: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str | None] = mapped_column(String(320))  # set only when it holds a role
    token_sha: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class WebSession(Base):
    """A signed-in web session, kept on the server so it can be ended: the signed cookie holds only a random
    id (stored here as its SHA-256); sign-out revokes the row, and the idle and absolute limits are checked
    against these times on every request (migration 0009)."""

    __tablename__ = "web_sessions"
    id_sha: Mapped[str] = mapped_column(String(64), primary_key=True)
    address: Mapped[str] = mapped_column(String(320), index=True)
    how: Mapped[str] = mapped_column(String(20))  # email link | oidc
    ip: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class WebSecret(Base):
    """The key that signs web session cookies, made once per database so every instance shares it."""

    __tablename__ = "web_secrets"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Lease(Base):
    """A named claim with an expiry: an inbound message being worked, or the sweep/digest leadership."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(320), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(DateTime)
    renewed_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
