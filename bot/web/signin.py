"""Sign-in without passwords: a one-time link mailed through the outbox, stored only as its SHA-256.

A link is asked for by address; only an address holding a role gets one, and the answer on screen, and the
work done before it, are the same either way (the link is made and queued afterwards, on a thread of its
own), so the form tells nobody who holds a role, not even by how long it takes to answer. Requests are
counted per address and per IP in the database (shared by every instance) to rate-limit them.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain.effects import MailIntent
from bot.store.models import WebSecret, WebSignin

log = logging.getLogger("csprbot.web")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Request:
    status: str  # accepted | limited
    address: str
    row_id: int | None = None


def request_link(s: Session, rt: Runtime, address: str, ip: str) -> Request:
    """Record the attempt and apply the limits: the same work whether or not the address holds a role.

    Whether it does, and the link and its mail, are for `send_link`, run after the answer has gone (by
    `LinkMailer`): neither the page nor the time it takes tells anyone who holds a role.
    """
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
    s.flush()
    return Request("accepted", address, row.id)


def send_link(s: Session, rt: Runtime, row_id: int, address: str, ip: str, base_url: str) -> bool:
    """If `address` holds a role, make the one-time link for request `row_id` and queue its mail."""
    row = s.get(WebSignin, row_id)
    if row is None or row.address_sha != sha(address) or not rt.settings.roles.holders(address):
        return False
    web = rt.settings.web
    token = secrets.token_urlsafe(32)
    row.address, row.token_sha = address, sha(token)
    row.expires_at = row.at + timedelta(minutes=web.link_minutes)
    link = f"{base_url.rstrip('/')}/signin/link?{urlencode({'t': token})}"
    audit(s, rt, "web_signin_requested", {"channel": "web", "ip": ip}, actor=address)
    enqueue(s, rt, MailIntent("signin", "person.signin.link", (address,),
                              {"link": link, "minutes": web.link_minutes}, tag=f"signin-{row.id}"),
            None, None, f"web-signin:{row.id}")
    return True


class LinkMailer:
    """Runs `send_link` on a thread of its own, after the sign-in page has answered.

    The role path used to render and queue the mail inside the request, the other path did not: the
    answer took measurably longer for an address holding a role. Now both paths do `request_link` and
    hand the rest here; the bot's outbox job sends the mail as before.
    """

    def __init__(self, sessions: sessionmaker[Session], runtime: Callable[[], Runtime], base_url: str) -> None:
        self.sessions, self.runtime, self.base_url = sessions, runtime, base_url
        self.jobs: queue.Queue[tuple[int, str, str]] = queue.Queue()
        self.gate = threading.Event()
        self.gate.set()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, row_id: int, address: str, ip: str) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="csprbot-signin-mail", daemon=True)
                self._thread.start()
        self.jobs.put((row_id, address, ip))

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until every request handed over so far has been dealt with (tests; a clean stop). False if
        `timeout` seconds passed first."""
        if timeout is None:
            self.jobs.join()
            return True
        end = time.monotonic() + timeout
        while self.jobs.unfinished_tasks and time.monotonic() < end:
            time.sleep(0.05)
        return not self.jobs.unfinished_tasks

    def _run(self) -> None:
        while True:
            row_id, address, ip = self.jobs.get()
            try:
                self.gate.wait()
                with self.sessions.begin() as s:
                    send_link(s, self.runtime(), row_id, address, ip, self.base_url)
            except Exception:  # a link not sent is asked for again; the thread must live on
                log.exception("sign-in link for request %s not queued", row_id)
            finally:
                self.jobs.task_done()


def consume(s: Session, rt: Runtime, token: str, ip: str) -> str | None:
    """The address a valid, unused, unexpired link belongs to (marking it used), or None."""
    # A claim, not read-then-write: of several requests with one link at once, exactly one marks it used
    # (SQLite has no row lock for FOR UPDATE; a stranger's 16 clients at once got up to 4 sessions from it).
    won = s.execute(update(WebSignin).where(WebSignin.token_sha == sha(token), WebSignin.used_at.is_(None),
                                            WebSignin.expires_at.is_not(None), WebSignin.expires_at >= rt.stamp)
                    .values(used_at=rt.stamp).execution_options(synchronize_session=False))
    row = s.scalar(select(WebSignin).where(WebSignin.token_sha == sha(token)))
    if won.rowcount != 1 or row is None:  # type: ignore[attr-defined]
        audit(s, rt, "web_signin_refused", {"channel": "web", "ip": ip,
                                            "reason": "used" if row is not None and row.used_at else
                                            "expired" if row is not None else "unknown link"})
        return None
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
