"""Encrypted and portal mail in the shapes agencies send is answered with the secure route (stranger round 13).

Through intake: Office 365 / Purview Message Encryption (NHSmail [secure] outside NHSmail), a Microsoft Information
Protection message.rpmsg, Virtru, Proofpoint's SecureMessageAtt.html and a Galaxkey .gxk, from the referrer's own
address: each is quarantined with the secure-mail reason, and the sender gets the secure-route mail, which repeats
nothing they sent (not even the subject naming the child).
"""

from __future__ import annotations

import base64
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from reliability_kit import LONDON, REFERRER, write_profile

NOW = datetime(2026, 12, 2, 10, 30, tzinfo=LONDON)
SHAPES = [
    ("You've received an encrypted message from {who}\n\nTo view your message\nSave and open the attachment "
     "(message.html), and follow the instructions.\n\nMessage encryption by Microsoft Office 365",
     [("message.html", "text/html", b"<html><body>To view this message open message.html. Protected by Microsoft "
                                    b"Office 365 Message Encryption</body></html>")]),
    ("", [("message.rpmsg", "application/x-microsoft-rpmsg-message", b"\x76\xe8\x04\x60" + bytes(200))]),
    ("{who} has sent you a secure email using Virtru.\nUnlock message: https://secure.virtru.com/start", []),
    ("Please see attached.", [("SecureMessageAtt.html", "text/html", b"<html><form>Click to read</form></html>")]),
    ("Referral attached.", [("secured.gxk", "application/octet-stream", b"GXK" + bytes(300))]),
]


def _mail(i: int, text: str, attachments: list[tuple[str, str, bytes]]) -> bytes:
    out = (f"From: Sam Example <{REFERRER}>\r\nTo: csprbot@nsscp.example.gov.uk\r\nSubject: Referral: Jane Child\r\n"
           f"Date: {format_datetime(NOW)}\r\nMessage-ID: <secure-{i}@csc.example.gov.uk>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=BB\r\n\r\n")
    if text:
        out += f"--BB\r\nContent-Type: text/plain\r\n\r\n{text.format(who=REFERRER)}\r\n"
    for name, ctype, data in attachments:
        out += (f"--BB\r\nContent-Type: {ctype}\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n{base64.encodebytes(data).decode()}\r\n")
    return (out + "--BB--\r\n").encode()


def _app(tmp: Path) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"'})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(NOW), env={})


def test_vendor_encrypted_mail_is_named_and_the_sender_asked_to_use_the_secure_route(tmp_path: Path) -> None:
    from bot.mail.maildir import deliver

    for i, (text, attachments) in enumerate(SHAPES):
        deliver(tmp_path / "inbox", _mail(i, text, attachments))
    app = _app(tmp_path)
    outcomes = app.intake()
    app.deliver()
    app.close()
    assert [o.status for o in outcomes] == ["quarantined"] * len(SHAPES)
    assert all(o.detail.startswith("secure mail:") for o in outcomes), [o.detail for o in outcomes]
    replies = [f.read_text() for f in sorted((tmp_path / "outbox" / "new").glob("*"))
               if f"To: {REFERRER}" in f.read_text()]
    assert len(replies) == len(SHAPES)
    for reply in replies:
        assert "secure route" in reply
        assert "Jane" not in reply
