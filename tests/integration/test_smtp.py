"""SmtpSender against a real aiosmtpd sink on loopback: TLS, AUTH, and how failures are classified.

A server that does not offer STARTTLS on an smtp:// URL raises MailConfigError (stop the sender and tell
the operator), not PermanentMailError: the message is fine, the configuration is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.mail.base import MailConfigError, PermanentMailError, TransientMailError
from bot.mail.smtp import SmtpSender
from bot.mail.urls import MailContext, open_sender
from tests.servers import MemoryState, make_settings, raw_message
from tests.servers.smtp_sink import SmtpSink

pytestmark = pytest.mark.servers

Sink = Callable[..., SmtpSink]
Sender = Callable[..., SmtpSender]
FROM, TO = "bot@example.test", ["coordinator@nhs.net", "chair@nhs.net"]


def test_starttls_and_auth_deliver_the_exact_bytes(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True, require_starttls=True, require_auth=True, auth_require_tls=True)
    sender = smtp_sender(sink)
    raw = raw_message("routing NS-CSPR-2026-004", body="Line one.\r\n.leading dot\r\nCaf\u00e9\r\n")
    raw = raw.replace(b"charset=utf-8", b"charset=utf-8\r\nContent-Transfer-Encoding: 8bit")
    sender.send(FROM, TO, raw, "outbox:1")
    (got,) = sink.wait_for(1)
    assert got.data == raw
    assert (got.mail_from, got.rcpt_tos) == (FROM, TO)
    assert got.auth_user == "bot@example.test"
    assert got.tls


def test_lf_only_mail_goes_out_with_crlf_line_ends(smtp_sink: Sink, smtp_sender: Sender) -> None:
    # What email.policy.default's as_bytes() produces: LF line ends, and a long body. Sent as it is,
    # the server would see a single 1000+ byte line and refuse it with "500 Line too long".
    sink = smtp_sink(starttls=True)
    sender = smtp_sender(sink)
    body = "".join(f"line {i} of a long routed referral\n" for i in range(100))
    raw = raw_message("routing", body=body).replace(b"\r\n", b"\n")
    sender.send(FROM, TO[:1], raw, "outbox:lf")
    (got,) = sink.wait_for(1)
    assert got.data == raw.replace(b"\n", b"\r\n")
    assert b"line 99 of a long routed referral" in got.data


def test_connection_is_reused_across_sends(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True)
    sender = smtp_sender(sink)
    sender.send(FROM, TO[:1], raw_message("one"), "k1")
    first = sender._smtp
    sender.send(FROM, TO[:1], raw_message("two"), "k2")
    assert sender._smtp is first
    assert len(sink.wait_for(2)) == 2


def test_reconnects_when_the_server_dropped_an_idle_connection(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True)
    sender = smtp_sender(sink, noop_after=0.0)  # always NOOP-check a reused connection
    sender.send(FROM, TO[:1], raw_message("before"), "k1")
    sink.stop()
    sink.start()  # same port: the old connection is gone
    sender.send(FROM, TO[:1], raw_message("after"), "k2")
    assert len(sink.wait_for(2)) == 2


def test_server_without_starttls_is_refused(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=False)
    sender = smtp_sender(sink)
    with pytest.raises(MailConfigError, match="STARTTLS"):
        sender.send(FROM, TO, raw_message("must not leak"), "k")
    assert sink.messages == []


def test_plaintext_only_on_loopback(smtp_sink: Sink, smtp_sender: Sender) -> None:
    ctx = MailContext(settings=make_settings(), state=MemoryState(), sender_password="x")
    with pytest.raises(MailConfigError, match="loopback"):
        open_sender("smtp://bot@mail.example.org:587?tls=none", ctx)
    sink = smtp_sink(starttls=False)
    smtp_sender(sink, tls="none").send(FROM, TO, raw_message("test only"), "k")
    assert len(sink.wait_for(1)) == 1


def test_implicit_tls(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(implicit_tls=True)
    raw = raw_message("over smtps")
    smtp_sender(sink, tls="implicit").send(FROM, TO, raw, "k")
    (got,) = sink.wait_for(1)
    assert got.data == raw and got.tls


def test_untrusted_certificate_is_a_config_error(smtp_sink: Sink) -> None:
    sink = smtp_sink(starttls=True)
    ctx = MailContext(settings=make_settings(), state=MemoryState(), sender_password="botpw")
    sender = open_sender(sink.url(), ctx)
    with pytest.raises(MailConfigError, match="certificate"):
        sender.send(FROM, TO, raw_message("x"), "k")


def test_wrong_password_is_a_config_error(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True)
    with pytest.raises(MailConfigError, match="login refused") as err:
        smtp_sender(sink, password="wrong-pw").check()
    assert "wrong-pw" not in str(err.value)


def test_stopped_server_is_transient(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True)
    sink.stop()
    with pytest.raises(TransientMailError):
        smtp_sender(sink).send(FROM, TO, raw_message("x"), "k")


def test_4xx_is_transient(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True, data_reply="451 4.3.0 try later")
    sender = smtp_sender(sink)
    with pytest.raises(TransientMailError, match=re.escape("451 4.3.0 try later")):
        sender.send(FROM, TO, raw_message("x"), "k")


def test_5xx_recipient_is_permanent_with_the_reply_text(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True, rcpt_replies={"nobody@nhs.net": "550 5.1.1 no such user"})
    sender = smtp_sender(sink)
    with pytest.raises(PermanentMailError, match=re.escape("550 5.1.1 no such user")):
        sender.send(FROM, ["nobody@nhs.net"], raw_message("x"), "k")


def test_one_refused_recipient_sends_to_none(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True, rcpt_replies={"nobody@nhs.net": "550 5.1.1 no such user"})
    sender = smtp_sender(sink)
    with pytest.raises(PermanentMailError, match=re.escape("nobody@nhs.net")):
        sender.send(FROM, [TO[0], "nobody@nhs.net"], raw_message("x"), "k")
    # the connection is still usable after RSET
    sender.send(FROM, TO[:1], raw_message("next"), "k2")
    (got,) = sink.wait_for(1)
    assert got.rcpt_tos == TO[:1]


def test_5xx_at_data_is_permanent(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True, data_reply="554 5.6.0 message content rejected")
    with pytest.raises(PermanentMailError, match=re.escape("554 5.6.0")):
        smtp_sender(sink).send(FROM, TO, raw_message("x"), "k")


def test_dropped_reused_connection_is_retried_once_before_data(smtp_sink: Sink, smtp_sender: Sender) -> None:
    sink = smtp_sink(starttls=True)
    sender = smtp_sender(sink)  # no NOOP check: the drop shows up at MAIL FROM
    sender.send(FROM, TO[:1], raw_message("before"), "k1")
    sink.stop()
    sink.start()
    sender.send(FROM, TO[:1], raw_message("after"), "k2")
    assert len(sink.wait_for(2)) == 2


def _fake_msal(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    import msal

    class App:
        def __init__(self, client_id: str, authority: str, client_credential: str) -> None:
            pass

        def acquire_token_for_client(self, scopes: list[str]) -> dict[str, str]:
            assert scopes == ["https://outlook.office365.com/.default"]
            return {"access_token": token, "token_type": "Bearer"}

    monkeypatch.setattr(msal, "ConfidentialClientApplication", App)


OAUTH = {"auth": "xoauth2", "oauth": {"tenant_id": "t", "client_id": "c"}}


def test_xoauth2_login(smtp_sink: Sink, smtp_sender: Sender, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_msal(monkeypatch, "tok-123")
    sink = smtp_sink(starttls=True, auth={}, xoauth2={"bot@example.test": "tok-123"})
    smtp_sender(sink, password=None, mail=OAUTH, client_secret="s").send(FROM, TO, raw_message("x"), "k")
    assert sink.wait_for(1)[0].auth_user == "bot@example.test"


def test_xoauth2_refused_token_is_a_config_error(
    smtp_sink: Sink, smtp_sender: Sender, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_msal(monkeypatch, "expired")
    sink = smtp_sink(starttls=True, auth={}, xoauth2={"bot@example.test": "tok-123"})
    sender = smtp_sender(sink, password=None, mail=OAUTH, client_secret="s")
    with pytest.raises(MailConfigError, match="login refused"):
        sender.check()
