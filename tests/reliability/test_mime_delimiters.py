"""One MIME delimiter scanner (parsers/mimescan.delimited) behind both the prescan's bounds and the size scan
that thins large mail. A line that starts with the boundary but goes on ("--b1-other", "--b1 x") is content,
not a delimiter, as the email package reads it: before the two scanners were folded into one, the size scan
split a part there (a text body quoting a delimiter-like line became two parts, the second unnamed).

Generated: boundary strings, parts of several types, a delimiter-like line (the boundary plus a suffix) inside
some parts, CRLF or LF line ends. Both scans are compared with the email package's own walk.
"""

from __future__ import annotations

import email
import email.policy

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.mimescan import decoded, delimited, scan
from parsers.prescan import bound_mime

BOUNDARY = st.sampled_from(["b1", "=_Part_0_1234.5678", "----=_NextPart_000_0001", "Apple-Mail=_ABC"])
SUFFIX = st.sampled_from(["-other", "x", " trailing words", "_2", "--more"])
TYPES = st.sampled_from(["text/plain", "text/html", "application/pdf", "text/csv"])


@st.composite
def multipart(draw: st.DrawFn) -> tuple[bytes, list[bytes], str]:
    boundary = draw(BOUNDARY)
    nl = draw(st.sampled_from(["\r\n", "\n"]))
    bodies: list[bytes] = []
    chunks = [f"From: a@example.org{nl}Subject: s{nl}MIME-Version: 1.0{nl}"
              f'Content-Type: multipart/mixed; boundary="{boundary}"{nl}{nl}preamble{nl}']
    for n in range(draw(st.integers(1, 5))):
        ctype = draw(TYPES)
        lines = [f"line {n}.{k}" for k in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            lines.insert(draw(st.integers(0, len(lines))), f"--{boundary}{draw(SUFFIX)}")
        body = nl.join(lines)
        bodies.append(body.encode())
        chunks.append(f"--{boundary}{nl}Content-Type: {ctype}{nl}{nl}{body}{nl}")
    chunks.append(f"--{boundary}--{nl}")
    return "".join(chunks).encode(), bodies, boundary


@settings(max_examples=60, deadline=None)
@given(multipart())
def test_scan_agrees_with_the_email_package_on_delimiter_like_lines(shape: tuple[bytes, list[bytes], str]) -> None:
    raw, bodies, _ = shape
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    theirs = [p.get_payload(decode=True) for p in parsed.walk() if not p.is_multipart()]
    parts = scan(raw)
    assert len(parts) == len(bodies) == len(theirs)
    for part, body, their in zip(parts, bodies, theirs, strict=True):
        assert decoded(raw, part).replace(b"\r\n", b"\n") == body.replace(b"\r\n", b"\n")
        assert their is not None and their.replace(b"\r\n", b"\n").rstrip(b"\n") == body.replace(b"\r\n", b"\n")


@settings(max_examples=30, deadline=None)
@given(multipart())
def test_prescan_and_scan_use_the_same_spans(shape: tuple[bytes, list[bytes], str]) -> None:
    """The prescan's bound (cut_from, start, end) and the size scan's (start, end) are one scanner's answer."""
    raw, bodies, boundary = shape
    body_start = raw.index(b"preamble")
    spans, rest = delimited(raw, body_start, len(raw), boundary.encode())
    assert rest is None
    heads = [(p.start, p.end) for p in scan(raw)]
    assert [(s, e) for _, s, e in spans] == heads
    assert all(c <= s <= e for c, s, e in spans)
    assert bound_mime(raw).raw == raw  # nothing over a bound: the bytes as they came
    limited, cut = delimited(raw, body_start, len(raw), boundary.encode(), room=1)
    assert limited == spans[:1]
    assert (cut is None) == (len(bodies) == 1)
