"""The two narrow seams to mail systems: Inbox (what arrives) and Sender (what leaves).

Adapters (maildir, imap, ews, graph, smtp) implement these and never leak their library types past
`bot/mail/`. Adapters never decide: intake decides, then calls `acknowledge` only after the commit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


class MailError(Exception):
    """Base of adapter errors."""


class TransientMailError(MailError):
    """Retry later with backoff (connection lost, 4xx, throttled)."""


class PermanentMailError(MailError):
    """Retrying will not help (5xx, recipient refused): park the item and tell a human."""


class RecipientDeferredError(TransientMailError):
    """The server is well but will not take this recipient now (4xx at RCPT: a full mailbox, greylisting):
    only this mail waits; the rest of the queue goes on (docs/RELIABILITY.md, round 18 B1)."""


class RecipientClosedError(TransientMailError):
    """The server answered this recipient's RCPT with 421 (closing the connection): the pass stops as for any
    server trouble, but the delay is counted against this address, so a 421 that lasts is told like a deferral
    (docs/RELIABILITY.md, round 20 B5)."""


class SenderDeferredError(TransientMailError):
    """The server answered our MAIL FROM with a 4xx (not 421): our own sender is held back (its quota, a policy
    check), so no mail can go to anyone; the pass stops and the delay is counted against the sender, so one that
    lasts mail.delay_alarm_hours is an alarm (fix23d)."""


class RecipientRefusedError(PermanentMailError):
    """The address itself refused (5xx at RCPT): the server never saw the content, so a copy without the
    attachment would be refused alike."""


class RecipientRefusedAtDataError(RecipientRefusedError):
    """The one recipient's mail refused at DATA or at its end (5xx after RCPT was taken: a transport rule, a
    content policy, its size). Recorded as the address's trouble exactly like a refusal at RCPT (stranger round
    24 B2: a police address refusing every mail at end of DATA was told to nobody); unlike it the server saw the
    content, so the copy without the attachment is still tried (552, too large)."""


class MailConfigError(MailError):
    """The mailbox/sender config is wrong (login refused, folder missing, bad URL): names the mailbox."""


class SenderRefusedError(MailConfigError):
    """The server answered our MAIL FROM with a 5xx: our own sender is refused (not allowed to send as that
    address), so every mail would be refused alike. Not a refusal of this mail: it stays pending, the pass stops,
    and the sender's trouble is an alarm at once (fix23d: one pass parked every mail due)."""


@dataclass(frozen=True)
class InboundMail:
    """One message waiting in an inbox; `source_id` is what the adapter needs to acknowledge it
    (a Maildir key, `UIDVALIDITY:UID`, an EWS item id, a Graph message id).

    `received_at` is when the partnership's own mail system took the message in (IMAP INTERNALDATE, EWS
    datetime_received, Graph receivedDateTime, the Maildir file's delivery time), aware; None when the adapter
    cannot tell. Clocks count from it, never from the sender's Date: header (anyone can back-date that).

    `flags` are the mailbox flags another client had set that the audit should show (IMAP \\Deleted,
    \\Draft): the message is processed all the same, as it is still in the watched folder."""

    mailbox: str
    source_id: str
    raw: bytes
    received_at: datetime | None = None
    flags: tuple[str, ...] = ()


def aware_utc(value: datetime | str | None) -> datetime | None:
    """A server's receipt time as an aware UTC datetime (naive values are the machine's local time)."""
    if value is None or value == "":
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else value
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.astimezone()).astimezone(UTC)


# Where a message without a receipt time sorts: last, as intake counts its clocks from now (the latest time).
UNKNOWN_RECEIPT = datetime.max.replace(tzinfo=UTC)


def receipt_order(received: datetime | None) -> datetime:
    """Sort key for a batch: the receipt time (aware), unknown last. Every adapter hands its batch out in this
    order, ties broken by its own id, because the clocks and the overtaken rule judge commands by receipt time:
    worked in another order, a command is refused as overtaken by one that was in fact received after it."""
    return received if received is not None else UNKNOWN_RECEIPT


def header_block(raw: bytes) -> bytes:
    """The message's header block only. Header parsers given the whole message also copy its body, line
    by line: for a 70 MB message that was hundreds of MB to read one header."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return raw[: min(ends)] + b"\n\n" if ends else raw


class StateStore(Protocol):
    """Small persistent key/value per mailbox (last UID, UIDVALIDITY, delta links, health)."""

    def get_state(self, mailbox: str, key: str) -> str | None: ...

    def set_state(self, mailbox: str, key: str, value: str) -> None: ...


class Inbox(Protocol):
    name: str

    def fetch(self, limit: int = 100) -> Iterator[InboundMail]:
        """Messages not yet acknowledged (never judged by \\Seen), oldest first by receipt time (`received_at`,
        at the mail system's full precision; the adapter's id only breaks ties), sorted before `limit` cuts the
        batch so a backlog is worked from its oldest message."""
        ...

    def acknowledge(self, item: InboundMail) -> None:
        """Move to the processed folder. Called only after the effects are committed. Idempotent."""
        ...

    def quarantine(self, item: InboundMail, reason: str) -> None:
        """Move to the quarantine folder. Idempotent."""
        ...

    def wait(self, timeout: float) -> bool:
        """Block until new mail may be waiting (IDLE / push) or `timeout` seconds pass.
        Returns True when woken by the server. Polling adapters just sleep."""
        ...

    def check(self) -> None:
        """Log in / open the folder once; raise MailConfigError or TransientMailError if it fails."""
        ...

    def close(self) -> None: ...


class Sender(Protocol):
    name: str

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        """Deliver one committed outbox item. Raise TransientMailError or PermanentMailError."""
        ...

    def check(self) -> None: ...

    def close(self) -> None: ...


def poll_until(ready: Callable[[], bool], timeout: float, interval: float,
               sleep: Callable[[float], None] = time.sleep) -> bool:
    """For adapters without push: check, sleep `interval`, check again, until `timeout` has passed."""
    deadline = time.monotonic() + timeout
    while True:
        if ready():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        sleep(min(interval, left))
