"""Contract kind `imap`: ImapInbox against a real Dovecot (one server per test session, a folder per test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from bot.mail.base import Inbox
from tests.contract.kinds import message_id
from tests.servers import ImapBox, require_dovecot
from tests.servers.dovecot_server import DovecotServer

MARKS = [pytest.mark.servers]


def skip_reason() -> str | None:
    require_dovecot()  # skips, or fails when CSPRBOT_REQUIRE_SERVERS=1
    return None


@contextmanager
def session() -> Iterator[DovecotServer]:
    with DovecotServer() as dc:
        yield dc


class ImapHarness:
    def __init__(self, box: ImapBox) -> None:
        self.box = box
        self.inbox: Inbox = box.inbox()

    def deliver(self, raw: bytes) -> None:
        self.box.append(raw)

    def processed_ids(self) -> set[str]:
        return {message_id(raw) for raw in self.box.messages(self.box.processed)}

    def quarantined_ids(self) -> set[str]:
        return {message_id(raw) for raw in self.box.messages(self.box.quarantined)}

    def reopen(self) -> Inbox:
        self.inbox = self.box.inbox()
        return self.inbox


@contextmanager
def make(tmpdir: Path, shared: DovecotServer | None = None) -> Iterator[ImapHarness]:
    """A fresh folder on `shared` (the session's Dovecot), or on a Dovecot of its own when None."""
    with ExitStack() as stack:
        if shared is None:
            require_dovecot()
            shared = stack.enter_context(DovecotServer())
        box = ImapBox.create(shared, "bob@example.test", prefix="C")
        stack.callback(box.close)
        yield ImapHarness(box)
