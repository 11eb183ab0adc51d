"""Real mail servers on loopback for the integration, contract and end-to-end tests.

`DovecotServer` (IMAP/LMTP) and `SmtpSink` (aiosmtpd) plus the small helpers every such test needs:
`require_dovecot()` (skip, or fail when CI sets CSPRBOT_REQUIRE_SERVERS=1), `make_settings()` and
`MemoryState` (a StateStore in a dict).
"""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest

from bot.settings import Settings

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
