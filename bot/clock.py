"""The one source of "now": injected everywhere so replays with `--now` are exact."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A pinned clock for `run --once --now ISO` and tests."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("a pinned time needs a zone, e.g. 2026-04-02T10:00+01:00 or ...Z")
        self.at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self.at


def parse_now(text: str, tz_name: str = "Europe/London") -> datetime:
    """ISO date or datetime; a naive value is local partnership time (what a co-ordinator means)."""
    from zoneinfo import ZoneInfo

    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tz_name))
    return value.astimezone(UTC)
