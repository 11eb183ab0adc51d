"""An SMTP sink for tests: aiosmtpd on 127.0.0.1 in a thread, keeping every message it accepts.

    with SmtpSink(starttls=True, auth={"bot@example.test": "botpw"}) as sink:
        ...                                   # send to 127.0.0.1:sink.port, CA file sink.cert
        got = sink.wait_for(1)                # list[Received]: .mail_from .rcpt_tos .data .auth_user .tls

`rcpt_replies={"x@y": "550 5.1.1 no such user"}` and `data_reply="451 4.3.0 try later"` (or
`data_replies={"x@y": ...}`, at end of DATA for one recipient, or `mail_reply="451 4.7.1 ..."` to MAIL FROM)
make the sink refuse, to test how the sender classifies failures; `xoauth2={"user": "token"}` adds AUTH XOAUTH2;
`lmtp_port` forwards accepted mail into Dovecot.
Adapted from the verified recipe in /work/shared/mailservers; the project does not depend on that folder.
"""

from __future__ import annotations

import base64
import email
import email.policy
import logging
import smtplib
import socket
import ssl
import subprocess
import tempfile
import threading
import warnings
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def make_self_signed(directory: str) -> tuple[str, str]:
    """EC P-256 cert for localhost/127.0.0.1 through the openssl CLI (~10 ms)."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    cert, key = d / "cert.pem", d / "key.pem"
    if not cert.exists():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
    return str(cert), str(key)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    auth_user: str | None
    tls: bool
    message: EmailMessage | None = field(repr=False, default=None)


class _QuietFilter(logging.Filter):
    # aiosmtpd 1.4.6 logs a deprecation warning on every AUTH: keep test output readable
    def filter(self, record: logging.LogRecord) -> bool:
        m = record.getMessage()
        return "login_data is deprecated" not in m and "auth_require_tls == False" not in m


logging.getLogger("mail.log").addFilter(_QuietFilter())
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]
    ) -> str:
        if self.sink.mail_reply:  # the server will not take our sender now (its quota, a policy check)
            return self.sink.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        reply = self.sink.rcpt_replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.sink.data_reply:
            return self.sink.data_reply
        for rcpt in envelope.rcpt_tos:  # a reply at end of DATA for one recipient (a scanner down, its disk full)
            if reply := self.sink.data_replies.get(rcpt.lower()):
                return reply
        data: bytes = envelope.original_content or envelope.content
        if self.sink.max_size is not None and len(data) > self.sink.max_size:
            return "552 5.3.4 Message size exceeds fixed maximum message size"
        user = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        rec = Received(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            data=data,
            auth_user=user,
            # session.ssl is set by STARTTLS only; implicit TLS shows on the transport
            tls=session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None,
            message=email.message_from_bytes(data, policy=email.policy.default),  # type: ignore[arg-type]
        )
        if self.sink.lmtp_port:
            try:  # blocking inside the event loop: fine for a one-client test sink
                with smtplib.LMTP("127.0.0.1", self.sink.lmtp_port) as lmtp:
                    lmtp.sendmail(rec.mail_from, rec.rcpt_tos, data)
            except smtplib.SMTPException as exc:
                return f"451 4.3.0 LMTP forward failed: {exc}"
        self.sink._store(rec)
        return "250 2.0.0 Message accepted"


class _OAuthHandler(_Handler):
    """Adds AUTH XOAUTH2 (Microsoft/Google SASL profile) with the sink's `xoauth2` user -> token map."""

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        blob = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        fields = dict(f.split("=", 1) for f in blob.decode().split("\x01") if "=" in f)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        if self.sink.xoauth2 and self.sink.xoauth2.get(user) == token:
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        # the profile: an error challenge, the client answers empty, then 535
        await server.challenge_auth(b'{"status":"401","schemes":"bearer"}')
        return AuthResult(success=False, handled=False)  # handled=False: aiosmtpd answers 535


class SmtpSink:
    """aiosmtpd on 127.0.0.1:`port`. `starttls` offers STARTTLS, `implicit_tls` is SMTPS (465-style);
    `auth` maps user -> password (AUTH PLAIN/LOGIN, offered before TLS too unless `auth_require_tls`)."""

    def __init__(
        self,
        port: int | None = None,
        *,
        starttls: bool = False,
        implicit_tls: bool = False,
        require_starttls: bool = False,
        auth: dict[str, str] | None = None,
        require_auth: bool = False,
        auth_require_tls: bool = False,
        lmtp_port: int | None = None,
        rcpt_replies: dict[str, str] | None = None,
        data_reply: str | None = None,
        data_replies: dict[str, str] | None = None,
        mail_reply: str | None = None,
        xoauth2: dict[str, str] | None = None,
        max_size: int | None = None,
    ) -> None:
        self.port = port or free_port()
        self.auth = auth
        self.lmtp_port = lmtp_port
        self.rcpt_replies = {k.lower(): v for k, v in (rcpt_replies or {}).items()}
        self.data_reply = data_reply
        self.data_replies = {k.lower(): v for k, v in (data_replies or {}).items()}
        self.mail_reply = mail_reply  # the reply to MAIL FROM, when set
        self.xoauth2 = xoauth2
        self.max_size = max_size  # DATA larger than this is refused "552 message too big", as relays do
        self.messages: list[Received] = []
        self._cond = threading.Condition()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.cert: str | None = None
        # explicit hostname: otherwise aiosmtpd calls socket.getfqdn(), a DNS lookup
        kw: dict[str, Any] = {"server_hostname": "localhost", "data_size_limit": 64 * 1024 * 1024}
        if starttls or implicit_tls:
            self._tmp = tempfile.TemporaryDirectory(prefix="smtpsink.")
            self.cert, key = make_self_signed(self._tmp.name)
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(self.cert, key)
            if implicit_tls:
                kw["ssl_context"] = ctx
            else:
                kw["tls_context"] = ctx
                kw["require_starttls"] = require_starttls
        if auth is not None:
            kw["authenticator"] = self._authenticate
            kw["auth_required"] = require_auth
            # aiosmtpd's default (True) hides AUTH before STARTTLS
            kw["auth_require_tls"] = auth_require_tls
        self._kw = kw
        self.controller: Controller | None = None

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.auth is not None
            and self.auth.get(auth_data.login.decode()) == auth_data.password.decode()
        )
        # auth_data must be returned, or session.auth_data stays None
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def _store(self, rec: Received) -> None:
        with self._cond:
            self.messages.append(rec)
            self._cond.notify_all()

    # -- API --------------------------------------------------------------------------------------
    def start(self) -> SmtpSink:
        """Listen on `port`; after stop() this starts afresh on the same port (a "restarted server")."""
        if self.controller is None:
            handler = _OAuthHandler(self) if self.xoauth2 else _Handler(self)
            self.controller = Controller(handler, hostname="127.0.0.1", port=self.port, **self._kw)
            self.controller.start()
        return self

    def stop(self) -> None:
        """Stop listening (the port then refuses connections); safe to call twice."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def cleanup(self) -> None:
        self.stop()
        if self._tmp:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.cleanup()

    def wait_for(self, n: int, timeout: float = 5.0) -> list[Received]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.messages) >= n, timeout):
                raise TimeoutError(f"expected {n} messages, have {len(self.messages)}")
            return list(self.messages)

    def url(self, user: str | None = "bot@example.test", tls: str = "starttls") -> str:
        """A csprbot sender URL: tls is 'starttls' (smtp://), 'implicit' (smtps://) or 'none'."""
        who = f"{user.replace('@', '%40')}@" if user else ""
        if tls == "implicit":
            return f"smtps://{who}127.0.0.1:{self.port}"
        return f"smtp://{who}127.0.0.1:{self.port}" + ("?tls=none" if tls == "none" else "")
