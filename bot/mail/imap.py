"""IMAP inbox (imapclient): work by UID + UIDVALIDITY, read with BODY.PEEK[], acknowledge by MOVE.

Nothing here looks at \\Seen: a message a person has already opened in Outlook is still waiting, and
reading it leaves it unread for people. The folder itself is the queue (handled mail is moved out), and
`last_uid` in the StateStore is a safe low-water mark: every UID at or below it is gone from the folder,
so it is never advanced past a message that is still waiting (a crash loses nothing). A message another
client flagged \\Deleted (Outlook's delete without expunge) or \\Draft is still in the folder and may be a
genuine referral: it is waiting like any other, and its flags go to the audit. Only an original that our own
COPY+EXPUNGE fallback already copied (flagged `$CsprbotMoved` with \\Deleted in one STORE) is not waiting.
"""

from __future__ import annotations

import contextlib
import logging
import random
import ssl
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from imapclient import DELETED, IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from bot.mail.base import UNKNOWN_RECEIPT, InboundMail, MailConfigError, TransientMailError, aware_utc

if TYPE_CHECKING:
    from bot.mail.urls import MailboxURL, MailContext
    from bot.settings import OAuthSettings

log = logging.getLogger(__name__)
T = TypeVar("T")

# Entra ID scope for IMAP/SMTP AUTH with XOAUTH2 against Exchange Online (not the Graph scope).
OUTLOOK_SCOPE = "https://outlook.office365.com/.default"
# Our mark on an original already copied out by the COPY fallback (RFC 3501 keyword: atom, no backslash).
MOVED_KEYWORD = b"$CsprbotMoved"
FETCH_BATCH = 100  # UIDs per FETCH: within ~10% of the best throughput, bounded memory
DATE_BATCH = 2000  # UIDs per INTERNALDATE-only FETCH when ordering the batch (~14 KB of command line)
# Connection loss: imaplib's abort, or a bare OSError/ssl.SSLEOFError (after a server crash
# idle_done() raises SSLEOFError, which is not an IMAP4.abort).
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (IMAPClientAbortError, OSError)


class _ConnectionLost(OSError):
    """IDLE saw BYE or EOF: the session is dead although no exception was raised."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """Verify certificates against the system CAs plus `mail.ca_file` (private CAs, tests)."""
    ctx = ssl.create_default_context()
    if ca_file:
        ctx.load_verify_locations(cafile=ca_file)
    return ctx


class OAuthTokens:
    """Client-credentials access tokens from Entra ID through msal (which caches them until expiry)."""

    def __init__(self, oauth: OAuthSettings, client_secret: str | None, label: str) -> None:
        self.oauth = oauth
        self.client_secret = client_secret
        self.label = label
        self._app: Any = None

    def token(self) -> str:
        o = self.oauth
        if not (o.tenant_id and o.client_id and self.client_secret):
            raise MailConfigError(
                f"{self.label}: XOAUTH2 needs mail.oauth.tenant_id, mail.oauth.client_id and "
                "the client secret (CSPRBOT_OAUTH_CLIENT_SECRET)"
            )
        try:
            import msal  # lazy: only XOAUTH2 deployments pay for it

            if self._app is None:
                self._app = msal.ConfidentialClientApplication(
                    o.client_id,
                    authority=f"{o.authority_host.rstrip('/')}/{o.tenant_id}",
                    client_credential=self.client_secret,
                )
            result: dict[str, Any] = self._app.acquire_token_for_client(scopes=[OUTLOOK_SCOPE])
        except OSError as exc:  # requests' errors are OSErrors: the token endpoint is unreachable
            raise TransientMailError(f"{self.label}: token endpoint unreachable ({exc})") from None
        except ValueError as exc:  # msal: unknown tenant / bad authority
            raise MailConfigError(f"{self.label}: OAuth authority rejected ({exc})") from None
        if "access_token" in result:
            return str(result["access_token"])
        error = str(result.get("error", "unknown_error"))
        detail = str(result.get("error_description", "")).splitlines()[0:1]
        message = f"{self.label}: no OAuth token ({error}: {''.join(detail)})"
        if error in ("temporarily_unavailable", "server_error"):
            raise TransientMailError(message)
        raise MailConfigError(message)


class Backoff:
    """Exponential backoff with jitter, capped: the delay before the next connection attempt."""

    def __init__(
        self, base: float = 1.0, cap: float = 120.0, rng: Callable[[], float] = random.random
    ) -> None:
        self.base, self.cap, self.rng = base, cap, rng
        self.failures = 0
        self.not_before = 0.0

    def failed(self) -> None:
        self.failures += 1
        delay = min(self.cap, self.base * 2 ** (self.failures - 1))
        # "equal jitter": between half and all of the delay, so many bots do not retry in step
        self.not_before = time.monotonic() + delay * (0.5 + self.rng() / 2)

    def succeeded(self) -> None:
        self.failures = 0
        self.not_before = 0.0


class ImapInbox:
    """`imap://user@host:port/FOLDER` (STARTTLS required), `imaps://...` (implicit TLS)."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        *,
        client_secret: str | None = None,
        use_move: bool | None = None,
        use_idle: bool | None = None,
        timeout: float = 60.0,
        backoff: Backoff | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.url = url
        self.ctx = ctx
        self.mail = ctx.settings.mail
        self.name = url.redacted()
        self.label = f"{url.user}@{url.host}/{url.folder}"  # for errors: never the password
        secret = client_secret or getattr(ctx, "oauth_client_secret", None)
        self._tokens = OAuthTokens(self.mail.oauth, secret, self.label)
        self._use_move, self._use_idle = use_move, use_idle  # None: as the server offers
        self._timeout = timeout
        self._backoff = backoff or Backoff()
        self._clock = clock
        self._client: IMAPClient | None = None
        self._caps: frozenset[str] = frozenset()
        self._uidvalidity = 0
        self._seen_uid = 0  # highest UID handed out by fetch(): wait() reports only newer mail
        self._handled_uid = 0  # highest UID this instance moved out (lets the watermark advance)
        self._folders: set[str] = set()
        self._error_cleared = False
        self._keywords = False  # the folder lets us set MOVED_KEYWORD (set on SELECT)

    # -- capabilities, checked in one place -----------------------------------------------------
    def _can(self, capability: str) -> bool:
        forced = {"MOVE": self._use_move, "IDLE": self._use_idle}.get(capability)
        if forced is not None:
            return forced and capability in self._caps
        return capability in self._caps

    # -- connection -----------------------------------------------------------------------------
    def _connect(self) -> IMAPClient:
        u = self.url
        tls = ssl_context(self.mail.ca_file)
        implicit = u.scheme == "imaps"
        plain = not implicit and u.params.get("tls") == "none"  # urls.py allows it on loopback only
        port = u.port or (993 if implicit else 143)
        timeout = SocketTimeout(connect=min(15.0, self._timeout), read=self._timeout)
        try:
            client = IMAPClient(u.host or "", port=port, ssl=implicit, ssl_context=tls, timeout=timeout)
        except ssl.SSLCertVerificationError as exc:
            raise self._cert_error(exc) from None
        try:
            if not implicit and not plain:
                # Fail closed: a server (or a man in the middle) without STARTTLS gets no password.
                if not client.has_capability("STARTTLS"):
                    raise MailConfigError(
                        f"{self.label}: the server does not offer STARTTLS; refusing to log in "
                        "without TLS (use imaps:// or enable STARTTLS)"
                    )
                client.starttls(tls)
            self._login(client)
            self._caps = frozenset(c.decode().upper() for c in client.capabilities())  # post-login list
            self._select(client)
        except ssl.SSLCertVerificationError as exc:
            self._shutdown(client)
            raise self._cert_error(exc) from None
        except BaseException:
            self._shutdown(client)
            raise
        return client

    def _cert_error(self, exc: ssl.SSLCertVerificationError) -> MailConfigError:
        self._record_error(f"certificate not trusted: {exc.verify_message}")
        return MailConfigError(
            f"{self.label}: server certificate not trusted ({exc.verify_message}); "
            "set mail.ca_file for a private CA"
        )

    def _login(self, client: IMAPClient) -> None:
        user = self.url.user
        if not user:
            raise MailConfigError(f"{self.label}: the URL needs a user, e.g. imap://user@host/INBOX")
        try:
            if self.mail.auth in ("xoauth2", "oauth"):
                try:
                    token = self._tokens.token()
                except (MailConfigError, TransientMailError) as exc:
                    self._record_error(str(exc))
                    raise
                client.oauth2_login(user, token)
            elif self.mail.auth in ("login", "basic"):
                password = self.ctx.inbox_password
                if not password:
                    raise MailConfigError(f"{self.label}: no password (set CSPRBOT_INBOX_PASSWORD)")
                client.login(user, password)
            else:
                raise MailConfigError(f"{self.label}: mail.auth={self.mail.auth!r} is not usable for IMAP")
        except LoginError as exc:
            reason = str(exc).strip("b'\"")
            self._record_error(f"login refused: {reason}")
            raise MailConfigError(f"{self.label}: login refused ({reason})") from None

    def _select(self, client: IMAPClient) -> None:
        folder = self.url.folder
        try:
            info = client.select_folder(folder)
        except IMAPClientAbortError:
            raise
        except IMAPClientError as exc:
            raise MailConfigError(f"{self.label}: cannot open folder {folder!r} ({exc})") from None
        validity = int(info[b"UIDVALIDITY"])
        stored = self.ctx.state.get_state(self.name, "uidvalidity")
        if stored != str(validity):
            if stored is not None:
                # RFC 3501 2.3.1.1: the old UIDs mean nothing now. Start over on the folder; intake
                # dedupes by Message-ID + sha256, so reading a message again changes nothing.
                log.warning(
                    "%s: UIDVALIDITY changed %s -> %s; re-reading the folder", self.label, stored, validity
                )
            self.ctx.state.set_state(self.name, "last_uid", "0")
            self.ctx.state.set_state(self.name, "uidvalidity", str(validity))
        if validity != self._uidvalidity:
            self._seen_uid = self._handled_uid = 0
        self._uidvalidity = validity
        # Can we set our own keyword for good? (PERMANENTFLAGS lists \\* when new keywords may be made.)
        permanent = {bytes(f) for f in info.get(b"PERMANENTFLAGS", ())}
        self._keywords = b"\\*" in permanent or MOVED_KEYWORD in permanent

    def _ensure(self, deadline: float | None = None) -> IMAPClient:
        """The live session, (re)connecting after the backoff delay; raises TransientMailError if the
        server cannot be reached (or the delay would pass `deadline`), MailConfigError if it refuses us."""
        if self._client is not None:
            return self._client
        delay = self._backoff.not_before - time.monotonic()
        if delay > 0:
            if deadline is not None and time.monotonic() + delay > deadline:
                time.sleep(max(0.0, deadline - time.monotonic()))
                raise TransientMailError(f"{self.label}: server unreachable, backing off")
            time.sleep(delay)
        try:
            self._client = self._connect()
        except CONNECTION_ERRORS as exc:
            self._backoff.failed()
            raise TransientMailError(f"{self.label}: cannot connect ({exc})") from None
        except (MailConfigError, TransientMailError):
            self._backoff.failed()  # e.g. a wrong password: do not hammer (accounts get locked)
            raise
        self._backoff.succeeded()
        return self._client

    def _drop(self, exc: BaseException) -> None:
        log.info("%s: connection lost (%s: %s); reconnecting", self.label, type(exc).__name__, exc)
        if self._client is not None:
            self._shutdown(self._client)
        self._client = None

    @staticmethod
    def _shutdown(client: IMAPClient) -> None:
        with contextlib.suppress(Exception):  # already dead: nothing to release but the socket
            client.shutdown()

    def _call(self, op: Callable[[IMAPClient], T]) -> T:
        """Run `op` on the session; after a lost connection reconnect once and run it again."""
        for attempt in (1, 2):
            client = self._ensure()
            try:
                return op(client)
            except CONNECTION_ERRORS as exc:
                self._drop(exc)
                if attempt == 2:
                    raise TransientMailError(f"{self.label}: connection lost ({exc})") from None
            except IMAPClientError as exc:  # NO/BAD: the server is up but said no
                raise TransientMailError(f"{self.label}: {exc}") from None
        raise AssertionError("unreachable")

    # -- health ---------------------------------------------------------------------------------
    def _record_check(self) -> None:
        state = self.ctx.state
        state.set_state(self.name, "last_check", self._clock().isoformat(timespec="seconds"))
        if not self._error_cleared:
            if state.get_state(self.name, "last_error"):
                state.set_state(self.name, "last_error", "")
            self._error_cleared = True

    def _record_error(self, text: str) -> None:
        stamp = self._clock().isoformat(timespec="seconds")
        self.ctx.state.set_state(self.name, "last_error", f"{stamp} {text}")
        self._error_cleared = False

    # -- Inbox ----------------------------------------------------------------------------------
    def check(self) -> None:
        self._ensure()

    def _waiting(self, client: IMAPClient) -> list[int]:
        """UIDs waiting above the watermark, oldest first by INTERNALDATE (then UID); advances the
        watermark safely."""
        mark = int(self.ctx.state.get_state(self.name, "last_uid") or 0)
        # "n:*" also matches the highest UID when n is above it (RFC 3501 6.4.8): filter by hand.
        # Not UNDELETED: another client's \Deleted (no expunge) leaves a message that may be a genuine
        # referral. Only an original our COPY fallback already copied out (it carries our keyword) is done;
        # on a server without keywords such an original is read again and deduped by intake.
        uids = sorted(u for u in client.search(["UID", f"{mark + 1}:*", "NOT", "KEYWORD", MOVED_KEYWORD])
                      if u > mark)
        # UIDs only grow, so every UID below the oldest waiting one (or below one we moved out
        # ourselves, when none waits) was assigned before this SEARCH and is gone: skipping it is safe.
        new_mark = uids[0] - 1 if uids else max(mark, self._handled_uid)
        if new_mark > mark:
            self.ctx.state.set_state(self.name, "last_uid", str(new_mark))
        return self._by_arrival(client, uids)

    @staticmethod
    def _by_arrival(client: IMAPClient, uids: list[int]) -> list[int]:
        """`uids` in receipt order: INTERNALDATE, then UID. UIDs follow the order messages entered this
        folder, which is not when the server took them in: a copy or move from another folder, an APPEND by
        a sync tool or an import keeps the original INTERNALDATE, which the clocks count from."""
        if len(uids) < 2:
            return uids
        when: dict[int, datetime] = {}
        # INTERNALDATE only (a few bytes each), in chunks that keep a command line well inside server limits.
        for start in range(0, len(uids), DATE_BATCH):
            for uid, data in client.fetch(uids[start : start + DATE_BATCH], ["INTERNALDATE"]).items():
                internal = data.get(b"INTERNALDATE")
                if isinstance(internal, datetime):
                    when[int(uid)] = aware_utc(internal) or UNKNOWN_RECEIPT
        return sorted(uids, key=lambda u: (when.get(u, UNKNOWN_RECEIPT), u))

    def _bodies(
        self, client: IMAPClient, uids: list[int], validity: int
    ) -> dict[int, tuple[bytes, Any, Any]] | None:
        if self._uidvalidity != validity:
            return None  # reconnected into a new UIDVALIDITY: these UIDs are void
        # BODY.PEEK[] rather than RFC822: reading must not set \Seen (people still see it unread).
        # INTERNALDATE: when the server took the message in, which the clocks count from.
        # FLAGS: a \Deleted or \Draft someone else set is noted in the audit (the message is processed).
        got = client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE", "FLAGS"])
        # NIL body: another session (a second csprbot instance) expunged it after our SEARCH.
        return {int(u): (d[b"BODY[]"], d.get(b"INTERNALDATE"), d.get(b"FLAGS") or ())
                for u, d in got.items() if d.get(b"BODY[]") is not None}

    def fetch(self, limit: int = 100) -> Iterator[InboundMail]:
        uids = self._call(self._waiting)[: max(0, limit)]
        validity = self._uidvalidity
        self._record_check()
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            bodies = self._call(partial(self._bodies, uids=batch, validity=validity))
            if bodies is None:
                return  # the next fetch starts over on the folder
            for uid in batch:
                if uid in bodies:  # absent: moved away by someone else meanwhile
                    self._seen_uid = max(self._seen_uid, uid)
                    raw, internal, flags = bodies[uid]
                    yield InboundMail(self.name, f"{validity}:{uid}", raw,
                                      aware_utc(internal if isinstance(internal, datetime) else None),
                                      noted_flags(flags))

    def acknowledge(self, item: InboundMail) -> None:
        self._move(item, self.mail.processed_folder)

    def quarantine(self, item: InboundMail, reason: str) -> None:
        log.info("%s: quarantining %s: %s", self.label, item.source_id, reason)
        self._move(item, self.mail.quarantine_folder)

    def _move(self, item: InboundMail, folder: str) -> None:
        validity, _, uid_text = item.source_id.partition(":")
        self._call(lambda c: self._move_uid(c, int(validity), int(uid_text), folder))

    def _move_uid(self, client: IMAPClient, validity: int, uid: int, folder: str) -> None:
        if validity != self._uidvalidity:
            # The UID may name another message now: touch nothing. The message is read again under
            # the new UIDVALIDITY, deduped by intake and acknowledged then.
            log.warning(
                "%s: UIDVALIDITY is %s, not %s; not moving UID %s",
                *(self.label, self._uidvalidity, validity, uid),
            )
            return
        self._ensure_folder(client, folder)
        if self._can("MOVE"):
            # RFC 6851: atomic, one copy only. A UID that is already gone makes UID MOVE an OK no-op
            # (RFC 3501 6.4.8), so acknowledging twice needs no SEARCH first: one round trip, not two.
            client.move([uid], folder)
        else:
            flags = client.get_flags([uid]).get(uid)
            if flags is None:
                return  # already moved: acknowledging twice is a no-op
            # RFC 6851 3.3 fallback. A crash between COPY and EXPUNGE leaves an original carrying our
            # keyword, which fetch() skips (one STORE sets both: never \Deleted without it) and a retry
            # only expunges; a crash before STORE means one more read, deduped downstream.
            if MOVED_KEYWORD not in flags:
                client.copy([uid], folder)
                client.add_flags([uid], [MOVED_KEYWORD, DELETED] if self._keywords else [DELETED], silent=True)
            if self._can("UIDPLUS"):
                client.uid_expunge([uid])  # RFC 4315: expunge this UID only, never others' \Deleted
            else:
                log.warning("%s: no UIDPLUS; UID %s left \\Deleted for a client to expunge", self.label, uid)
        self._handled_uid = max(self._handled_uid, uid)

    def _ensure_folder(self, client: IMAPClient, folder: str) -> None:
        if folder in self._folders:
            return
        if not client.folder_exists(folder):
            try:
                client.create_folder(folder)
                client.subscribe_folder(folder)  # so people see it in their mail client
            except IMAPClientAbortError:
                raise
            except IMAPClientError as exc:
                if not client.folder_exists(folder):  # else: another instance created it first
                    raise MailConfigError(f"{self.label}: cannot create folder {folder!r} ({exc})") from None
        self._folders.add(folder)

    # -- waiting --------------------------------------------------------------------------------
    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                client = self._ensure(deadline)
            except TransientMailError as exc:
                log.info("%s", exc)
                continue
            try:
                if self._has_new(client):
                    woke = True
                elif self._can("IDLE"):
                    woke = self._idle(client, deadline)
                else:
                    woke = self._poll(client, deadline)
            except CONNECTION_ERRORS as exc:
                self._drop(exc)
                continue
            except IMAPClientError as exc:
                raise TransientMailError(f"{self.label}: {exc}") from None
            self._record_check()
            return woke
        return False

    def _has_new(self, client: IMAPClient) -> bool:
        """Anything above what fetch() handed out? Covers mail that came while we were not idling."""
        # NOOP first: a server may take in new mail at the end of a command (Dovecot does), so the
        # EXISTS for a message APPENDed just after our last fetch rides on that command's reply, which
        # imapclient drops; a bare SEARCH would miss it and IDLE would never report it again.
        client.noop()
        return any(u > self._seen_uid for u in client.search(["UID", f"{self._seen_uid + 1}:*"]))

    def _idle(self, client: IMAPClient, deadline: float) -> bool:
        # RFC 2177: the server may drop a client idling over 29 minutes, so re-issue IDLE every
        # mail.idle_renew_seconds (at most 29 minutes; 10 by default, inside NAT/firewall timeouts too).
        client.idle()
        renew_at = time.monotonic() + self.mail.idle_renew_seconds
        early = 0
        while True:
            now = time.monotonic()
            end = min(deadline, renew_at)
            if now >= end:
                _, responses = client.idle_done()
                if _exists(responses):
                    return True
                if now >= deadline:
                    return False
                client.idle()
                renew_at = time.monotonic() + self.mail.idle_renew_seconds
                continue
            responses = client.idle_check(timeout=end - now)
            if any(isinstance(r, tuple) and r[:1] == (b"BYE",) for r in responses):
                raise _ConnectionLost("server said BYE")
            if _exists(responses):
                client.idle_done()
                return True
            if not responses and time.monotonic() < end - 0.05:
                # Readable but nothing parsed: after EOF idle_check() returns [] at once, forever (a
                # busy loop), though a bare TLS record does the same once. DONE tells them apart: on
                # a dead session it raises (ssl.SSLEOFError after a crash, IMAP4.abort after EOF).
                early += 1
                if early > 3:
                    raise _ConnectionLost("EOF while idling")
                _, responses = client.idle_done()
                if _exists(responses):
                    return True
                client.idle()

    def _poll(self, client: IMAPClient, deadline: float) -> bool:
        """No IDLE: look again every mail.poll_seconds until the deadline."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(self.mail.poll_seconds, remaining))
            client.noop()
            if self._has_new(client):
                return True

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            # Stopped mid-IDLE (Ctrl-C / SIGTERM): the server answers nothing until DONE, so LOGOUT
            # would wait forever. End IDLE first, and never let a slow goodbye hold up shutdown.
            client.socket().settimeout(5)
            if getattr(client, "_idle_tag", None) is not None:
                client.idle_done()
            client.logout()
        except Exception:  # closing a dead session: nothing to tell anyone
            self._shutdown(client)


def noted_flags(flags: Any) -> tuple[str, ...]:
    """The flags worth an audit line: what another client set (\\Recent and \\Seen say nothing here)."""
    quiet = {"\\Recent", "\\Seen"}
    names = (f.decode("ascii", "replace") if isinstance(f, bytes) else str(f) for f in flags)
    return tuple(sorted(n for n in names if n not in quiet))


def _exists(responses: list[Any]) -> bool:
    return any(isinstance(r, tuple) and len(r) > 1 and r[1] == b"EXISTS" for r in responses)
