"""What the domain asks for: plain records the intake and sweep carry out in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

MailKind = Literal["routing", "ack", "request", "chaser", "escalation", "confirm", "refusal", "triage", "digest",
                   "signin"]


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


@dataclass(frozen=True)
class StartClock:
    key: str
    anchor: date
    agency: str = ""


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


Effect = StartClock | StopClock | ExtendClock | SetStage | RequestAgency | RecordReturn | Audit | MailIntent
