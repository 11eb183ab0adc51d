"""Which mailboxes have gone quiet: a pure check over the `last_check` stamps the adapters record.

Inbox adapters write `last_check` (ISO 8601, UTC) into the StateStore after each successful fetch or
wait, and `last_error` when login or a token fails. A mailbox whose stamp is older than
`mail.stale_after_minutes`, missing, or unreadable is stale: the digest and `check-config` report it,
because a watcher that silently stopped is how referrals get missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.mail.base import StateStore


@dataclass(frozen=True)
class Staleness:
    mailbox: str
    last_check: datetime | None  # None: never checked, or the stamp is unreadable
    last_error: str | None

    def describe(self, now: datetime) -> str:
        when = "never checked" if self.last_check is None else f"last checked {_age(now - self.last_check)} ago"
        return f"{self.mailbox}: {when}" + (f" (last error: {self.last_error})" if self.last_error else "")


def parse_stamp(value: str | None) -> datetime | None:
    """An ISO 8601 stamp as an aware UTC datetime; naive stamps are taken as UTC; junk gives None."""
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def stale_mailboxes(
    last_checks: Mapping[str, str | None],
    now: datetime,
    stale_after_minutes: float,
    last_errors: Mapping[str, str | None] | None = None,
) -> list[Staleness]:
    """The mailboxes (by name, sorted) not checked successfully within `stale_after_minutes` of `now`."""
    limit = timedelta(minutes=stale_after_minutes)
    errors = last_errors or {}
    out = []
    for name in sorted(last_checks):
        stamp = parse_stamp(last_checks[name])
        if stamp is None or now - stamp > limit:
            out.append(Staleness(name, stamp, errors.get(name) or None))
    return out


def read_health(state: StateStore, names: Iterable[str]) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(last_check, last_error) per mailbox name, from the StateStore, for `stale_mailboxes`."""
    names = list(names)
    return (
        {n: state.get_state(n, "last_check") for n in names},
        {n: state.get_state(n, "last_error") for n in names},
    )


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"
