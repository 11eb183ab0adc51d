"""Fixtures for tests against real servers on loopback: Dovecot (IMAP) and an aiosmtpd sink (SMTP).

    dovecot         session-wide DovecotServer (do not stop it; use `fresh_dovecot` to restart one)
    fresh_dovecot   a DovecotServer of the test's own
    imap_box        ImapBox: a private folder on `dovecot` with its own state, settings and inboxes
    smtp_sink       factory: smtp_sink(starttls=True, auth=..., ...) -> a started SmtpSink
    smtp_sender     factory: smtp_sender(sink, tls="starttls", password="botpw", **kw) -> SmtpSender

Dovecot missing: these tests skip, or fail when CSPRBOT_REQUIRE_SERVERS=1 (CI).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `tests.servers` without an installed checkout
    sys.path.insert(0, str(ROOT))

from bot.mail.smtp import SmtpSender  # noqa: E402
from bot.mail.urls import SENDER_SCHEMES, MailContext, parse_url  # noqa: E402
from tests.servers import (  # noqa: E402
    ImapBox,
    MemoryState,
    make_settings,
    require_dovecot,
)
from tests.servers.dovecot_server import DovecotServer  # noqa: E402
from tests.servers.smtp_sink import SmtpSink  # noqa: E402


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
    box = ImapBox.create(dc)
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
