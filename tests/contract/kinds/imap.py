"""Contract kind `imap`: ImapInbox against a real Dovecot (one server per test session, a folder per test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.mail.base import Inbox
from tests.contract.kinds import message_id
from tests.servers import DOVECOT, ImapBox, require_dovecot
from tests.servers.dovecot_server import DovecotServer

MARKS = [pytest.mark.servers]


def skip_reason() -> str | None:
    import os

    if os.path.exists(DOVECOT):
        return None
    require_dovecot()  # fails instead of skipping when CSPRBOT_REQUIRE_SERVERS=1
    return f"{DOVECOT} not installed"


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
        return self.box.inbox()


@contextmanager
def make(tmpdir: Path, shared: DovecotServer) -> Iterator[ImapHarness]:
    box = ImapBox.create(shared, "bob@example.test", prefix="C")
    try:
        yield ImapHarness(box)
    finally:
        box.close()
