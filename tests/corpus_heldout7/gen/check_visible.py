"""Check that every non-null string leaf of each expected JSON is visible in its message.

Usage: python check_visible.py DIR   (needs pypdf). Visible text: headers From/To/Subject, text and HTML bodies
(tags stripped), .docx paragraphs (w:t only: text deleted under tracked changes and comments do not count),
PDF text (pypdf) and AcroForm field values, recursively through message/rfc822 parts. Comparison ignores case
and whitespace (PDF line breaks); ISO dates must appear in one of the written forms the generator uses; names
written "SURNAME, Forename" or in split boxes pass when each of their words is visible.
"""

from __future__ import annotations

import datetime as dt
import email
import html
import io
import json
import os
import re
import sys
import zipfile
from email import policy
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h7_data import fmt_date  # noqa: E402

STYLES = ["ord", "long", "dots", "dots4", "iso", "slash", "slash2", "dmy3", "wday", "short", "dash"]
ENUMS = {("child_protection_plan",), ("abuse_or_neglect",), ("kind",)}


def docx_text(data: bytes) -> str:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in z.namelist():
            if n.startswith("word/") and n.endswith(".xml") and "comments" not in n:
                xml = z.read(n).decode("utf-8")
                for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                    out.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
    return html.unescape("\n".join(out))


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    rd = PdfReader(io.BytesIO(data))
    parts = [pg.extract_text() or "" for pg in rd.pages]
    for k, v in (rd.get_fields() or {}).items():
        parts.append(f"{k} {v.get('/V', '')}")
    return "\n".join(parts)


def message_text(raw: bytes) -> str:
    m = email.message_from_bytes(raw, policy=policy.default)
    out = []
    for part in m.walk():
        for h in ("From", "To", "Subject"):
            if part.get(h):
                out.append(str(part.get(h)))
        ct = part.get_content_type()
        if part.is_multipart() or ct == "message/rfc822":
            continue
        payload = part.get_payload(decode=True) or b""
        if ct == "text/html":
            t = payload.decode(part.get_content_charset() or "utf-8", "replace")
            t = re.sub(r"<br\s*/?>|</p>|</td>|</th>|</tr>|</div>|</h\d>", "\n", t)
            out.append(html.unescape(re.sub(r"<[^>]+>", " ", t)))
        elif ct.startswith("text/") or ct == "message/disposition-notification":
            out.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
        elif ct.endswith("wordprocessingml.document"):
            out.append(docx_text(payload))
        elif ct == "application/pdf":
            out.append(pdf_text(payload))
    return "\n".join(out)


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s.replace("’", "'").replace("\u00ad", "")).casefold()


def leaves(x: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(x, dict):
        return [lf for k, v in x.items() for lf in leaves(v, (*path, k))]
    if isinstance(x, list):
        return [lf for i, v in enumerate(x) for lf in leaves(v, (*path, str(i)))]
    return [(path, x)]


def visible(val: str, text: str) -> bool:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", val):
        d = dt.date.fromisoformat(val)
        return any(norm(fmt_date(d, s)) in text for s in STYLES)
    if norm(val) in text:
        return True
    return all(norm(w) in text for w in val.split())


def check(d: str) -> int:
    bad = 0
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".json"):
            continue
        exp = json.load(open(os.path.join(d, fn), encoding="utf-8"))
        text = norm(message_text(open(os.path.join(d, fn[:-5] + ".eml"), "rb").read()))
        for path, val in leaves(exp):
            if not isinstance(val, str) or (path[-1],) in ENUMS:
                continue
            if not visible(val, text):
                bad += 1
                print(f"{fn}: {'.'.join(path)} = {val!r} not visible")
    print(f"check_visible: {bad} problem(s)")
    return bad


if __name__ == "__main__":
    sys.exit(1 if check(sys.argv[1]) else 0)
