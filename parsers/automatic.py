"""Unauthenticated mail marked automatic, judged from its MIME structure alone: a delivery report or a short
automatic reply is read cheaply; anything carrying more is not read at all.

Mail that fails sender authentication is quarantined before it is read (bot/intake.py): nothing in it can be acted
on. Mail marked automatic (RFC 3834) is the one exception, read only to tell a bounce or an out-of-office (ignored)
from anything else (quarantined), and no document ever decides that. So the parts are located by their offsets
(parsers.mimescan, nothing decoded) and their own headers: short body text, inline images (which the parser never
opens) and a report's own parts are read; a report's returned message is kept as its header block only (a bounce
of our routing mail returns the referral with its Word form: ours, not read again), and a bounce in one text part
(qmail, older Exim) up to its first 32 KB; any other part (a document, an archive, a forwarded message, a blob) or
more text than an automatic reply holds, and the mail is not read. A
stranger's flood of slow-to-read mail marked automatic then costs a scan each, not a parse (stranger round 12).
Pure: bytes in, bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser

from parsers.autoreply import mail_system
from parsers.headerbound import POLICY
from parsers.mimescan import Part, header_end, scan

TEXT_BYTES = 32 * 1024  # all body text together: an Outlook HTML out-of-office is 5-15 KB, a DSN's text 1-5 KB
REPORT_PART_BYTES = 32 * 1024  # one delivery-status or returned-headers part: a few hundred bytes a recipient
RETURNED_HEADER_BYTES = 64 * 1024  # the returned message's header block (the Received lines of a long route)
SIGNATURE_BYTES = 16 * 1024  # a detached S/MIME signature (a certificate chain is 3-8 KB)
READ_BYTES = 512 * 1024  # what the parser is handed in all, inline logos included
MAX_PARTS = 12  # a DSN has 3 leaf parts, an out-of-office with its logos 2-5

_TEXT = ("text/plain", "text/html")
_REPORT = ("message/delivery-status", "message/global-delivery-status", "message/disposition-notification",
           "message/global-disposition-notification", "text/rfc822-headers", "message/global-headers")
_RETURNED = ("message/rfc822", "message/global")
_SIGNATURE = ("application/pkcs7-signature", "application/x-pkcs7-signature")
_UNENCODED = ("", "7bit", "8bit", "binary")  # the only encodings RFC 2046 allows a message/rfc822 part
_REPLACED = (b"content-type", b"content-transfer-encoding", b"content-disposition")


@dataclass(frozen=True)
class Reading:
    """`raw`: the bytes to parse (the message, its returned message cut to its headers), or None: not read.
    `why`: why not, naming a part by its place and type only (a file name may name a child)."""

    raw: bytes | None
    why: str = ""


def _fields(raw: bytes, start: int, end: int) -> Message | None:
    try:
        return BytesHeaderParser(policy=POLICY).parsebytes(raw[start:end] + b"\n\n")
    except Exception:  # a header block the email package cannot split: nothing an automatic reply needs
        return None


def reading(raw: bytes, sender: str | None) -> Reading:
    """What of this unauthenticated mail marked automatic may be parsed (see the module's docstring)."""
    parts = scan(raw, max_parts=MAX_PARTS + 1)
    if len(parts) > MAX_PARTS:
        return Reading(None, f"more than {MAX_PARTS} parts")
    top_end, _ = header_end(raw, 0)
    top = _fields(raw, 0, top_end)
    # A report by its structure, or from a mail system's own address (an Exchange NDR is multipart/mixed).
    report = ((top is not None and top.get_content_type() == "multipart/report")
              or any(p.content_type in _REPORT for p in parts) or mail_system(sender))
    if report and len(parts) == 1 and parts[0].content_type == "text/plain" and parts[0].size > TEXT_BYTES:
        # A bounce in one text part (qmail, older Exim) says what failed first, then pastes the returned copy of
        # our mail: its first lines are read, up to a line break (a whole base64 or quoted-printable line).
        p = parts[0]
        cut = raw.rfind(b"\n", p.body_start, p.body_start + TEXT_BYTES)
        return Reading(raw[:cut + 1] if cut >= 0 else raw[:p.body_start])
    text = 0
    returned: list[Part] = []
    for p in parts:
        what = _kind(raw, p, report and not returned)
        if what == "text":
            text += p.size
            if text > TEXT_BYTES:
                return Reading(None, f"more than {TEXT_BYTES // 1024} KB of text")
        elif what == "returned":
            returned.append(p)
        elif what is None:
            return Reading(None, f"part {p.index + 1} ({p.content_type}) is not what an automatic reply or a "
                                 "delivery report carries")
    out = raw
    for p in returned:  # at most one: a report returns the one message it is about
        headers = _returned_headers(raw, p)
        if headers is None:
            return Reading(None, f"the returned message's header block is over {RETURNED_HEADER_BYTES // 1024} KB")
        out = raw[:p.body_start] + headers + raw[p.end:]
    if len(out) > READ_BYTES:
        return Reading(None, f"over {READ_BYTES // 1024} KB without its returned message")
    return Reading(out)


def _kind(raw: bytes, p: Part, may_return: bool) -> str | None:
    """"text" (read, counted), "skip" (never opened, or small), "returned" (a report's returned message), or
    None: a part that no automatic reply or delivery report carries."""
    head_end, _ = header_end(raw, p.start)
    fields = _fields(raw, p.start, min(head_end, p.body_start))
    disposition = fields.get_content_disposition() if fields is not None else "attachment"
    # A multipart left whole (its boundary missing or cut, or nested past the bound) is read as text is.
    if (p.content_type in _TEXT and p.filename is None and disposition != "attachment") \
            or p.content_type.startswith("multipart/"):
        return "text"
    if p.content_type.startswith("image/") and fields is not None and (
            disposition == "inline" or fields.get("Content-ID") is not None):
        return "skip"  # a logo in the body: the parser never opens it
    if (p.content_type in _REPORT and p.size <= REPORT_PART_BYTES) or (
            p.content_type in _SIGNATURE and p.size <= SIGNATURE_BYTES):
        return "skip"
    if p.content_type in _RETURNED and may_return and p.encoding in _UNENCODED:
        return "returned"
    return None


def _returned_headers(raw: bytes, part: Part) -> bytes | None:
    """The returned message as its header block over an empty text body: which message bounced (and its case) is
    in its headers; its body is our own mail, never read again."""
    end, _ = header_end(raw, part.body_start)
    end = min(end, part.end)
    if end - part.body_start > RETURNED_HEADER_BYTES:
        return None
    nl = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    kept: list[bytes] = []
    keep = True
    for line in raw[part.body_start:end].replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] not in (b" ", b"\t"):  # a field's first line; folded lines follow their field
            keep = line.split(b":", 1)[0].strip().lower() not in _REPLACED
        if keep and line.strip():
            kept.append(line)
    return b"".join(line + nl for line in kept) + b"Content-Type: text/plain; charset=us-ascii" + nl + nl
