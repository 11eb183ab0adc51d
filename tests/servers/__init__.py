"""Real mail servers on loopback for the integration, contract and end-to-end tests.

`DovecotServer` (IMAP/LMTP) and `SmtpSink` (aiosmtpd) plus the small helpers every such test needs:
`require_dovecot()` (skip, or fail when CI sets CSPRBOT_REQUIRE_SERVERS=1), `make_settings()`,
`MemoryState` (a StateStore in a dict), `raw_message()` and `ImapBox` (one test's IMAP folder).
"""

from __future__ import annotations

import itertools
import os
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.mail.imap import ImapInbox
from bot.mail.urls import INBOX_SCHEMES, MailContext, parse_url
from bot.settings import Settings
from tests.servers.dovecot_server import PASSWORDS, DovecotServer

DOVECOT = "/usr/sbin/dovecot"


def require_dovecot() -> None:
    """Skip when Dovecot is not installed, unless CSPRBOT_REQUIRE_SERVERS=1 (CI): then fail."""
    if os.path.exists(DOVECOT):
        return
    reason = f"{DOVECOT} not installed (apt-get install dovecot-imapd dovecot-lmtpd)"
    if os.environ.get("CSPRBOT_REQUIRE_SERVERS") == "1":
        pytest.fail(f"CSPRBOT_REQUIRE_SERVERS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def make_settings(**mail: Any) -> Settings:
    """A minimal valid profile; keyword arguments override `[mail]` keys (e.g. ca_file=...)."""
    nhs = "test.{}@nhs.net"
    roles = {r: [nhs.format(r)] for r in (
        "coordinator", "service_leader", "assistant_director", "director", "police_review",
        "icb_safeguarding", "subgroup_chair",
    )}  # fmt: skip
    return Settings.model_validate(
        {
            "partnership": {"name": "Test partnership", "ref_prefix": "TS", "bot_address": "bot@nhs.net"},
            "roles": roles,
            "mail": mail,
        }
    )


class MemoryState:
    """StateStore in memory (thread-safe): share one between adapter instances to model a restart."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get_state(self, mailbox: str, key: str) -> str | None:
        with self._lock:
            return self.data.get((mailbox, key))

    def set_state(self, mailbox: str, key: str, value: str) -> None:
        with self._lock:
            self.data[(mailbox, key)] = value

    def of(self, mailbox: str) -> dict[str, str]:
        with self._lock:
            return {k: v for (m, k), v in self.data.items() if m == mailbox}


_numbers = itertools.count(1)


def next_number() -> int:
    """Unique per test session: folder names, Message-IDs."""
    return next(_numbers)


def raw_message(subject: str, msgid: str | None = None, body: str = "Referral text.\r\n") -> bytes:
    """A small CRLF message, as a mail server stores it."""
    msgid = msgid or f"<{subject.replace(' ', '.')}.{next_number()}@test.example>"
    return (
        f"From: referrer@nhs.net\r\nTo: bot@example.test\r\nSubject: {subject}\r\n"
        f"Message-ID: {msgid}\r\nDate: Mon, 02 Mar 2026 09:00:00 +0000\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    ).encode()


@dataclass
class ImapBox:
    """One test's mailbox: `folder` of `user` on `dc`, handled mail going to `<folder>-Processed` and
    `<folder>-Quarantine`; every inbox made here shares `state` (a restart = a new inbox)."""

    dc: DovecotServer
    user: str
    folder: str
    state: MemoryState = field(default_factory=MemoryState)
    opened: list[ImapInbox] = field(default_factory=list)

    @classmethod
    def create(cls, dc: DovecotServer, user: str = "alice@example.test", prefix: str = "T") -> ImapBox:
        """A new, empty folder `<prefix><n>` for `user`."""
        box = cls(dc, user, f"{prefix}{next_number()}")
        client = dc.client(user)
        client.create_folder(box.folder)
        client.logout()
        return box

    @property
    def processed(self) -> str:
        return f"{self.folder}-Processed"

    @property
    def quarantined(self) -> str:
        return f"{self.folder}-Quarantine"

    def settings(self, **mail: Any) -> Settings:
        base: dict[str, Any] = {
            "ca_file": self.dc.ca_file,
            "processed_folder": self.processed,
            "quarantine_folder": self.quarantined,
            "poll_seconds": 0.2,
        }
        return make_settings(**{**base, **mail})

    def url(self, tls: str = "starttls") -> str:
        return self.dc.url(self.user, self.folder, tls=tls)

    def inbox(
        self, tls: str = "starttls", password: str | None = None, mail: dict[str, Any] | None = None,
        **kw: Any,
    ) -> ImapInbox:
        ctx = MailContext(
            settings=self.settings(**(mail or {})), state=self.state,
            inbox_password=password if password is not None else PASSWORDS[self.user],
        )  # fmt: skip
        inbox = ImapInbox(parse_url(self.url(tls), INBOX_SCHEMES), ctx, **kw)
        self.opened.append(inbox)
        return inbox

    def append(self, raw: bytes, flags: tuple[bytes, ...] = (), folder: str | None = None) -> int:
        return self.dc.append(self.user, raw, folder or self.folder, flags)

    def uids(self, folder: str | None = None) -> list[int]:
        return self.dc.uids(self.user, folder or self.folder)

    def messages(self, folder: str | None = None) -> list[bytes]:
        return self.dc.messages(self.user, folder or self.folder)

    def close(self) -> None:
        for inbox in self.opened:
            inbox.close()
