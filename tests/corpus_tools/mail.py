"""Assemble .eml messages the way Outlook, Gmail and Exchange send them (fixed dates and ids: reproducible)."""

from __future__ import annotations

import email.policy
import zlib
from email.message import EmailMessage

_counter = [0]


def message(
    sender: str, subject: str, body: str | None = None, *, html: str | None = None, to: str = "cspr@n-somerset.gov.uk",
    attachments: list[tuple[str, bytes, str]] | None = None, headers: dict[str, str] | None = None,
    attached_messages: list[EmailMessage] | None = None,
) -> EmailMessage:
    """A message with optional HTML alternative, attachments (name, data, mime type) and attached emails."""
    _counter[0] += 1
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = f"Mon, {(_counter[0] % 27) + 1:02d} Feb 2026 10:{_counter[0] % 60:02d}:00 +0000"
    msg["Message-ID"] = f"<corpus.{_counter[0]}.{zlib.crc32(subject.encode()):08x}@corpus.invalid>"
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body if body is not None else "")
    if html is not None:
        if body is None:
            msg.clear_content()
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    for name, data, ctype in attachments or []:
        main, sub = ctype.split("/", 1)
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    for inner in attached_messages or []:
        msg.add_attachment(inner)
    return msg


def to_bytes(msg: EmailMessage) -> bytes:
    """Serialise with fixed MIME boundaries, so regenerating the corpus changes no bytes."""
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_corpus_{zlib.crc32(str(part['Message-ID'] or msg['Message-ID']).encode()):08x}_{n}")
    return msg.as_bytes(policy=email.policy.SMTP)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
