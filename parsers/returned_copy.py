"""The returned copy in a delivery-failure report's text forms, found cheaply, and the report cut to its headers.

A multipart/report returns our mail as a message/rfc822 part, which parsers/automatic.py cuts to its header block.
Many mail systems send the copy otherwise (stranger round 14, break 4): pasted into one text part below a line of
their own (qmail "--- Below this line is a copy of the message.", Exim "------ This is a copy of the message,
including all the headers. ------", old Postfix "--- Undelivered message follows ---", Sendmail "----- Original
message follows -----" / "----- Unsent message follows -----" / "----- Message header follows -----", Google's
plain "----- Original message -----", Exchange's "Original message headers:"), or attached as a file
(Exchange's `original.eml` as application/octet-stream, base64 or not). Read whole, the pasted copy of our routing
mail reads as a referral: a bounce of it was quarantined and the co-ordinator told, once per bounce.

Here the copy is located by offsets (parsers.mimescan; only the text part holding it, or the head of the attached
file, is decoded, within a bound), its header block read, and the report rewritten with the copy replaced by a
text/rfc822-headers part holding that block, the shape every report reader already knows. Whether the copy is
ours (its Message-ID one csprbot sent) is the caller's to judge (bot/bounces.py): this module only finds it.
Pure: bytes in, bytes out.
"""

from __future__ import annotations

import base64
import hashlib
import quopri
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from parsers.headerbound import POLICY
from parsers.mimescan import Part, header_end, scan

TEXT_WINDOW = 64 * 1024  # where in the text part the separator line may be (the report's own text comes first)
HEADER_BYTES = 64 * 1024  # the copy's header block (a long route's Received lines)
FILE_HEAD = 96 * 1024  # the head of an attached copy decoded to find its header block
MAX_PARTS = 12  # as parsers/automatic.py: a report has a few parts

# The line a mail system writes above the copy it returns (see the module's docstring), whatever dashes surround it.
_SEPARATOR = re.compile(
    rb"^[ \t]*-*[ \t]*(?:below this line is a copy of the message\.?|"
    rb"this is a copy of the message(?:'s headers|, including all the headers)?\.?|"
    rb"(?:original|undelivered|unsent|returned) message(?: header)?s? (?:follows?|below)\.?|"
    rb"message headers? follows?|original message(?: headers)?:?|"
    rb"the original message (?:was|is) (?:attached|below|as follows):?)[ \t]*-*[ \t]*\r?$", re.I | re.M)
# Lines a mail system writes between its separator and the copy (Exim says how much of a long body it kept).
_BETWEEN = re.compile(rb"^[ \t]*(?:-{3,}.*|)\r?$")
_FIELD = re.compile(rb"^[!-9;-~]+[ \t]*:")
_FILE = re.compile(r"\.eml$", re.I)
_TEXT_ENCODINGS = ("", "7bit", "8bit", "binary", "quoted-printable", "base64")
_REPLACED = (b"content-type", b"content-transfer-encoding", b"mime-version")


@dataclass(frozen=True)
class Copy:
    """The returned copy: its header block, and what names it. `part`: the part that held it; `above`: for a
    pasted copy, the report's own text above the separator (decoded), None for an attached file."""

    headers: bytes
    message_id: str
    recipients: tuple[str, ...]
    sender: str
    part: Part
    above: bytes | None
    form: str  # how it was returned, for the record: "pasted below the report's text" / "attached as a file"


def find(raw: bytes) -> Copy | None:
    """The copy a text-form delivery report returns (the first part that holds one), or None."""
    parts = scan(raw, max_parts=MAX_PARTS + 1)
    if len(parts) > MAX_PARTS:
        return None
    for p in parts:
        if p.content_type == "text/plain" and p.filename is None and p.encoding in _TEXT_ENCODINGS:
            text = _head(raw, p, TEXT_WINDOW + HEADER_BYTES)
            found = _pasted(text)
            if found is not None:
                above, block = found
                copy = _named(block, p, above, "pasted below the report's text")
                if copy is not None:
                    return copy
        elif p.filename is not None and _FILE.search(p.filename) and p.encoding in _TEXT_ENCODINGS:
            head = _head(raw, p, FILE_HEAD)
            end, _ = header_end(head, 0)
            copy = _named(head[:end], p, None, "attached as a file")
            if copy is not None:
                return copy
    return None


def cut(raw: bytes, copy: Copy) -> bytes:
    """The report with the part holding the copy replaced by the report's own text (for a pasted copy) and a
    text/rfc822-headers part of the copy's header block: the copy's body is not handed on."""
    nl = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    headers = nl.join(line for line in copy.headers.replace(b"\r\n", b"\n").split(b"\n") if line.strip()) + nl
    returned = b"Content-Type: text/rfc822-headers" + nl + nl + headers
    if copy.above is None:
        return raw[:copy.part.start] + returned + raw[copy.part.end:]
    boundary = b"=_returned_" + hashlib.sha256(raw).hexdigest()[:24].encode()
    text = copy.above.replace(b"\r\n", b"\n").replace(b"\n", nl)
    body = (b"--" + boundary + nl + b"Content-Type: text/plain; charset=utf-8" + nl
            + b"Content-Transfer-Encoding: 8bit" + nl + nl + text + nl
            + b"--" + boundary + nl + returned + b"--" + boundary + b"--" + nl)
    head_end, _ = header_end(raw, copy.part.start)
    kept = b""
    if copy.part.start == 0:  # the report is this one part: its own header fields stay, its MIME ones are new
        kept = b"".join(line.replace(b"\n", nl) + nl for line in _fields(raw[:head_end])
                       if _name(line) not in _REPLACED)
        kept += b"MIME-Version: 1.0" + nl
    mime = b'Content-Type: multipart/mixed; boundary="' + boundary + b'"' + nl + nl
    return raw[:copy.part.start] + kept + mime + body + raw[copy.part.end:]


def _head(raw: bytes, p: Part, limit: int) -> bytes:
    """The first `limit` bytes of a part's content, decoded from its transfer encoding (only that much)."""
    if p.encoding == "base64":
        encoded = re.sub(rb"[^A-Za-z0-9+/=]", b"", raw[p.body_start:min(p.end, p.body_start + limit * 3 // 2)])
        encoded = encoded[:len(encoded) // 4 * 4]
        try:
            return base64.b64decode(encoded, validate=False)[:limit]
        except ValueError:
            return b""
    body = raw[p.body_start:min(p.end, p.body_start + limit * 2)]
    if p.encoding == "quoted-printable":
        body = quopri.decodestring(body)
    return body[:limit]


def _pasted(text: bytes) -> tuple[bytes, bytes] | None:
    """(the report's own text above the separator, the copy's header block) for the first separator within the
    window that a header block follows."""
    for m in _SEPARATOR.finditer(text, 0, TEXT_WINDOW):
        lines = text[m.end():].split(b"\n")
        i = 1  # past the separator line's own line break
        while i < len(lines) and i < 6 and _BETWEEN.match(lines[i]) and not _FIELD.match(lines[i]):
            i += 1
        block: list[bytes] = []
        size = 0
        for line in lines[i:]:
            size += len(line) + 1
            if size > HEADER_BYTES:
                return None
            if not ((line.startswith((b" ", b"\t")) and block) or _FIELD.match(line)):
                break
            block.append(line)
        if block:
            return text[:m.end()], b"\n".join(block)
    return None


def _named(block: bytes, p: Part, above: bytes | None, form: str) -> Copy | None:
    """A Copy when the header block names a message (its Message-ID), else None."""
    fields = _parse(block)
    if fields is None:
        return None
    try:
        mid = "".join(re.sub(r"\([^()]*\)", "", str(fields.get("Message-ID", "") or "")).split())
        rcpts = tuple(a for _, a in getaddresses([str(v) for v in fields.get_all("To", []) or []]) if a)
        sender = next((a.lower() for _, a in getaddresses([str(fields.get("From", "") or "")]) if a), "")
    except Exception:  # a field the email package cannot read: no copy anyone can match
        return None
    if not mid:
        return None
    return Copy(block, mid, rcpts, sender, p, above, form)


def _parse(block: bytes) -> Message | None:
    try:
        return BytesHeaderParser(policy=POLICY).parsebytes(block.replace(b"\r\n", b"\n") + b"\n\n")
    except Exception:  # a header block the email package cannot split
        return None


def _fields(head: bytes) -> list[bytes]:
    """A header block's fields, each with its folded lines, line endings dropped."""
    out: list[bytes] = []
    for line in head.replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] in (b" ", b"\t") and out:
            out[-1] += b"\n" + line
        elif line.strip():
            out.append(line)
    return out


def _name(field: bytes) -> bytes:
    return field.split(b":", 1)[0].strip().lower()
