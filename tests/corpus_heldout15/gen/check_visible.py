"""Check that every non-null string leaf of each expected JSON is visible in its message.

Usage: python check_visible.py DIR [--dump NAME]   (needs pypdf, openpyxl; LibreOffice `soffice` for .rtf).
Held-out set 14 copy of set 13's checker (from set 11's, itself from sets 7-10; imports h15_data). Set 12 added: drop the options of an HTML <select> that
are not selected (only the chosen one shows), as it drops a Word content control still showing its placeholder. Visible text: headers From/To/Subject,
text and HTML bodies (tags stripped), .docx w:t text of every part (body, headers, footers, text boxes, content
controls; a control still showing its placeholder is not a value and is dropped), .odt text of content.xml and
styles.xml (page header), .rtf through LibreOffice's text export, .xlsx cell values (dates in the written forms),
PDF text (pypdf) and AcroForm field values, recursively through message/rfc822 parts. Comparison ignores case and
whitespace; ISO dates must appear in one of the generator's written forms; a name passes when each of its words is
visible (names split into forename/surname boxes).
"""

from __future__ import annotations

import datetime as dt
import email
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from email import policy
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h15_data import STYLES, fmt_date  # noqa: E402

ENUMS = {"child_protection_plan", "abuse_or_neglect", "kind"}


def docx_text(data: bytes) -> str:
    out = []
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ""
    with z:
        for n in z.namelist():
            if n.startswith("word/") and n.endswith(".xml") and "comments" not in n:
                xml = z.read(n).decode("utf-8")
                xml = re.sub(r"<w:sdt>(?:(?!</w:sdt>).)*?<w:showingPlcHdr/>.*?</w:sdt>", "", xml, flags=re.S)
                for dd in re.findall(r"<w:ddList>(.*?)</w:ddList>", xml, flags=re.S):  # legacy drop-downs
                    res = re.search(r'<w:result w:val="(\d+)"', dd)
                    ents = re.findall(r'<w:listEntry w:val="([^"]*)"', dd)
                    out.append(ents[int(res.group(1)) if res else 0])
                for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                    out.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
    return html.unescape("\n".join(out))


def odt_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("content.xml").decode() + z.read("styles.xml").decode()
    xml = re.sub(r"</text:p>|</text:h>|<text:line-break/>", "\n", xml)
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


def rtf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, "f.rtf")
        open(src, "wb").write(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{td}/profile", "--headless", "--convert-to",
                        "txt:Text (encoded):UTF8", "--outdir", td, src], check=True, capture_output=True, timeout=180)
        return open(os.path.join(td, "f.txt"), encoding="utf-8-sig").read()


def xlsx_text(data: bytes) -> str:
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, dt.datetime):
                    out.append(fmt_date(v.date(), "slash"))
                elif v is not None:
                    out.append(str(v))
    return "\n".join(out)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    try:
        rd = PdfReader(io.BytesIO(data))
    except Exception:  # a damaged PDF shows nothing
        return ""
    if rd.is_encrypted:
        return ""
    parts = [pg.extract_text() or "" for pg in rd.pages]
    combs: dict[str, dict[int, str]] = {}
    for k, v in (rd.get_fields() or {}).items():
        m = re.fullmatch(r"(.+)_(\d)", k)
        if m and len(str(v.get("/V", ""))) == 1:  # one digit per comb box: the boxes read together
            combs.setdefault(m.group(1), {})[int(m.group(2))] = str(v.get("/V", ""))
            continue
        parts.append(f"{k} {v.get('/V', '')}")
    for k, boxes in combs.items():
        s = "".join(boxes[i] for i in sorted(boxes))
        parts.append(f"{k} {s[:2]}/{s[2:4]}/{s[4:]}" if len(s) == 8 else f"{k} {s}")  # D D M M Y Y Y Y
    return "\n".join(parts)


def message_text(raw: bytes) -> str:
    m = email.message_from_bytes(raw, policy=policy.default)
    out = []
    for part in m.walk():
        for h in ("From", "To", "Subject", "Reply-To"):
            if part.get(h):
                out.append(str(part.get(h)))
        ct = part.get_content_type()
        if part.is_multipart() or ct == "message/rfc822":
            continue
        payload = part.get_payload(decode=True) or b""
        fn = (part.get_filename() or "").lower()
        if ct == "text/html":
            t = payload.decode(part.get_content_charset() or "utf-8", "replace")
            t = re.sub(r"<option>[^<]*</option>", "", t)  # an unselected drop-down option is not shown
            t = re.sub(r"<br\s*/?>|</p>|</td>|</th>|</tr>|</div>|</h\d>|</dd>|</dt>|</li>", "\n", t)
            out.append(html.unescape(re.sub(r"<[^>]+>", " ", t)))
        elif ct.startswith("text/") or ct.startswith("message/"):
            out.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
        elif ct.endswith("wordprocessingml.document"):
            out.append(docx_text(payload))
        elif ct.endswith("opendocument.text"):
            out.append(odt_text(payload))
        elif ct.endswith("spreadsheetml.sheet"):
            out.append(xlsx_text(payload))
        elif ct in ("application/rtf", "text/rtf") or fn.endswith(".rtf"):
            out.append(rtf_text(payload))
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
        return norm(val) in text or any(norm(fmt_date(d, s)) in text for s in STYLES)
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
            if not isinstance(val, str) or path[-1] in ENUMS or (path[-1] in ("verb",)):
                continue
            if not visible(val, text):
                bad += 1
                print(f"{fn}: {'.'.join(path)} = {val!r} not visible")
    print(f"check_visible: {bad} problem(s)")
    return bad


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[2] == "--dump":
        print(message_text(open(os.path.join(sys.argv[1], sys.argv[3] + ".eml"), "rb").read()))
        sys.exit(0)
    sys.exit(1 if check(sys.argv[1]) else 0)
