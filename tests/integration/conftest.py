"""Fixtures for tests against real servers on loopback: Dovecot (IMAP) and an aiosmtpd sink (SMTP).

    dovecot         session-wide DovecotServer (do not stop it; use `fresh_dovecot` to restart one)
    fresh_dovecot   a DovecotServer of the test's own
    imap_box        ImapBox: a private folder on `dovecot` with its own state, settings and inboxes
    smtp_sink       factory: smtp_sink(starttls=True, auth=..., ...) -> a started SmtpSink
    smtp_sender     factory: smtp_sender(sink, tls="starttls", password="botpw", **kw) -> SmtpSender

Dovecot missing: these tests skip, or fail when CSPRBOT_REQUIRE_SERVERS=1 (CI).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `tests.servers` without an installed checkout
    sys.path.insert(0, str(ROOT))

from bot.mail.imap import ImapInbox  # noqa: E402
from bot.mail.smtp import SmtpSender  # noqa: E402
from bot.mail.urls import INBOX_SCHEMES, SENDER_SCHEMES, MailContext, parse_url  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.servers import MemoryState, make_settings, require_dovecot  # noqa: E402
from tests.servers.dovecot_server import PASSWORDS, DovecotServer  # noqa: E402
from tests.servers.smtp_sink import SmtpSink  # noqa: E402

_folders = itertools.count(1)


def raw_message(subject: str, msgid: str | None = None, body: str = "Referral text.\r\n") -> bytes:
    """A small CRLF message, as a mail server stores it."""
    msgid = msgid or f"<{subject.replace(' ', '.')}.{next(_folders)}@test.example>"
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


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    require_dovecot()
    with DovecotServer() as dc:
        yield dc


@pytest.fixture
def fresh_dovecot() -> Iterator[DovecotServer]:
    require_dovecot()
    with DovecotServer() as dc:
        yield dc


def _box(dc: DovecotServer) -> Iterator[ImapBox]:
    box = ImapBox(dc, "alice@example.test", f"T{next(_folders)}")
    client = dc.client(box.user)
    client.create_folder(box.folder)
    client.logout()
    try:
        yield box
    finally:
        box.close()


@pytest.fixture
def imap_box(dovecot: DovecotServer) -> Iterator[ImapBox]:
    yield from _box(dovecot)


@pytest.fixture
def fresh_imap_box(fresh_dovecot: DovecotServer) -> Iterator[ImapBox]:
    yield from _box(fresh_dovecot)


@pytest.fixture
def smtp_sink() -> Iterator[Callable[..., SmtpSink]]:
    sinks: list[SmtpSink] = []

    def start(**kw: Any) -> SmtpSink:
        kw.setdefault("auth", {"bot@example.test": "botpw"})
        sink = SmtpSink(**kw).start()
        sinks.append(sink)
        return sink

    yield start
    for sink in sinks:
        sink.cleanup()


@pytest.fixture
def smtp_sender() -> Iterator[Callable[..., SmtpSender]]:
    senders: list[SmtpSender] = []

    def make(
        sink: SmtpSink, tls: str = "starttls", password: str | None = "botpw",
        user: str | None = "bot@example.test", mail: dict[str, Any] | None = None, **kw: Any,
    ) -> SmtpSender:
        ctx = MailContext(
            settings=make_settings(ca_file=sink.cert, **(mail or {})), state=MemoryState(),
            sender_password=password,
        )  # fmt: skip
        sender = SmtpSender(parse_url(sink.url(user, tls), SENDER_SCHEMES), ctx, **kw)
        senders.append(sender)
        return sender

    yield make
    for sender in senders:
        sender.close()
