"""Web sessions kept on the server, so that signing out (or a timeout, or "sign out everywhere") ends them.

The cookie stays Flask's signed cookie (itsdangerous) and holds only a random session id and the CSRF
token; the `web_sessions` row (keyed by the id's SHA-256, so a copy of the table opens nothing) holds who,
when it began, when it was last used and whether it was revoked. Every request looks the row up: a cookie
copied before sign-out finds its row revoked and is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.store.models import WebSession

# `seen_at` is written at most this often, so browsing the board is not a write per page; a session may
# therefore end up to this much before its idle limit, never after it.
SEEN_EVERY = timedelta(seconds=60)


def at(t: float) -> datetime:
    """Epoch seconds (the web app's clock) as the naive UTC the store keeps."""
    return datetime.fromtimestamp(t, UTC).replace(tzinfo=None)


def sha(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def start(s: Session, address: str, how: str, ip: str, t: float, session_hours: int) -> str:
    """A new session for `address`: its id for the cookie (kept on the server only as its hash)."""
    now = at(t)
    # Rows past their absolute limit are of no use; a day more keeps recent ones for whoever investigates.
    s.execute(delete(WebSession).where(WebSession.created_at < now - timedelta(hours=session_hours + 24)))
    sid = secrets.token_urlsafe(32)
    s.add(WebSession(id_sha=sha(sid), address=address, how=how, ip=ip[:64], created_at=now, seen_at=now))
    return sid


def check(s: Session, sid: str, t: float, idle_minutes: int, session_hours: int) -> str | None:
    """The address a live session belongs to, noting its use; None (and the row revoked) when it has ended."""
    row = s.get(WebSession, sha(sid))
    if row is None or row.revoked_at is not None:
        return None
    now = at(t)
    if now - row.created_at > timedelta(hours=session_hours) or now - row.seen_at > timedelta(minutes=idle_minutes):
        row.revoked_at = now  # timed out: never valid again, whatever the clock does next
        return None
    if now - row.seen_at >= SEEN_EVERY:
        row.seen_at = now
    return row.address


def revoke(s: Session, sid: str, t: float) -> str | None:
    """Sign-out: end this session. The address it belonged to, or None if it was not live."""
    row = s.get(WebSession, sha(sid))
    if row is None or row.revoked_at is not None:
        return None
    row.revoked_at = at(t)
    return row.address


def revoke_all(s: Session, address: str, t: float) -> int:
    """Sign out everywhere: end every live session of `address` (other browsers, a lost laptop)."""
    done = s.execute(update(WebSession).where(WebSession.address == address, WebSession.revoked_at.is_(None))
                     .values(revoked_at=at(t)).execution_options(synchronize_session=False))
    return int(done.rowcount)  # type: ignore[attr-defined]
