"""SMTP sender: `smtp://user@host:587` (STARTTLS required) and `smtps://user@host:465` (implicit TLS).

It only classifies failures; the outbox owns retry, backoff and parking:
  TransientMailError  connection refused/reset/timeout, server gone, 421, any 4xx (try again later)
    RecipientDeferredError  only the recipient(s) answered 4xx at RCPT: that mail waits, the queue goes on
    RecipientClosedError    a 421 at RCPT: the pass stops, the delay is counted against the recipient
    SenderDeferredError     a 4xx to MAIL FROM: the pass stops, the delay is counted against our sender
  SenderRefusedError (a MailConfigError)  a 5xx to MAIL FROM: our sender refused; nothing parked, an alarm at once
  PermanentMailError  5xx (the server's reply text is kept)
    RecipientRefusedError   the recipient(s) refused with 5xx at RCPT: the address, not the content
      RecipientRefusedAtDataError  5xx at DATA or its end: that mail, counted against the address all the same
  MailConfigError     no STARTTLS offered, certificate not trusted, login refused (stop; tell the operator)
A message goes to all its recipients or to none: if any RCPT is refused we RSET before DATA, so a
retry never sends the accepted recipients a second copy.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from typing import TYPE_CHECKING

from bot.mail.base import (
    MailConfigError,
    PermanentMailError,
    RecipientClosedError,
    RecipientDeferredError,
    RecipientRefusedAtDataError,
    RecipientRefusedError,
    SenderDeferredError,
    SenderRefusedError,
    TransientMailError,
)
from bot.mail.imap import OAuthTokens, ssl_context

if TYPE_CHECKING:
    from bot.mail.urls import MailboxURL, MailContext

log = logging.getLogger(__name__)

# A reused connection idle longer than this gets a NOOP first: servers drop idle clients (RFC 5321
# 4.5.3.2.7 lets them after 5 minutes), and finding out at MAIL FROM is cheaper than after DATA.
NOOP_AFTER_SECONDS = 30.0


class SmtpSender:
    """One SMTP connection, reused across sends and reopened when the server has dropped it."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        *,
        client_secret: str | None = None,
        timeout: float = 60.0,
        noop_after: float = NOOP_AFTER_SECONDS,
    ) -> None:
        self.url = url
        self.ctx = ctx
        self.mail = ctx.settings.mail
        self.name = url.redacted()
        self.label = f"{url.user + '@' if url.user else ''}{url.host}:{self._port()}"
        secret = client_secret or getattr(ctx, "oauth_client_secret", None)
        self._tokens = OAuthTokens(self.mail.oauth, secret, self.label)
        self._timeout = timeout
        self._noop_after = noop_after
        self._smtp: smtplib.SMTP | None = None
        self._last_used = 0.0

    def _port(self) -> int:
        return self.url.port or (465 if self.url.scheme == "smtps" else 587)

    # -- connection -----------------------------------------------------------------------------
    def _connect(self) -> smtplib.SMTP:
        host, tls = self.url.host or "", ssl_context(self.mail.ca_file)
        # A fixed EHLO name: socket.getfqdn() can stall on a host without DNS, and leaks host names.
        helo = self.ctx.settings.partnership.bot_address.rsplit("@", 1)[-1]
        try:
            if self.url.scheme == "smtps":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    host, self._port(), local_hostname=helo, timeout=self._timeout, context=tls
                )
            else:
                smtp = smtplib.SMTP(host, self._port(), local_hostname=helo, timeout=self._timeout)
        except ssl.SSLCertVerificationError as exc:
            raise self._cert_error(exc) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise TransientMailError(f"{self.label}: cannot connect ({exc})") from None
        try:
            self._secure_and_login(smtp, tls)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _secure_and_login(self, smtp: smtplib.SMTP, tls: ssl.SSLContext) -> None:
        try:
            smtp.ehlo()
            if self.url.scheme == "smtp" and self.url.params.get("tls") != "none":
                if not smtp.has_extn("starttls"):
                    # Outbound case mail must be encrypted: fail closed, never fall back to plaintext.
                    raise MailConfigError(
                        f"{self.label}: the server does not offer STARTTLS; refusing to send without "
                        "TLS (use smtps:// or enable STARTTLS)"
                    )
                smtp.starttls(context=tls)
                smtp.ehlo()
            if self.url.user:
                self._login(smtp, self.url.user)
        except ssl.SSLCertVerificationError as exc:
            raise self._cert_error(exc) from None
        except smtplib.SMTPResponseException as exc:
            raise _classify(self.label, exc.smtp_code, exc.smtp_error) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise TransientMailError(f"{self.label}: {exc}") from None

    def _login(self, smtp: smtplib.SMTP, user: str) -> None:
        try:
            if self.mail.auth in ("xoauth2", "oauth"):
                token = self._tokens.token()
                blob = f"user={user}\x01auth=Bearer {token}\x01\x01"
                # After a failed XOAUTH2 the server sends an error challenge; answering "" ends it.
                smtp.auth("XOAUTH2", lambda challenge=None: "" if challenge else blob)
            else:
                password = self.ctx.sender_password
                if not password:
                    raise MailConfigError(f"{self.label}: no password (set CSPRBOT_SENDER_PASSWORD)")
                smtp.login(user, password)
        except smtplib.SMTPAuthenticationError as exc:
            reply = _text(exc.smtp_code, exc.smtp_error)
            if 400 <= exc.smtp_code < 500:  # 454: temporary authentication failure
                raise TransientMailError(f"{self.label}: {reply}") from None
            raise MailConfigError(f"{self.label}: login refused ({reply})") from None
        except smtplib.SMTPNotSupportedError:
            raise MailConfigError(f"{self.label}: no AUTH offered; drop the user from the URL") from None

    def _cert_error(self, exc: ssl.SSLCertVerificationError) -> MailConfigError:
        return MailConfigError(
            f"{self.label}: server certificate not trusted ({exc.verify_message}); set mail.ca_file"
        )

    def _session(self) -> tuple[smtplib.SMTP, bool]:
        """The connection and whether it was reused (a reused one may have been dropped meanwhile)."""
        if self._smtp is not None:
            if time.monotonic() - self._last_used < self._noop_after:
                return self._smtp, True
            try:
                if self._smtp.noop()[0] == 250:
                    return self._smtp, True
            except (OSError, smtplib.SMTPException):
                pass
            self.close()
        self._smtp = self._connect()
        return self._smtp, False

    # -- Sender ---------------------------------------------------------------------------------
    def check(self) -> None:
        self._session()

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        if not recipients:
            raise PermanentMailError(f"{self.label}: {idem_key}: no recipients")
        smtp, reused = self._session()
        try:
            self._transaction(smtp, envelope_from, recipients, raw)
        except _Dropped as exc:
            self.close()
            if not reused:
                raise exc.error(self.label) from None
            # Dropped before DATA on a reused connection: nothing was sent, so one retry is safe.
            smtp, _ = self._session()
            try:
                self._transaction(smtp, envelope_from, recipients, raw)
            except _Dropped as exc2:
                self.close()
                raise exc2.error(self.label) from None
        except (TransientMailError, PermanentMailError, SenderRefusedError):
            self._reset_or_close()
            raise
        self._last_used = time.monotonic()
        log.info("%s: sent %s to %d recipient(s)", self.label, idem_key, len(recipients))

    def _transaction(self, smtp: smtplib.SMTP, sender: str, recipients: list[str], raw: bytes) -> None:
        options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") and not raw.isascii() else []
        if not (sender.isascii() and all(r.isascii() for r in recipients)):
            if not smtp.has_extn("smtputf8"):
                raise PermanentMailError(f"{self.label}: non-ASCII address, and the server lacks SMTPUTF8")
            options.append("SMTPUTF8")  # RFC 6531
        try:
            code, reply = smtp.mail(sender, options)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise _Dropped(str(exc)) from None
        if code == 421:
            raise _Dropped(_text(code, reply))
        if 400 <= code < 500:
            raise SenderDeferredError(f"{self.label}: server answered {_text(code, reply)} at MAIL FROM:<{sender}>")
        if code >= 500:  # our sender, not this mail: parking it would park every mail (fix23d)
            raise SenderRefusedError(f"{self.label}: server answered {_text(code, reply)} at MAIL FROM:<{sender}>")
        if code != 250:
            raise _classify(self.label, code, reply, f"MAIL FROM:<{sender}>")
        try:
            refused = {}
            for rcpt in recipients:
                code, reply = smtp.rcpt(rcpt)
                if code not in (250, 251):
                    refused[rcpt] = (code, reply)
            if refused:
                # all or nothing: the outbox retries or parks the whole item, never half of it
                codes = [c for c, _ in refused.values()]
                detail = "; ".join(f"{r}: {_text(c, t)}" for r, (c, t) in refused.items())
                if 421 in codes:  # the server is closing the connection: maybe not this recipient's doing
                    raise _Dropped(detail, at_rcpt=True)
                if all(400 <= c < 500 for c in codes):
                    raise RecipientDeferredError(f"{self.label}: recipient(s) deferred: {detail}")
                if all(c >= 500 for c in codes):
                    raise RecipientRefusedError(f"{self.label}: recipient(s) refused: {detail}")
                raise PermanentMailError(f"{self.label}: recipient(s) refused: {detail}")
            # smtplib dot-stuffs, but fixes line ends only for str, never for bytes: SMTP needs CRLF
            # (RFC 5321 2.3.8), and a LF-only message would reach the server as one 1000+ byte line.
            code, reply = smtp.data(to_crlf(raw))
        except smtplib.SMTPResponseException as exc:
            raise _at_data(self.label, recipients, exc.smtp_code, exc.smtp_error, "DATA") from None
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            # after MAIL FROM the outcome is unknown: retrying may duplicate, but losing is worse
            raise TransientMailError(f"{self.label}: connection lost mid-transaction ({exc})") from None
        if code != 250:
            raise _at_data(self.label, recipients, code, reply, "end of DATA")

    def _reset_or_close(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


class _Dropped(Exception):
    """The server closed a connection before the transaction began."""

    def __init__(self, detail: str, at_rcpt: bool = False) -> None:
        super().__init__(detail)
        self.at_rcpt = at_rcpt

    def error(self, label: str) -> TransientMailError:
        if self.at_rcpt:  # answered to this recipient: a 421 that lasts is counted against the address
            return RecipientClosedError(f"{label}: connection closed at RCPT ({self})")
        return TransientMailError(f"{label}: connection lost ({self})")


def _text(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}"


def _classify(
    label: str, code: int, reply: bytes | str, stage: str = ""
) -> TransientMailError | PermanentMailError:
    """RFC 5321 4.2.1: 4yz is a transient failure, 5yz a permanent one."""
    where = f" at {stage}" if stage else ""
    message = f"{label}: server answered {_text(code, reply)}{where}"
    if 400 <= code < 500 or code < 400:  # an unexpected 2xx/3xx: treat as transient, not lost
        return TransientMailError(message)
    return PermanentMailError(message)


def _at_data(
    label: str, recipients: list[str], code: int, reply: bytes | str, stage: str
) -> TransientMailError | PermanentMailError:
    """A reply to DATA or at its end. The server took the connection, MAIL FROM and RCPT, so a 4xx here is about
    this message and its one recipient (a scanner down, the recipient's queue full), not the server: only this
    mail waits and the address's trouble is counted as for a 4xx at RCPT (round 22 B3: every pass stopped at it
    and nobody was told). A 421 still closes the connection and stops the pass. A 5xx is counted against the
    address as for a 5xx at RCPT (stranger round 24 B2: a transport rule refusing every mail to the police at end
    of DATA was recorded nowhere, so nobody was told); the reply's code stays in the text."""
    who = ", ".join(recipients)
    if 400 <= code < 500 and code != 421:
        return RecipientDeferredError(f"{label}: recipient(s) deferred at {stage}: {who}: {_text(code, reply)}")
    if code >= 500:
        return RecipientRefusedAtDataError(f"{label}: recipient(s) refused at {stage}: {who}: {_text(code, reply)}")
    return _classify(label, code, reply, stage)


def to_crlf(raw: bytes) -> bytes:
    """Every line end as CRLF, whatever the input used (LF from email.policy.default, CRLF, or a mix)."""
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")
