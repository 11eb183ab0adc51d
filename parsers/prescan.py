"""MIME bounds applied to the raw bytes before the email package parses them: parts and nesting cut in milliseconds.

The email package builds one object per part and, for each, parses its parent's Content-Type again
through the header registry: 30,000 empty parts (300 KB, cheap to send) took 7.5 s before the walk's part
bound was even reached, and eight such mails held a genuine referral 63 s. Here the structure is located
with bytes operations and a regular expression per part header (never the header registry); when a message
has more leaf parts than the walk reads, or multiparts nested past the bound, the message is rebuilt
without the parts that would not be read, so the parser only ever sees a bounded number. Which parts are
kept follows the walk's own order (documents and nested messages first, then text, then the rest; the
form last of 10,000 parts is still read). Each cut is named in a warning starting with the bound, so the
mail's quarantine reason says why. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers import limits
from parsers.mimescan import delimited

# Below this many delimiter-like lines no message can be over a bound (fewer than MAX_MULTIPART_DEPTH
# boundaries cannot nest that deep nor make MAX_PARTS parts): one bytes.find pass, then the bytes as they
# came (all real mail so far). Forwards nested without multiparts are left to the parser: 3,000 of them
# end in a RecursionError in 0.3 s, quarantined as unparseable; cheap, if not named as a bound.
_QUICK = min(limits.MAX_PARTS, limits.MAX_MULTIPART_DEPTH)
MAX_NODES = limits.MAX_SCAN_PARTS  # parts whose headers are read at all; the rest of a multipart is cut unread
_CTYPE = re.compile(rb"(?im)^content-type[ \t]*:[ \t]*((?:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*))")
_DISPOSITION = re.compile(rb"(?im)^content-disposition[ \t]*:[ \t]*((?:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*))")
_BOUNDARY = re.compile(rb'(?i)(?:^|[;\s])boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))')
_NAME = re.compile(rb'(?i)(?:file)?name\*?\s*=\s*"?([^";\r\n]+)')
_FORM_TYPES = (b"application/pdf", b"application/msword", b"application/rtf", b"text/rtf", b"message/rfc822",
               b"application/vnd.ms-outlook", b"application/vnd.openxmlformats-officedocument.wordprocessingml")
_FORM_EXTENSIONS = (b".docx", b".doc", b".docm", b".pdf", b".rtf", b".msg", b".eml", b".odt", b".htm", b".html",
                    b".txt")

PART_BOUND = f"part bound: more than {limits.MAX_PARTS} parts, the rest not read"
MULTIPART_BOUND = f"depth bound: multiparts nested deeper than {limits.MAX_MULTIPART_DEPTH} levels not read"
FORWARD_BOUND = f"depth bound: messages forwarded more than {limits.MAX_DEPTH} levels deep not read"


@dataclass
class _Node:
    cut_from: int  # where its removal starts: the line break before its delimiter line (or the delimiter)
    start: int
    end: int
    parent: int  # index of the enclosing node, -1 for the root
    rank: int = 1  # -1 the body, 0 documents and nested messages, 1 text, 2 the rest (message._form_rank)
    leaf: bool = True
    keep: bool = False
    children: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Bounded:
    raw: bytes  # the very bytes given when nothing was over a bound
    notes: tuple[str, ...] = ()
    parts: int = 0  # leaf parts found (0: not scanned, the quick count said there was nothing to bound)


def _at_least(raw: bytes, pattern: bytes, times: int) -> bool:
    """Whether `pattern` occurs `times` times: bytes.find stops early (bytes.count of 70 MB took 0.15 s)."""
    pos = -1
    for _ in range(times):
        pos = raw.find(pattern, pos + 1)
        if pos < 0:
            return False
    return True


def _header_end(raw: bytes, start: int, end: int) -> tuple[int, int]:
    """(end of the header block, start of the body) of the entity at `start`, without copying."""
    if raw.startswith(b"\r\n", start) or raw.startswith(b"\n", start):
        return start, start + (2 if raw.startswith(b"\r\n", start) else 1)
    stop = end  # however long: a Content-Type below 64 KB of other fields must still be seen
    lf = raw.find(b"\n\n", start, stop)
    crlf = raw.find(b"\r\n\r\n", start, stop if lf < 0 else lf)  # never a 50 MB body searched twice
    if crlf >= 0 and (lf < 0 or crlf <= lf):
        return crlf, crlf + 4
    if lf >= 0:
        return lf, lf + 2
    return stop, stop


def _read_headers(raw: bytes, start: int, end: int) -> tuple[bytes, bytes | None, int]:
    """(content type lower-cased, boundary, rank) from the raw header block raw[start:end]."""
    if end <= start:
        return b"", None, 1  # no headers: text/plain by default
    block = raw[start:end]
    m = _CTYPE.search(block)
    value = re.sub(rb"\r?\n[ \t]", b" ", m.group(1)) if m else b""
    ctype = value.split(b";", 1)[0].strip().lower()
    b = _BOUNDARY.search(value) if ctype.startswith(b"multipart/") else None
    boundary = (b.group(1) or b.group(2)) if b else None
    d = _DISPOSITION.search(block)
    name_m = _NAME.search(value + b";" + (d.group(1) if d else b""))
    name = name_m.group(1).strip().lower() if name_m else b""
    if ctype.startswith(b"multipart/") or ctype.startswith(_FORM_TYPES) or name.endswith(_FORM_EXTENSIONS):
        rank = 0
    else:
        rank = 1 if not name and (not ctype or ctype.startswith(b"text/")) else 2
    return ctype, boundary, rank


def bound_mime(raw: bytes, max_parts: int = limits.MAX_PARTS) -> Bounded:
    """`raw` without the parts the walk would never read (past the part bound, or nested past a depth bound)."""
    if not _at_least(raw, b"\n--", _QUICK):
        return Bounded(raw)
    nodes: list[_Node] = [_Node(0, 0, len(raw), -1, 0, leaf=False)]
    cuts: list[tuple[int, int]] = []  # spans removed whatever is kept (the unread rest of a huge multipart)
    notes: list[str] = []
    unread = 0  # parts cut without their headers being read
    stack: list[tuple[int, int, int]] = [(0, 0, 0)]  # (node, multipart depth, forward depth)
    while stack:
        index, mp, fwd = stack.pop()
        node = nodes[index]
        head_end, body_start = _header_end(raw, node.start, node.end)
        ctype, boundary, rank = _read_headers(raw, node.start, head_end)
        node.rank = rank
        body_start = min(body_start, node.end)
        inner: list[tuple[int, int, int]] = []
        if ctype.startswith(b"multipart/") and boundary:
            room = max(0, MAX_NODES - len(nodes))
            spans, rest = delimited(raw, body_start, node.end, boundary, room)
            if rest is not None:
                cuts.append(rest)
                unread += 1
            inner = spans
            child_mp, child_fwd = mp + 1, fwd
        elif ctype == b"message/rfc822" and body_start < node.end:
            inner = [(body_start, body_start, node.end)]
            child_mp, child_fwd = 0, fwd + 1
        if not inner:
            continue
        node.leaf = False
        if child_mp > limits.MAX_MULTIPART_DEPTH or child_fwd > limits.MAX_DEPTH:
            # Nested past a bound: the walk would stop there, so the parser need not build what is inside.
            notes.append(MULTIPART_BOUND if child_mp > limits.MAX_MULTIPART_DEPTH else FORWARD_BOUND)
            cuts.extend((c, e) for c, _, e in inner)
            continue
        for c, s, e in inner:
            node.children.append(len(nodes))
            nodes.append(_Node(c, s, e, index))
        stack.extend((i, child_mp, child_fwd) for i in reversed(node.children))
    leaves = [n for n in nodes if n.leaf]
    found = len(leaves) + unread
    over = len(leaves) > max_parts or unread
    if over:
        notes.insert(0, PART_BOUND)
        # The sender's body (the first leaf down the first parts, unnamed text) is kept first: a referral pasted
        # there above 400 small .txt attachments (documents, rank 0) was cut (stranger round 10).
        first = nodes[0]
        while not first.leaf and first.children:
            first = nodes[first.children[0]]
        if first.leaf and first.rank == 1:
            first.rank = -1
        for _, n in sorted(enumerate(leaves), key=lambda kv: (kv[1].rank, kv[0]))[:max_parts]:
            n.keep = True
    if not notes:
        return Bounded(raw, (), found)
    if not over:
        for n in leaves:
            n.keep = True
    for n in reversed(nodes):  # children come after their parent: a part is kept if anything under it is
        if n.keep and n.parent >= 0:
            nodes[n.parent].keep = True
    nodes[0].keep = True
    for n in nodes:
        if not n.keep and nodes[n.parent].keep:
            cuts.append((n.cut_from, n.end))  # the outermost part holding nothing kept, its delimiter with it
    out: list[bytes] = []
    pos = 0
    for a, b in sorted(cuts):
        if a < pos:
            continue  # inside a span already cut
        out.append(raw[pos:a])
        pos = b
    out.append(raw[pos:])
    return Bounded(b"".join(out), tuple(dict.fromkeys(notes)), found)
