"""What the domain asks for: plain records the intake and sweep carry out in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

MailKind = Literal["routing", "ack", "request", "chaser", "escalation", "confirm", "refusal", "triage", "digest",
                   "signin", "letter"]


@dataclass(frozen=True)
class MailIntent:
    kind: MailKind
    template: str  # templates/<template>.txt (+ .html when present)
    to: tuple[str, ...]
    context: dict[str, object] = field(default_factory=dict)
    clock: str | None = None
    tag: str = ""  # distinguishes two mails of one kind caused by the same input (idempotency key)
    attach_original: bool = False  # the referral as received: only for secure roles that need it
    return_template_for: str | None = None  # agency name: attach the agency return .docx
    reply: bool = False  # thread under the inbound message (confirmations, refusals)
    personal: bool = False  # carries personal data: recipients must be on the secure allowlist
    attachments: tuple[tuple[str, str, bytes], ...] = ()  # (file name, content type, bytes)
    # Command lines this mail asks its recipients to reply with, each with the roles that may send it
    # (process.invitations): rendered in the mail and kept in the audit log.
    invites: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The mail names no case (no reference in its subject, headers or text, no clock): an acknowledgement to a
    # sender holding no role, the same whether or not a case exists (routing.known_sender).
    no_case: bool = False
    # A rationed sender's routing mail: its place within its flood (1 = the flood's first referral this interval);
    # the outbox sends the strangers' lane by this rank, then in order (bot/strangers.py, bot/outbox.py).
    lane_rank: int | None = None


@dataclass(frozen=True)
class StartClock:
    key: str
    anchor: date
    agency: str = ""
    due: date | None = None  # set by the command itself (a learning action's date); else from the rule


@dataclass(frozen=True)
class ReanchorClock:
    """A running clock's day 0 moves (AWARE, a corrected incident date): its due date follows the rule."""

    key: str
    anchor: date
    reason: str
    agency: str = ""


@dataclass(frozen=True)
class RestartClock:
    """Back from closed (REOPEN, DISAGREE, NOTIFIED, AD DECISION: REFER): a clock stopped by the closing runs
    again, with its due date or a fair new one."""

    key: str
    agency: str
    reason: str
    due: date | None = None  # a fair new due date (process.fair_due); None: the one it had
    # An agency return that came while the case was closed: the clock does not run again but ends "met" on the
    # day the return was received (it is not asked for a second time).
    met_on: date | None = None


@dataclass(frozen=True)
class SetFact:
    """One process fact of the case (cases.facts): None removes it."""

    key: str
    value: object


@dataclass(frozen=True)
class CorrectField:
    """CORRECT <field>: value: the form as read is fixed; the old value goes to the audit log."""

    path: str  # e.g. "child.date_of_birth"
    value: str


@dataclass(frozen=True)
class LinkCase:
    """LINK REF: this case and REF (and their linked cases) are one incident."""

    ref: str


@dataclass(frozen=True)
class StopClock:
    key: str | None  # None: every running clock
    outcome: Literal["met", "stopped"]
    on: date
    reason: str
    agency: str | None = None  # None: all clocks of that key


@dataclass(frozen=True)
class ExtendClock:
    key: str
    agency: str
    due: date
    reason: str


@dataclass(frozen=True)
class OnLinkedCase:
    """A clock change sent under this case for the clock a linked case carries for the incident (WAIVE or
    EXTEND of an agency's return this case waits for, bot.domain.incident.carried): applied to that case, which
    must be of this case's incident."""

    ref: str
    effect: StopClock | ExtendClock


@dataclass(frozen=True)
class SetStage:
    stage: str
    reason: str = ""


@dataclass(frozen=True)
class RequestAgency:
    agency: str
    on: date


@dataclass(frozen=True)
class RecordReturn:
    agency: str
    on: date
    involved: bool | None
    unsolicited: bool


@dataclass(frozen=True)
class Audit:
    kind: str
    detail: dict[str, object]


Effect = (StartClock | StopClock | ExtendClock | SetStage | RequestAgency | RecordReturn | Audit | MailIntent
          | ReanchorClock | RestartClock | SetFact | CorrectField | LinkCase | OnLinkedCase)


# How a mail the process calls for is named when it cannot go (the digest's MAIL NOT SENT, a confirmation).
_WHAT = {"senior.escalation.disagreement": "the disagreement sent to the Assistant Director to decide",
         "senior.notice.no_rapid_review": "the notice of the no-rapid-review decision",
         "senior.routing.referral": "the referral routed to the roles",
         "coordinator.triage.start_rapid_review": "the co-ordinator's notice to start the rapid review",
         "coordinator.triage.learning_done": "the co-ordinator's notice that the case closed",
         "coordinator.triage.referral": "the co-ordinator's notice of the referral"}


def unaddressed(effects: list[Effect]) -> list[Audit]:
    """An audit entry for each mail of `effects` that has no recipient (the profile routes it to a role no one
    holds: check-config warns of it): such a mail is not sent, and not silently either. The digest lists each
    under MAIL NOT SENT."""
    return [Audit("mail_unaddressed", {"kind": fx.kind, "what": _WHAT.get(fx.template, f"a {fx.kind} mail"),
                                       "reason": "no one holds a role the profile routes it to"})
            for fx in effects if isinstance(fx, MailIntent) and not fx.to]
