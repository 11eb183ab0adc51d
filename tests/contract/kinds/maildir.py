"""Contract kind `maildir`: MaildirInbox on a directory under pytest's tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.mail.base import Inbox
from bot.mail.maildir import MaildirInbox, deliver
from tests.contract.kinds import message_id


class MaildirHarness:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.inbox: Inbox = MaildirInbox(str(root))
        self.inbox.check()

    def deliver(self, raw: bytes) -> None:
        deliver(self.root, raw)

    def _ids(self, folder: str) -> set[str]:
        return {
            message_id(p.read_bytes())
            for sub in ("new", "cur")
            if (self.root / folder / sub).is_dir()
            for p in (self.root / folder / sub).iterdir()
        }

    def processed_ids(self) -> set[str]:
        return self._ids(".Processed")

    def quarantined_ids(self) -> set[str]:
        return self._ids(".Quarantine")

    def reopen(self) -> Inbox:
        self.inbox = MaildirInbox(str(self.root))
        return self.inbox


@contextmanager
def make(tmpdir: Path) -> Iterator[MaildirHarness]:
    yield MaildirHarness(tmpdir / "inbox")
