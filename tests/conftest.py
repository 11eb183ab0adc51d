"""Shared test settings: every test runs with the embedded example profile unless it says otherwise."""

from __future__ import annotations

import os

# Tests never read a developer's own config or mailbox passwords by accident.
for var in ("CSPRBOT_CONFIG", "CSPRBOT_INBOX_URL", "CSPRBOT_SENDER_URL", "CSPRBOT_DATABASE_URL",
            "CSPRBOT_INBOX_PASSWORD", "CSPRBOT_SENDER_PASSWORD"):
    os.environ.pop(var, None)
