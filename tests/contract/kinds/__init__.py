"""Inbox kinds for the contract suite: one module per kind, `tests/contract/kinds/<kind>.py`.

A kind module provides:

    make(tmpdir: Path, shared: Any) -> ContextManager[Harness]     required: one empty mailbox
    session() -> ContextManager[Any]        optional: once per test session (a server); its value is
                                            passed to make() as `shared` (None when absent)
    MARKS: list[pytest.MarkDecorator]       optional: e.g. [pytest.mark.servers]
    skip_reason() -> str | None             optional: why this kind cannot run here (None: it can)

The suite (test_inbox_contract.py) runs over every module found here, so adding `ews.py` or `graph.py`
is all it takes to hold a new adapter to the same contract.
"""

from __future__ import annotations

import email
import email.policy
from typing import Protocol

from bot.mail.base import Inbox


class Harness(Protocol):
    """One empty mailbox of some kind, and a way to look at it from outside the adapter."""

    inbox: Inbox  # the adapter under test

    def deliver(self, raw: bytes) -> None:
        """Put a message into the watched folder as the mail system would (oldest first)."""
        ...

    def processed_ids(self) -> set[str]:
        """Message-IDs now in the processed folder."""
        ...

    def quarantined_ids(self) -> set[str]:
        """Message-IDs now in the quarantine folder."""
        ...

    def reopen(self) -> Inbox:
        """A fresh adapter instance on the same mailbox and state (a restart); closed by the harness."""
        ...


def message_id(raw: bytes) -> str:
    """The Message-ID header of raw bytes, as the harnesses report them."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return str(msg.get("Message-ID", "")).strip()
