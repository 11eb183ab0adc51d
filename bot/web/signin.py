"""Sign-in without passwords: a one-time link mailed through the outbox, stored only as its SHA-256.

A link is asked for by address; only an address holding a role gets one, and the answer on screen is the
same either way, so the form tells nobody who holds a role. Requests are counted per address and per IP
in the database (shared by every instance) to rate-limit them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain.effects import MailIntent
from bot.store.models import WebSecret, WebSignin


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Request:
    status: str  # sent | not_a_role | limited
    address: str


def request_link(s: Session, rt: Runtime, address: str, ip: str, base_url: str) -> Request:
    """Record the attempt; if the address holds a role and is under its limits, queue the link mail."""
    address = address.strip().lower()
    web = rt.settings.web
    hour_ago = rt.stamp - timedelta(hours=1)
    # Requests older than a day count for nothing (limits are per hour, links live minutes): not kept.
    s.execute(delete(WebSignin).where(WebSignin.at < rt.stamp - timedelta(days=1)))
    by_ip = s.scalar(select(func.count(WebSignin.id)).where(WebSignin.ip == ip, WebSignin.at >= hour_ago)) or 0
    by_addr = s.scalar(select(func.count(WebSignin.id)).where(WebSignin.address_sha == sha(address),
                                                              WebSignin.at >= hour_ago)) or 0
    if by_ip >= web.signin_per_ip_hour or by_addr >= web.signin_per_hour:
        audit(s, rt, "web_signin_limited", {"ip": ip, "channel": "web"})
        return Request("limited", address)
    row = WebSignin(at=rt.stamp, ip=ip, address_sha=sha(address))
    s.add(row)
    if not rt.settings.roles.holders(address):
        return Request("not_a_role", address)
    token = secrets.token_urlsafe(32)
    row.address, row.token_sha = address, sha(token)
    row.expires_at = rt.stamp + timedelta(minutes=web.link_minutes)
    s.flush()
    link = f"{base_url.rstrip('/')}/signin/link?{urlencode({'t': token})}"
    audit(s, rt, "web_signin_requested", {"channel": "web", "ip": ip}, actor=address)
    enqueue(s, rt, MailIntent("signin", "person.signin.link", (address,),
                              {"link": link, "minutes": web.link_minutes}, tag=f"signin-{row.id}"),
            None, None, f"web-signin:{row.id}")
    return Request("sent", address)


def consume(s: Session, rt: Runtime, token: str, ip: str) -> str | None:
    """The address a valid, unused, unexpired link belongs to (marking it used), or None."""
    row = s.scalar(select(WebSignin).where(WebSignin.token_sha == sha(token)).with_for_update())
    if row is None or row.used_at is not None or row.expires_at is None or row.expires_at < rt.stamp:
        audit(s, rt, "web_signin_refused", {"channel": "web", "ip": ip,
                                            "reason": "used" if row is not None and row.used_at else
                                            "expired" if row is not None else "unknown link"})
        return None
    row.used_at = rt.stamp
    if not row.address or not rt.settings.roles.holders(row.address):
        return None  # the role was taken away since the link was sent
    audit(s, rt, "web_signed_in", {"channel": "web", "ip": ip, "how": "email link"}, actor=row.address)
    return row.address


def secret_key(sessions: sessionmaker[Session], explicit: str | None = None) -> str:
    """The cookie-signing key: CSPRBOT_WEB_SECRET_KEY if set, else one made once and kept in the database."""
    if explicit:
        return explicit
    try:
        with sessions.begin() as s:
            row = s.get(WebSecret, "session")
            if row is None:
                row = WebSecret(name="session", value=secrets.token_urlsafe(48))
                s.add(row)
            return row.value
    except IntegrityError:  # another instance made it first: use theirs
        with sessions() as s:
            made = s.get(WebSecret, "session")
            assert made is not None
            return made.value
