"""The MIME structure of a raw message found with bytes operations only: big parts located, never decoded.

The email package holds a part's text several times over while parsing; for a 50 MB attachment that is
hundreds of MB. Here each part is a pair of offsets into the one raw buffer, so a message can be sized,
thinned (large parts withheld) or one part exported without a copy of the whole.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from email.parser import BytesHeaderParser

from parsers import limits
from parsers.headerbound import POLICY

_HEADER_SCAN = 65536  # headers longer than this are not headers


@dataclass(frozen=True)
class Part:
    """One leaf part: its headers start at `start`, its body is raw[body_start:end]."""

    index: int
    start: int
    body_start: int
    end: int
    content_type: str
    filename: str | None
    encoding: str
    size: int  # decoded size, counted without decoding (base64 carries 3 bytes in 4, less line breaks)

    @property
    def encoded_size(self) -> int:
        return self.end - self.body_start

    @property
    def name(self) -> str:
        return self.filename or f"unnamed {self.content_type} part"


def header_end(raw: bytes, start: int) -> tuple[int, int]:
    """(end of the header block, start of the body) for the part beginning at `start`."""
    window = raw[start:start + _HEADER_SCAN]
    if window.startswith((b"\r\n", b"\n")):  # no headers at all
        return start, start + (2 if window.startswith(b"\r\n") else 1)
    crlf, lf = window.find(b"\r\n\r\n"), window.find(b"\n\n")
    if crlf >= 0 and (lf < 0 or crlf <= lf):
        return start + crlf, start + crlf + 4
    if lf >= 0:
        return start + lf, start + lf + 2
    return start + len(window), start + len(window)


def _headers(raw: bytes, start: int, end: int) -> tuple[str, str | None, str, str | None]:
    """(content type, filename, transfer encoding, boundary) of one part's header block."""
    try:
        h = BytesHeaderParser(policy=POLICY).parsebytes(raw[start:end] + b"\n\n")
        ctype = h.get_content_type()
        boundary = h.get_boundary()
        filename = h.get_filename()
        cte = str(h.get("Content-Transfer-Encoding", "") or "").strip().lower()
    except Exception:  # a malformed header: the part is an opaque blob, which is what we need
        return "application/octet-stream", None, "", None
    return ctype, filename, cte, boundary


def delimited(raw: bytes, body_start: int, end: int, boundary: bytes,
              room: int | None = None) -> tuple[list[tuple[int, int, int]], tuple[int, int] | None]:
    """(cut_from, start, end) of the body parts of a multipart between body_start and end, and, when there are
    more than `room`, the span of the rest (from the line break before the first part not listed to the closing
    delimiter). `cut_from` is the line break before the part's delimiter line, which belongs to the delimiter
    (RFC 2046 5.1.1): cutting [cut_from, end) removes the part and its delimiter. The one delimiter scanner of
    both the prescan (bounds) and the scan below (sizes, thinning).

    bytes.find, not a regular expression: a lookbehind pattern over a 70 MB base64 body took seconds.
    """
    delim = b"--" + boundary
    spans: list[tuple[int, int, int]] = []
    current: tuple[int, int] | None = None  # (cut_from, start) of the part being delimited
    pos = body_start
    while True:
        at = raw.find(delim, pos, end)
        if at < 0:
            break
        pos = at + len(delim)
        if at > body_start and raw[at - 1] != 0x0A:
            continue  # not at the start of a line: part of some content
        closing = raw.startswith(b"--", pos)
        line_end = raw.find(b"\n", pos, end)
        if raw[pos + 2 * closing:end if line_end < 0 else line_end].strip():
            continue  # "--boundary-other": a longer line, not this delimiter (the email package agrees)
        brk = at - 2 if raw[at - 2:at] == b"\r\n" else at - 1 if at > body_start and raw[at - 1] == 0x0A else at
        brk = max(brk, body_start)
        if current is not None:
            spans.append((current[0], current[1], max(current[1], brk)))
        if closing:
            return spans, None
        current = (brk, end if line_end < 0 else line_end + 1)
        pos = current[1]
        if room is not None and len(spans) >= room:
            # More parts than anyone reads: the rest of this multipart, up to its closing delimiter, unread.
            close = raw.rfind(b"\n" + delim + b"--", pos, end)
            stop = end if close < 0 else close + (0 if raw[close - 1] != 0x0D else -1)
            return spans, (brk, max(brk, stop))
    if current is not None and current[1] < end:
        spans.append((current[0], current[1], end))  # no closing delimiter: the last part runs to the end
    return spans, None


def scan(raw: bytes, max_parts: int = limits.MAX_SCAN_PARTS,
         max_depth: int = limits.MAX_MULTIPART_DEPTH) -> list[Part]:
    """The leaf parts of `raw` in document order (message/rfc822 parts are leaves: kept or withheld whole)."""
    leaves: list[Part] = []
    stack: list[tuple[int, int, int]] = [(0, len(raw), 0)]
    while stack and len(leaves) < max_parts:
        start, end, depth = stack.pop()
        head_end, body_start = header_end(raw, start)
        ctype, filename, cte, boundary = _headers(raw, start, head_end)
        if ctype.startswith("multipart/") and boundary and depth < max_depth:
            children, _ = delimited(raw, min(body_start, end), end, boundary.encode("ascii", "replace"))
            stack.extend((s, e, depth + 1) for _, s, e in reversed(children))
            continue
        body_start = min(body_start, end)
        size = end - body_start
        if cte == "base64":
            breaks = raw.count(b"\n", body_start, end) + raw.count(b"\r", body_start, end)
            size = (size - breaks) * 3 // 4
        leaves.append(Part(len(leaves), start, body_start, end, ctype, filename, cte, size))
    return leaves


def decoded(raw: bytes, part: Part) -> bytes:
    """One part's content, decoded from its transfer encoding."""
    body = raw[part.body_start:part.end]
    if part.encoding == "base64":
        return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", body) + b"==", validate=False)
    if part.encoding == "quoted-printable":
        import quopri

        return quopri.decodestring(body)
    return body


def human_size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


@dataclass(frozen=True)
class Withheld:
    index: int
    name: str
    size: int


def thin(raw: bytes, budget: int, note: str = "") -> tuple[bytes, list[Withheld]]:
    """`raw` with its largest leaf parts replaced by a one-line note until it is at most `budget` bytes.

    Forms are small and bulky scans large, so withholding largest-first keeps what anyone must read.
    `note` is added to each placeholder (e.g. how to fetch the part). Deterministic: the same raw and
    budget always withhold the same parts, so a mail can list them before the thinned copy is made.
    """
    if len(raw) <= budget:
        return raw, []
    parts = scan(raw)
    nl = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    chosen: list[Part] = []
    total = len(raw)
    for part in sorted(parts, key=lambda p: (-(p.end - p.start), p.index)):
        if total <= budget or (part.end - part.start) < 512:
            break
        chosen.append(part)
        total -= part.end - part.start
    if total > budget or not parts or (len(parts) == 1 and parts[0].start == 0):
        # No structure to thin (a single huge body) or still too big: keep the top-level headers only.
        head_end, _ = header_end(raw, 0)
        top = parts[0] if parts else Part(0, 0, 0, len(raw), "message", None, "", len(raw))
        return raw[:head_end] + nl + nl + b"[the message body was withheld by csprbot: too large]" + nl, [
            Withheld(top.index, "the whole message", len(raw))]
    out: list[bytes] = []
    pos = 0
    withheld: list[Withheld] = []
    for part in sorted(chosen, key=lambda p: p.start):
        out.append(raw[pos:part.start])
        text = f"[attachment '{part.name}' ({human_size(part.size)}) withheld by csprbot{note}]"
        out.append(b"Content-Type: text/plain; charset=utf-8" + nl + b"Content-Transfer-Encoding: 8bit" + nl + nl
                   + text.encode("utf-8"))
        pos = part.end
        withheld.append(Withheld(part.index, part.name, part.size))
    out.append(raw[pos:])
    return b"".join(out), withheld
