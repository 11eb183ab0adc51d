"""Carriers for held-out set 14 (set 13's h13_render.py copied, additions at the end). Set 12's docstring:
Carriers for held-out set 12: e-mail, Word (python-docx + raw XML: content controls, Wingdings, merged cells,
landscape), LibreOffice PDFs, a hand-written "Print to PDF"-like PDF, XLSX.

The mail/Word/LibreOffice helpers are a copy of held-out set 11's gen/h11_render.py (allowed reuse); reportlab and
Pillow are not in this venv, so PDFs come from LibreOffice or from a small PDF writer here."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import subprocess
import tempfile
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from h15_data import TO



# ---------------------------------------------------------------- e-mail

def when(d: dt.date, hour: int = 10, minute: int = 17) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=dt.timezone.utc)


def eml(name: str, frm: str, subject: str, date: dt.datetime, text: str | None = None, html: str | None = None,
        attachments: list[tuple[str, bytes, str, str]] | None = None, to: str = TO,
        headers: dict[str, str] | None = None, rfc822: bytes | None = None, rfc822_name: str | None = None) -> bytes:
    """An RFC 5322 message; attachments are (filename, bytes, maintype, subtype)."""
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = frm
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = format_datetime(date)
    m["Message-ID"] = f"<h15.{name}.{date.strftime('%Y%m%d%H%M')}@mail.h15.example>"
    for k, v in (headers or {}).items():
        m[k] = v
    if text is not None:
        m.set_content(text)
        if html is not None:
            m.add_alternative(html, subtype="html")
    elif html is not None:
        m.set_content(html, subtype="html")
    for fn, data, main, sub in attachments or []:
        m.add_attachment(data, maintype=main, subtype=sub, filename=fn)
    if rfc822 is not None:
        from email import message_from_bytes
        inner = message_from_bytes(rfc822, policy=policy.SMTP)
        m.add_attachment(inner)
        part = list(m.iter_attachments())[-1]
        if rfc822_name:
            del part["Content-Disposition"]
            part.add_header("Content-Disposition", "attachment", filename=rfc822_name)
    return m.as_bytes()


# ---------------------------------------------------------------- Word

def new_doc(font: str = "Arial", size: int = 10) -> Any:
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(size)
    return d


def shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    s = OxmlElement("w:shd")
    s.set(qn("w:val"), "clear")
    s.set(qn("w:color"), "auto")
    s.set(qn("w:fill"), fill)
    tcpr.append(s)


def cell_text(cell: Any, text: str, bold: bool = False, size: int | None = None) -> Any:
    p = cell.paragraphs[0]
    lines = text.split("\n")
    r = p.add_run(lines[0])
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    for ln in lines[1:]:
        r.add_break(WD_BREAK.LINE)
        r = p.add_run(ln)
        r.bold = bold
    return p


def table(doc: Any, rows: list[list[str]], bold_cols: tuple[int, ...] = (0,), fill: str = "D9E2F3",
          header: bool = False, style: str = "Table Grid") -> Any:
    t = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            b = (j in bold_cols) or (header and i == 0)
            cell_text(t.cell(i, j), val, bold=b)
            if b and fill:
                shade(t.cell(i, j), fill)
    return t


def heading(doc: Any, text: str, level: int = 2, color: str | None = None) -> None:
    h = doc.add_heading(text, level=level)
    if color:
        for r in h.runs:
            r.font.color.rgb = RGBColor.from_string(color)


def wingdings(paragraph: Any, checked: bool) -> None:
    """A Wingdings check-box glyph as Word's Insert Symbol writes it (w:sym)."""
    r = OxmlElement("w:r")
    s = OxmlElement("w:sym")
    s.set(qn("w:font"), "Wingdings")
    s.set(qn("w:char"), "F0FE" if checked else "F0A8")
    r.append(s)
    paragraph._p.append(r)


def wingdings_text(paragraph: Any, checked: bool) -> None:
    """The other way forms carry them: a literal character in the Wingdings font (þ = ticked box, ¨ = empty)."""
    run = paragraph.add_run("þ" if checked else "¨")
    run.font.name = "Wingdings"
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:hAnsi"), "Wingdings")
    fonts.set(qn("w:cs"), "Wingdings")


_rev = [100]


def _run(text: str, deleted: bool = False) -> Any:
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def tracked(paragraph: Any, pieces: list[tuple[str, str]], author: str, date: str) -> None:
    """Append runs to a paragraph: ('', text) plain, ('ins', text) inserted, ('del', text) deleted, tracked."""
    for kind, text in pieces:
        if kind == "":
            paragraph._p.append(_run(text))
            continue
        _rev[0] += 1
        el = OxmlElement("w:ins" if kind == "ins" else "w:del")
        el.set(qn("w:id"), str(_rev[0]))
        el.set(qn("w:author"), author)
        el.set(qn("w:date"), date)
        el.append(_run(text, deleted=(kind == "del")))
        paragraph._p.append(el)


def merge_row(t: Any, row: int, text: str, fill: str = "1F3864", color: str = "FFFFFF") -> None:
    a = t.cell(row, 0).merge(t.cell(row, len(t.columns) - 1))
    a.text = ""
    r = a.paragraphs[0].add_run(text)
    r.bold = True
    r.font.color.rgb = RGBColor.from_string(color)
    shade(a, fill)


def doc_bytes(doc: Any) -> bytes:
    b = io.BytesIO()
    doc.save(b)
    return b.getvalue()


def soffice_convert(data: bytes, stem: str, src_ext: str, to: str) -> bytes:
    """Convert with LibreOffice headless (own profile dir: other helpers share the box)."""
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, stem + "." + src_ext)
        with open(src, "wb") as f:
            f.write(data)
        prof = "file://" + os.path.join(td, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation={prof}", "--headless", "--convert-to", to,
                        "--outdir", td, src], check=True, capture_output=True, timeout=180)
        ext = to.split(":")[0]
        with open(os.path.join(td, stem + "." + ext), "rb") as f:
            return f.read()


def soffice_pdf(docx_bytes: bytes, stem: str, src_ext: str = "docx") -> bytes:
    """'Print to PDF' from Word (or Writer), as LibreOffice does it headless."""
    return soffice_convert(docx_bytes, stem, src_ext, "pdf")



# ---------------------------------------------------------------- Word: content controls, landscape, merges

PLACEHOLDER = "Click or tap here to enter text."


def _sdt(alias: str, inner_pr: list[Any], text: str, placeholder: bool) -> Any:
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    al = OxmlElement("w:alias")
    al.set(qn("w:val"), alias)
    pr.append(al)
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), alias.replace(" ", "_")[:40])
    pr.append(tag)
    if placeholder:
        ph = OxmlElement("w:placeholder")
        dp = OxmlElement("w:docPart")
        dp.set(qn("w:val"), "DefaultPlaceholder_-1854013440")
        ph.append(dp)
        pr.append(ph)
        pr.append(OxmlElement("w:showingPlcHdr"))
    for el in inner_pr:
        pr.append(el)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    r = OxmlElement("w:r")
    if placeholder:
        rpr = OxmlElement("w:rPr")
        c = OxmlElement("w:color")
        c.set(qn("w:val"), "808080")
        rpr.append(c)
        r.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    content.append(r)
    sdt.append(content)
    return sdt


def cc_text(paragraph: Any, alias: str, value: str | None, placeholder: str = PLACEHOLDER) -> None:
    """A plain-text content control; an unanswered one still shows its grey placeholder text."""
    paragraph._p.append(_sdt(alias, [OxmlElement("w:text")], value if value is not None else placeholder,
                             value is None))


def cc_date(paragraph: Any, alias: str, value: str | None, iso: str | None,
            placeholder: str = "Click or tap to enter a date.") -> None:
    d = OxmlElement("w:date")
    if iso:
        d.set(qn("w:fullDate"), iso + "T00:00:00Z")
    fmt = OxmlElement("w:dateFormat")
    fmt.set(qn("w:val"), "dd/MM/yyyy")
    d.append(fmt)
    paragraph._p.append(_sdt(alias, [d], value if value is not None else placeholder, value is None))


def cc_dropdown(paragraph: Any, alias: str, options: list[str], chosen: str | None,
                placeholder: str = "Choose an item.") -> None:
    """A drop-down list content control (Yes/No and the like); unanswered shows 'Choose an item.'."""
    dd = OxmlElement("w:dropDownList")
    for o in options:
        li = OxmlElement("w:listItem")
        li.set(qn("w:displayText"), o)
        li.set(qn("w:value"), o)
        dd.append(li)
    paragraph._p.append(_sdt(alias, [dd], chosen if chosen is not None else placeholder, chosen is None))


def landscape(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = s.page_height, s.page_width
    from docx.shared import Mm
    s.left_margin = s.right_margin = Mm(12)


# ---------------------------------------------------------------- a "Microsoft Print to PDF"-like PDF

def _pdfstr(s: str) -> bytes:
    b = s.encode("cp1252", "replace")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def print_to_pdf(pages: list[list[tuple[float, float, float, bool, str]]], title: str,
                 landscape_pages: bool = False) -> bytes:
    """A PDF written the way a printer driver writes one: each text run positioned absolutely (x, y, size, bold,
    text), in the order given (the caller scrambles it), fonts named as subsets (ABCDEF+Calibri), WinAnsi,
    no structure tree; Producer 'Microsoft: Print To PDF'."""
    w, h = (842, 595) if landscape_pages else (595, 842)
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    f1 = add(b"<< /Type /Font /Subtype /TrueType /BaseFont /BCDEEE+Calibri /FirstChar 32 /LastChar 255 "
             b"/Encoding /WinAnsiEncoding /Widths [" + b" ".join([b"507"] * 224) + b"] >>")
    f2 = add(b"<< /Type /Font /Subtype /TrueType /BaseFont /BCDFEE+Calibri-Bold /FirstChar 32 /LastChar 255 "
             b"/Encoding /WinAnsiEncoding /Widths [" + b" ".join([b"537"] * 224) + b"] >>")
    pages_id = len(objs) + 1 + 2 * len(pages) + 0
    page_ids = []
    for runs in pages:
        ops = [b"q 0.2 0.2 0.2 rg"]
        for x, y, size, bold, text in runs:
            ops.append(b"BT /F%d %.1f Tf 1 0 0 1 %.2f %.2f Tm " % (2 if bold else 1, size, x, y) + _pdfstr(text)
                       + b" Tj ET")
        ops.append(b"Q")
        stream = b"\n".join(ops)
        c = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R "
                            b"/F2 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, w, h, f1, f2, c)))
    assert len(objs) + 1 == pages_id
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % len(page_ids))
    cat = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title " + _pdfstr(title) + b" /Producer (Microsoft: Print To PDF) /Creator (Microsoft Word) >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, info,
                                                                                          xref)
    return bytes(out)


# ---------------------------------------------------------------- xlsx

def xlsx_bytes(sheets: list[tuple[str, list[list[Any]]]], widths: dict[str, float] | None = None) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for row in ws.iter_rows():
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if c.column == 1 and c.value:
                    c.font = Font(bold=True)
                    c.fill = PatternFill("solid", fgColor="DDEBF7")
        for col, wd in (widths or {"A": 34, "B": 4, "C": 70}).items():
            ws.column_dimensions[col].width = wd
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


# ---------------------------------------------------------------- set 13 additions: headers/footers, page fields,
# VML text boxes, highlighted runs, nested tables, Outlook HTML

from docx.enum.text import WD_COLOR_INDEX  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402


def field(paragraph: Any, instr: str, shown: str = "1") -> None:
    """A simple field (PAGE, NUMPAGES) as Word stores it; LibreOffice recomputes it when printing."""
    fld = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>')
    paragraph._p.append(fld)


def page_x_of_y(paragraph: Any, prefix: str = "Page ") -> None:
    paragraph.add_run(prefix)
    field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    field(paragraph, "NUMPAGES")


def textbox(paragraph: Any, lines: list[tuple[str, bool]], width_pt: int = 460, height_pt: int = 120,
            top_pt: int = 0) -> None:
    """A floating text box (VML w:pict with w:txbxContent) anchored to the paragraph, as older Word templates have
    them; each line (text, bold) one paragraph inside the box."""
    from xml.sax.saxutils import escape
    ps = "".join(f'<w:p><w:r>{"<w:rPr><w:b/></w:rPr>" if b else ""}<w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>'
                 for t, b in lines)
    xml = (f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
           f'<w:pict><v:shape id="tb{abs(hash(ps)) % 100000}" type="#_x0000_t202" '
           f'style="position:absolute;margin-left:0;margin-top:{top_pt}pt;width:{width_pt}pt;height:{height_pt}pt;'
           f'z-index:1;mso-position-horizontal-relative:margin" strokeweight="1pt"><v:textbox>'
           f'<w:txbxContent>{ps}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    paragraph._p.append(parse_xml(xml))


def hl_run(paragraph: Any, text: str, chosen: bool) -> None:
    r = paragraph.add_run(text)
    if chosen:
        r.bold = True
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW


def esc(s: str | None) -> str:
    import html as _h
    return _h.escape(s or "")


OUTLOOK_HEAD = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
                'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; '
                'charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--\n'
                '/* Font Definitions */ @font-face {font-family:"MS Gothic";} @font-face {font-family:Aptos;}\n'
                'p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Aptos",sans-serif;}\n'
                'span.EmailStyle19 {mso-style-type:personal-reply;} .MsoChpDefault {mso-style-type:export-only;}\n'
                '--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->'
                '</head><body lang="EN-GB" link="#467886" vlink="#96607D" style="word-wrap:break-word">'
                '<div class="WordSection1">')
OUTLOOK_TAIL = "</div></body></html>"


def mso_p(inner: str) -> str:
    return f'<p class="MsoNormal">{inner}<o:p></o:p></p>\n'


# ---------------------------------------------------------------- set 14 additions: Word check-box content controls
# (w14:checkbox), vertical merges, a fillable PDF (AcroForm) writer, HTML shells (Gmail, Apple Mail, Outlook web)

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def cc_check(paragraph: Any, checked: bool, label: str = "", gap: str = "   ") -> None:
    """A Word 2010+ check-box content control (w14:checkbox) showing ☒/☐ in MS Gothic, then its caption."""
    g = "\u2612" if checked else "\u2610"
    xml = (f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w:id w:val="{abs(hash(label)) % 90000 + 1000}"/><w14:checkbox>'
           f'<w14:checked w14:val="{1 if checked else 0}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
           f'<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r>'
           f'<w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr>'
           f'<w:t>{g}</w:t></w:r></w:sdtContent></w:sdt>')
    paragraph._p.append(parse_xml(xml))
    if label:
        paragraph.add_run(" " + label + gap)


def vmerge(t: Any, col: int, r0: int, r1: int, text: str, fill: str = "FCE4D6") -> None:
    """Merge a column's cells from row r0 to r1 (a section label spanning its questions)."""
    c = t.cell(r0, col).merge(t.cell(r1, col))
    for p in c.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    c.paragraphs[0].text = ""
    r = c.paragraphs[0].add_run(text)
    r.bold = True
    shade(c, fill)


def _pdfs(s: str) -> bytes:
    return _pdfstr(s)


def fillable_pdf(pages: list[list[tuple[Any, ...]]], title: str) -> bytes:
    """An AcroForm PDF as form designers make them: captions drawn on the page, answers only in the fields.
    Items: ('t', x, y, size, bold, text) caption; ('f', x, y, w, h, name, value) text field (value '' = empty);
    ('c', x, y, name, checked) check box. Field appearances are written (so viewers show the answers)."""
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    def stream(d: bytes, extra: bytes = b"") -> int:
        return add(b"<< /Length %d " % len(d) + extra + b">>\nstream\n" + d + b"\nendstream")

    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    zd = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
    fields: list[int] = []
    page_specs = []
    for items in pages:
        ops = [b"q 0 0 0 rg"]
        annots = []
        for it in items:
            if it[0] == "t":
                _, x, y, size, bold, text = it
                ops.append(b"BT /F%d %.1f Tf %.1f %.1f Td " % (2 if bold else 1, size, x, y) + _pdfs(text) + b" Tj ET")
            elif it[0] == "f":
                _, x, y, w, h, nm, val = it
                ops.append(b"0.6 G %.1f %.1f %.1f %.1f re S" % (x, y, w, h))
                import textwrap
                lines = textwrap.wrap(val, 60) if val else []  # the viewer wraps; the field value is one line
                ap = b"/Tx BMC q BT /Helv 9 Tf 0 g " + b" ".join(
                    b"2 %.1f Td " % (h - 11 if i == 0 else -11) + _pdfs(ln) + b" Tj" for i, ln in enumerate(lines)) + b" ET Q EMC"
                apid = stream(ap, b"/Type /XObject /Subtype /Form /BBox [0 0 %.1f %.1f] /Resources << /Font << /Helv %d 0 R >> >> " % (w, h, f1))
                flags = b" /Ff 4096" if len(lines) > 1 or h > 20 else b""
                fid = add(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T " + _pdfs(nm) + b" /V " + _pdfs(val) +
                          b" /DA (/Helv 9 Tf 0 g) /Rect [%.1f %.1f %.1f %.1f] /F 4 /AP << /N %d 0 R >>" % (x, y, x + w, y + h, apid)
                          + flags + b" /MK << /BC [0.6 0.6 0.6] >> >>")
                annots.append(fid)
                fields.append(fid)
            elif it[0] == "c":
                _, x, y, nm, on = it
                yes = stream(b"q 0 g BT /ZaDb 10 Tf 1.5 2 Td (4) Tj ET Q", b"/Type /XObject /Subtype /Form /BBox [0 0 11 11] /Resources << /Font << /ZaDb %d 0 R >> >> " % zd)
                off = stream(b"", b"/Type /XObject /Subtype /Form /BBox [0 0 11 11] ")
                ops.append(b"0.3 G %.1f %.1f 11 11 re S" % (x, y))
                st = b"/Yes" if on else b"/Off"
                fid = add(b"<< /Type /Annot /Subtype /Widget /FT /Btn /T " + _pdfs(nm) + b" /V " + st + b" /AS " + st +
                          b" /Rect [%.1f %.1f %.1f %.1f] /F 4 /MK << /CA (4) >> /AP << /N << /Yes %d 0 R /Off %d 0 R >> >> >>"
                          % (x, y, x + 11, y + 11, yes, off))
                annots.append(fid)
                fields.append(fid)
        ops.append(b"Q")
        c = stream(b"\n".join(ops))
        page_specs.append((c, annots))
    pages_id = len(objs) + len(page_specs) + 1
    page_ids = []
    for c, annots in page_specs:
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R "
                            b"/F2 %d 0 R >> >> /Contents %d 0 R /Annots [" % (pages_id, f1, f2, c)
                            + b" ".join(b"%d 0 R" % a for a in annots) + b"] >>"))
    assert len(objs) + 1 == pages_id
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % len(page_ids))
    form = add(b"<< /Fields [" + b" ".join(b"%d 0 R" % i for i in fields) + b"] /NeedAppearances true "
               b"/DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %d 0 R /ZaDb %d 0 R >> >> >>" % (f1, zd))
    cat = add(b"<< /Type /Catalog /Pages %d 0 R /AcroForm %d 0 R >>" % (pages_id, form))
    info = add(b"<< /Title " + _pdfs(title) + b" /Producer (Adobe LiveCycle Designer ES 9.0) /Creator (Adobe Acrobat Pro) >>")
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, info, xref)
    return bytes(out)


GMAIL_HEAD = '<div dir="ltr"><div class="gmail_default" style="font-family:verdana,sans-serif;font-size:small">'
GMAIL_TAIL = '</div></div>'
APPLE_HEAD = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
              '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">')
APPLE_TAIL = '</body></html>'
OWA_HEAD = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" '
            'style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head><body dir="ltr">'
            '<div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, '
            'Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">')
OWA_TAIL = '</div></body></html>'


# ---------------------------------------------------------------- set 15 additions: legacy form fields (FORMTEXT,
# FORMCHECKBOX) as a "protected" Word 97-2003-style template stores them

_ff = [0]


def formtext(paragraph: Any, value: str) -> None:
    """A legacy text form field: begin (ffData) / instrText FORMTEXT / separate / the typed value / end."""
    from xml.sax.saxutils import escape
    _ff[0] += 1
    w = nsdecls("w")
    for x in (f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text{_ff[0]}"/><w:enabled/>'
              f'<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>',
              f'<w:r {w}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
              f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
              f'<w:r {w}><w:rPr><w:noProof/></w:rPr><w:t xml:space="preserve">{escape(value)}</w:t></w:r>',
              f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(x))


def formcheck(paragraph: Any, checked: bool, label: str) -> None:
    """A legacy check-box form field (no glyph in the text: the state is in w:ffData), then its caption."""
    _ff[0] += 1
    w = nsdecls("w")
    st = '<w:checked/>' if checked else ''
    for x in (f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check{_ff[0]}"/><w:enabled/>'
              f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{st}</w:checkBox></w:ffData>'
              f'</w:fldChar></w:r>',
              f'<w:r {w}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
              f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(x))
    paragraph.add_run(" " + label + "   ")
