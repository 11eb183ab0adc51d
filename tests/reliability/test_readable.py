"""Readable mail reported well (issue #10): mislabelled charsets, unnamed Word forms, S/MIME, secure portals.

Generated inputs: children's names with accents in UTF-8 bodies labelled as single-byte charsets; the Word
form as application/octet-stream with no file name; the referral opaque-signed (CMS signed-data, built
with the `cryptography` package's PKCS#7 builder); S/MIME encrypted mail and secure-portal notices, whose
senders are asked - with no personal data - to use the secure route.
"""

from __future__ import annotations

import datetime as dt
import email.policy
from datetime import date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, REFERRER, referral, write_profile

from parsers import parse_message
from parsers.message import walk_message

SENT = datetime(2026, 11, 17, 9, 30, tzinfo=LONDON)
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
ACCENTED = "éèêëáàâäóòôöúùûüíìîïñçłśźżøåæœŠŽ"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(first=st.text(alphabet=ACCENTED + "abcdefgh", min_size=2, max_size=8).filter(lambda t: not t.isascii()),
       label=st.sampled_from(["iso-8859-1", "ISO-8859-15", "windows-1252", "us-ascii", "latin1"]))
def test_utf8_labelled_single_byte_is_repaired_and_warned(first: str, label: str) -> None:
    name = f"{first.title()} Example"
    body = f"Referral for a CSPR.\nName of child: {name}\nDate of birth: 01/02/2020\n".encode()
    raw = (b"From: a@csc.example.gov.uk\nTo: b@nsscp.example.gov.uk\nSubject: referral\nMIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=" + label.encode() + b"\nContent-Transfer-Encoding: 8bit\n\n" + body)
    walked = walk_message(raw)
    assert name in walked.body, walked.body
    assert any("was UTF-8 (repaired)" in w for w in walked.warnings)


def _form() -> bytes:
    msg = message_from_bytes(referral("<f@csc.example.gov.uk>", SENT, date(2026, 11, 16)), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    part = next(p for p in msg.iter_attachments() if (p.get_filename() or "").endswith(".docx"))
    data = part.get_content()
    assert isinstance(data, bytes)
    return data


def _envelope(body_entity: EmailMessage | None = None) -> EmailMessage:
    m = EmailMessage()
    m["From"] = f"Sam Example <{REFERRER}>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "CSPR referral"
    m["Date"] = email.utils.format_datetime(SENT)
    m["Message-ID"] = "<readable@csc.example.gov.uk>"
    return m


@given(ctype=st.sampled_from([("application", "octet-stream"), ("application", "x-unknown"),
                              ("application", "zip")]), named=st.sampled_from([None, "attachment", "ATT00001"]))
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_an_unnamed_word_form_is_recognised_by_content(ctype: tuple[str, str], named: str | None) -> None:
    m = _envelope()
    m.set_content("Referral attached.\n")
    m.add_attachment(_form(), maintype=ctype[0], subtype=ctype[1], filename=named)
    result = parse_message(m.as_bytes())
    assert result.kind == "referral", result.warnings


def _cert() -> tuple[Any, Any]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sam Example")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    return cert, key


def _entity() -> bytes:
    inner = EmailMessage()
    inner.set_content("Please find attached a referral for a Child Safeguarding Practice Review.\n")
    inner.add_attachment(_form(), maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="CSPR referral form.docx")
    data = inner.as_bytes()
    return data.split(b"\n", 1)[1] if data.startswith(b"MIME-Version") else data


def _smime(der: bytes, smime_type: str) -> bytes:
    m = _envelope()
    m.set_content(der, maintype="application", subtype="pkcs7-mime", filename="smime.p7m",
                  params={"smime-type": smime_type}, disposition="attachment")
    return m.as_bytes()


def test_opaque_signed_smime_is_unwrapped_and_read() -> None:
    cert, key = _cert()
    der = (pkcs7.PKCS7SignatureBuilder().set_data(_entity()).add_signer(cert, key, hashes.SHA256())
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    result = parse_message(_smime(der, "signed-data"))
    assert result.kind == "referral", result.warnings
    assert any("S/MIME signed" in w for w in result.warnings)


PORTAL = ["You have received a secure message from {org}. Click the link below to read it.",
          "{org} has sent you an encrypted email via Egress Switch. To view this secure message sign in.",
          "This is a Cisco Secure Email Registered Envelope. Open the attachment to read the message.",
          "You have been sent a secure message through ZixCorp. To read the encrypted email, click here.",
          "To view this secure message, please click https://switch.egress.com/ui/#/{org}"]


def _app(tmp: Path) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"'})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(NOW), env={})


def test_encrypted_and_portal_mail_is_named_and_the_sender_asked_to_use_the_secure_route(tmp_path: Path) -> None:
    from bot.mail.maildir import deliver

    cert, _key = _cert()
    enveloped = (pkcs7.PKCS7EnvelopeBuilder().set_data(_entity()).add_recipient(cert)
                 .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    deliver(tmp_path / "inbox", _smime(enveloped, "enveloped-data"))
    for i, text in enumerate(PORTAL):
        m = _envelope()
        del m["Message-ID"]
        m["Message-ID"] = f"<portal-{i}@csc.example.gov.uk>"
        del m["Subject"]
        m["Subject"] = "Secure message: Jane Child"
        m.set_content(text.format(org="Children's Services") + "\n")
        deliver(tmp_path / "inbox", m.as_bytes())
    app = _app(tmp_path)
    outcomes = app.intake()
    app.deliver()
    app.close()
    assert [o.status for o in outcomes] == ["quarantined"] * (1 + len(PORTAL))
    assert "S/MIME encrypted" in outcomes[0].detail
    assert all("secure-portal notice" in o.detail for o in outcomes[1:]), [o.detail for o in outcomes]
    replies = [f.read_text() for f in sorted((tmp_path / "outbox" / "new").glob("*"))
               if f"To: {REFERRER}" in f.read_text()]
    assert len(replies) == 1 + len(PORTAL)
    for reply in replies:
        assert "secure route" in reply
        assert "Jane" not in reply  # not even the sender's subject line is repeated
