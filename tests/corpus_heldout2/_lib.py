"""Builders for the held-out corpus: deterministic .docx, minimal text PDF, and .eml assembly."""
from __future__ import annotations

import io
import zlib
import zipfile
from copy import deepcopy
from datetime import date
from email.message import EmailMessage
from email import policy

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: F401
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def fmt(iso: str | None, style: str = "slash") -> str:
    """Render an ISO date the way a worker would type it."""
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "short":  # 3 Feb 26
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year % 100:02d}"
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "ordinal":
        n = d.day
        suf = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suf} {MONTHS[d.month - 1]} {d.year}"
    if style == "slash2":  # 03/02/26
        return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
    if style == "nozero":  # 3/2/2026
        return f"{d.day}/{d.month}/{d.year}"
    if style == "iso":
        return iso
    raise ValueError(style)


# ---------------------------------------------------------------- docx helpers

def new_doc() -> docx.Document:
    d = docx.Document()
    d.styles["Normal"].font.name = "Arial"
    d.styles["Normal"].font.size = Pt(10)
    cp = d.core_properties
    from datetime import datetime
    cp.author = "Safeguarding Partnership"
    cp.created = datetime(2025, 1, 6, 9, 0, 0)
    cp.modified = datetime(2026, 1, 6, 9, 0, 0)
    cp.last_modified_by = "Safeguarding Partnership"
    cp.revision = 1
    return d


def cell_text(cell, text: str, bold: bool = False) -> None:
    """Put text into a cell (one paragraph per line)."""
    lines = text.split("\n") if text else [""]
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(line)
        r.bold = bold


def shade(cell, fill: str = "D9D9D9") -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def table(d, rows: list[list[str]], bold_cols: tuple[int, ...] = (), header: bool = False, style: str = "Table Grid"):
    ncols = max(len(r) for r in rows)
    t = d.add_table(rows=len(rows), cols=ncols)
    t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            cell_text(t.rows[i].cells[j], val, bold=(j in bold_cols) or (header and i == 0))
    return t


def merged_heading_row(t, row_idx: int, text: str, fill: str = "BFBFBF") -> None:
    row = t.rows[row_idx]
    c = row.cells[0].merge(row.cells[-1])
    for p in c.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    c.paragraphs[0].text = ""
    r = c.paragraphs[0].add_run(text)
    r.bold = True
    shade(c, fill)


def para(d, text: str, bold: bool = False, style: str | None = None):
    p = d.add_paragraph(style=style) if style else d.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    return p


W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def sdt_checkbox_xml(checked: bool) -> str:
    glyph = "\u2612" if checked else "\u2610"
    return (f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
            f'w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')


def sdt_text_xml(value: str, tag: str) -> str:
    from xml.sax.saxutils import escape
    if value:
        content = f'<w:r><w:t xml:space="preserve">{escape(value)}</w:t></w:r>'
        showing = ""
    else:
        content = '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t></w:r>'
        showing = "<w:showingPlcHdr/>"
    return (f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/>'
            f'<w:id w:val="{zlib.crc32(tag.encode()) % 100000}"/>{showing}<w:text/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>')


def add_sdt_checkbox(paragraph, checked: bool, label: str) -> None:
    paragraph._p.append(parse_xml(sdt_checkbox_xml(checked)))
    paragraph.add_run(" " + label)


def add_sdt_text(cell, value: str, tag: str) -> None:
    p = cell.paragraphs[0]
    p._p.append(parse_xml(sdt_text_xml(value, tag)))


_ff_counter = [0]


def add_formcheckbox(paragraph, checked: bool, label: str = "") -> None:
    _ff_counter[0] += 1
    n = _ff_counter[0]
    chk = "<w:checked/>" if checked else ""
    xml = (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check{n}"/><w:enabled/>'
           f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{chk}</w:checkBox></w:ffData>'
           '</w:fldChar></w:r>')
    paragraph._p.append(parse_xml(xml))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    if label:
        paragraph.add_run(" " + label)


def add_formtext(paragraph, value: str) -> None:
    from xml.sax.saxutils import escape
    _ff_counter[0] += 1
    n = _ff_counter[0]
    shown = escape(value) if value else "\u2002\u2002\u2002\u2002\u2002"
    runs = [
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text{n}"/><w:enabled/>'
        '<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:rPr><w:noProof/></w:rPr><w:t xml:space="preserve">{shown}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ]
    for x in runs:
        paragraph._p.append(parse_xml(x))


def docx_bytes(d) -> bytes:
    """Save with fixed zip timestamps so the output is byte-for-byte reproducible."""
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 6, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- minimal PDF

def _pdf_escape(s: str) -> bytes:
    b = s.encode("cp1252", errors="replace")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(lines: list, title: str = "Form") -> bytes:
    """lines: each a str (plain), ('B', str) bold, or a list of (x, str) segments on one baseline; '' = blank.
    Produces a simple multi-page text PDF with Helvetica (WinAnsi)."""
    pages: list[list] = [[]]
    for ln in lines:
        if len(pages[-1]) >= 52:
            pages.append([])
        pages[-1].append(ln)
    objs: list[bytes] = []
    # 1 catalog, 2 pages, 3 F1, 4 F2, then page/content pairs
    kids = []
    page_objs = []
    for i, pg in enumerate(pages):
        y = 790
        ops = [b"BT"]
        for ln in pg:
            if isinstance(ln, tuple) and ln and ln[0] == "B":
                segs, font = [(50, ln[1])], b"/F2 10 Tf"
            elif isinstance(ln, list):
                segs, font = ln, b"/F1 10 Tf"
            else:
                segs, font = [(50, ln)], b"/F1 10 Tf"
            for x, s in segs:
                if s == "":
                    continue
                ops.append(font)
                ops.append(b"1 0 0 1 %d %d Tm" % (x, y))
                ops.append(b"(" + _pdf_escape(s) + b") Tj")
            y -= 14
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        page_objs.append(content)
    n_pages = len(pages)
    first_page = 5
    for i in range(n_pages):
        kids.append(first_page + 2 * i)
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % n_pages)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for i, content in enumerate(page_objs):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
                    b"/Contents %d 0 R >>" % (first_page + 2 * i + 1))
        objs.append(content)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    info_title = _pdf_escape(title)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- email

DOCX_MIME = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def email_msg(frm: str, to: str, subject: str, date_hdr: str, msgid: str, text: str | None = None,
              html: str | None = None, attachments: list | None = None, headers: dict | None = None,
              cc: str | None = None) -> EmailMessage:
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Date"] = date_hdr
    m["Message-ID"] = msgid
    for k, v in (headers or {}).items():
        m[k] = v
    if text is not None:
        m.set_content(text, charset="utf-8")
    if html is not None:
        if text is not None:
            m.add_alternative(html, subtype="html", charset="utf-8")
        else:
            m.set_content(html, subtype="html", charset="utf-8")
    for att in attachments or []:
        if isinstance(att, EmailMessage):
            m.add_attachment(att)
        else:
            fname, data, (maintype, subtype) = att
            m.add_attachment(data, maintype=maintype, subtype=subtype, filename=fname)
    return m


def fix_boundaries(m, seed: str, counter=None) -> None:
    counter = counter if counter is not None else [0]
    if m.is_multipart():
        counter[0] += 1
        m.set_boundary(f"----=_Part_{seed}_{counter[0]:03d}")
        for part in m.iter_parts() if hasattr(m, "iter_parts") else m.get_payload():
            fix_boundaries(part, seed, counter)
    elif m.get_content_type() == "message/rfc822":
        for inner in m.get_payload():
            fix_boundaries(inner, seed, counter)


def eml_bytes(m, seed: str) -> bytes:
    fix_boundaries(m, seed)
    return m.as_bytes(policy=policy.SMTP)


# ---------------------------------------------------------------- expected shapes

def empty_referral() -> dict:
    return {
        "referrer": {"name": None, "email": None, "role": None, "phone": None, "agency": None, "date_submitted": None},
        "child": {"name": None, "date_of_birth": None, "home_address": None, "carer": None, "incident_date": None,
                  "incident_location": None, "ethnicity": None, "faith": None, "disability": None,
                  "child_protection_plan": None},
        "family": [],
        "criteria": {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None, "agency_concern": None},
        "summary": None,
        "other_agencies": [],
        "other_processes": [],
    }


def empty_return() -> dict:
    return {"agency": None, "author": {"name": None, "role": None, "email": None, "phone": None}, "involved": None,
            "involvement_from": None, "involvement_to": None, "summary": None, "immediate_actions": None,
            "learning": None, "records_secured": None, "signed_off_by": None, "date_completed": None}


def _absent_as_null(value):
    """DESIGN.md: absent values are null. A typed "Not known" / "Unknown" says the value is absent (null); a typed
    "None" (no faith, no disability) is an answer and stays. (Added when heldout2 became a tuning set.)"""
    if isinstance(value, dict):
        return {k: _absent_as_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_absent_as_null(v) for v in value]
    if isinstance(value, str) and value.strip().lower() in ("not known", "unknown"):
        return None
    return value


def expected(kind: str, case_ref=None, referral=None, agency_return=None, command=None) -> dict:
    return {"kind": kind, "case_ref": case_ref, "referral": _absent_as_null(deepcopy(referral)),
            "agency_return": _absent_as_null(deepcopy(agency_return)),
            "command": deepcopy(command), "missing": [], "warnings": []}
