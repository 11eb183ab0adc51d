"""Inbox kinds for the contract suite: one module per kind, `tests/contract/kinds/<kind>.py`.

A kind module provides:

    make(tmpdir: Path) -> ContextManager[Harness]   required: one empty mailbox
    session() -> ContextManager[Any]        optional: started once per test session (e.g. a server);
                                            then the suite calls make(tmpdir, <its value>) instead
    MARKS: list[pytest.MarkDecorator]       optional: e.g. [pytest.mark.servers]
    NEEDS_SERVERS: bool                     optional: True is the same as MARKS = [pytest.mark.servers]
    skip_reason() -> str | None             optional: why this kind cannot run here (None: it can)

The suite (test_inbox_contract.py) runs over every module found here, so adding `ews.py` or `graph.py`
is all it takes to hold a new adapter to the same contract.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Collection
from typing import Protocol

from bot.mail.base import Inbox


class Harness(Protocol):
    """One empty mailbox of some kind, and a way to look at it from outside the adapter."""

    inbox: Inbox  # the adapter under test

    def deliver(self, raw: bytes) -> object:
        """Put a message into the watched folder as the mail system would (oldest first)."""
        ...

    def processed_ids(self) -> Collection[str]:
        """Message-IDs now in the processed folder (Exchange gives a moved item a new id; the header
        is the one id every backend keeps)."""
        ...

    def quarantined_ids(self) -> Collection[str]:
        """Message-IDs now in the quarantine folder."""
        ...

    def reopen(self) -> Inbox:
        """A fresh adapter on the same mailbox and state (a restart); it also becomes `.inbox`."""
        ...


def message_id(raw: bytes) -> str:
    """The Message-ID header of raw bytes, as the harnesses report them."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return str(msg.get("Message-ID", "")).strip()
