"""Mailbox and sender URLs (DESIGN.md contract) and the factory that opens the right adapter.

Adapters are imported lazily, so `csprbot --help` never pays for exchangelib or msal.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from bot.mail.base import Inbox, MailConfigError, Sender, StateStore

if TYPE_CHECKING:
    from bot.settings import Settings

INBOX_SCHEMES = ("maildir", "imap", "imaps", "ews", "graph")
SENDER_SCHEMES = ("maildir", "smtp", "smtps", "ews", "graph")


@dataclass(frozen=True)
class MailboxURL:
    """`imap://user@host:port/FOLDER?tls=none` and friends, split once at the edge."""

    raw: str
    scheme: str
    user: str | None = None
    host: str | None = None
    port: int | None = None
    path: str = ""  # folder for imap/ews/graph, filesystem path for maildir
    params: dict[str, str] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return self.path.strip("/") or "INBOX"

    @property
    def is_loopback(self) -> bool:
        if self.host in ("localhost",):
            return True
        try:
            return ipaddress.ip_address(self.host or "").is_loopback
        except ValueError:
            return False

    def redacted(self) -> str:
        """For logs and errors: never a password."""
        return self.raw.split("?")[0]


def parse_url(raw: str, allowed: tuple[str, ...]) -> MailboxURL:
    """Split a mailbox URL; raise ValueError with a reason a co-ordinator can act on."""
    if raw.startswith("maildir:"):
        path = raw[len("maildir:") :]
        if path.startswith("//"):
            path = path[2:]
        if not path:
            raise ValueError("maildir: URL needs a path, e.g. maildir:var/mail/inbox")
        return MailboxURL(raw=raw, scheme="maildir", path=path)
    parts = urlsplit(raw)
    if parts.scheme not in allowed:
        raise ValueError(f"scheme {parts.scheme or '(none)'!r} is not one of {', '.join(allowed)}")
    if not parts.hostname:
        raise ValueError(f"{parts.scheme} URL needs a host, e.g. {parts.scheme}://user@host/INBOX")
    if parts.password:
        raise ValueError("put the password in CSPRBOT_INBOX_PASSWORD / CSPRBOT_SENDER_PASSWORD, not the URL")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"bad port: {exc}") from None
    params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    url = MailboxURL(
        raw=raw,
        scheme=parts.scheme,
        user=unquote(parts.username) if parts.username else None,
        host=parts.hostname,
        port=port,
        path=unquote(parts.path),
        params=params,
    )
    if params.get("tls") == "none" and not url.is_loopback:
        raise ValueError("tls=none is accepted for loopback hosts only (127.0.0.1, ::1, localhost)")
    return url


@dataclass
class MailContext:
    """What an adapter may need besides its URL."""

    settings: Settings
    state: StateStore
    inbox_password: str | None = None
    sender_password: str | None = None
    oauth_client_secret: str | None = None  # Graph / XOAUTH2 app secret, from CSPRBOT_OAUTH_CLIENT_SECRET


def open_inbox(raw: str, ctx: MailContext) -> Inbox:
    try:
        url = parse_url(raw, INBOX_SCHEMES)
    except ValueError as exc:
        raise MailConfigError(f"mail.inbox: {exc}") from None
    if url.scheme == "maildir":
        from bot.mail.maildir import MaildirInbox

        return MaildirInbox(url.path)
    if url.scheme in ("imap", "imaps"):
        from bot.mail.imap import ImapInbox

        return ImapInbox(url, ctx)
    if url.scheme == "ews":
        from bot.mail.ews import EwsInbox

        return EwsInbox(url, ctx)
    from bot.mail.graph import GraphInbox

    return GraphInbox(url, ctx)


def open_sender(raw: str, ctx: MailContext) -> Sender:
    try:
        url = parse_url(raw, SENDER_SCHEMES)
    except ValueError as exc:
        raise MailConfigError(f"mail.sender: {exc}") from None
    if url.scheme == "maildir":
        from bot.mail.maildir import MaildirSender

        return MaildirSender(url.path)
    if url.scheme in ("smtp", "smtps"):
        from bot.mail.smtp import SmtpSender

        return SmtpSender(url, ctx)
    if url.scheme == "ews":
        from bot.mail.ews import EwsSender

        return EwsSender(url, ctx)
    from bot.mail.graph import GraphSender

    return GraphSender(url, ctx)
