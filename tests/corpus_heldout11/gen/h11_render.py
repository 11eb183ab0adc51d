"""Carriers for held-out set 11: e-mail, Word (python-docx + raw XML), ODT/RTF/XLSX, reportlab PDFs, LibreOffice.

The mail/Word/reportlab helpers started as a copy of held-out set 7's rendering utilities (allowed reuse)."""

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
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from h11_data import TO
pdfmetrics.registerFont(TTFont("DV", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DVB", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))


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
    m["Message-ID"] = f"<h11.{name}.{date.strftime('%Y%m%d%H%M')}@mail.h11.example>"
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


# ---------------------------------------------------------------- reportlab

def pstyle(size: float = 9, bold: bool = False, color: Any = colors.black, leading: float | None = None,
           **kw: Any) -> ParagraphStyle:
    return ParagraphStyle("s", fontName="DVB" if bold else "DV", fontSize=size, textColor=color,
                          leading=leading or size * 1.25, **kw)


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def P(text: str, **kw: Any) -> Paragraph:
    return Paragraph(esc(text).replace("\n", "<br/>"), pstyle(**kw))


def rl_table(rows: list[list[Any]], widths: list[float], label_cols: tuple[int, ...] = (0,),
             label_fill: Any = colors.HexColor("#E7E6E6"), header: bool = False, grid: bool = True) -> Table:
    data = [[c if not isinstance(c, str) else P(c, bold=(j in label_cols) or (header and i == 0))
             for j, c in enumerate(r)] for i, r in enumerate(rows)]
    t = Table(data, colWidths=widths)
    cmds: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
    for j in label_cols:
        cmds.append(("BACKGROUND", (j, 0), (j, -1), label_fill))
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), label_fill))
    t.setStyle(TableStyle(cmds))
    return t


def build_pdf(story: list[Any], title: str, footer: str = "", margins: float = 15 * mm) -> bytes:
    b = io.BytesIO()

    def deco(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("DV", 7)
        if footer:
            canvas.drawString(margins, 8 * mm, footer)
        canvas.drawRightString(A4[0] - margins, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    d = SimpleDocTemplate(b, pagesize=A4, leftMargin=margins, rightMargin=margins, topMargin=margins,
                          bottomMargin=margins, title=title, author="", creator="")
    d.build(story, onFirstPage=deco, onLaterPages=deco)
    return b.getvalue()


__all__ = ["P", "Spacer", "Table", "TableStyle", "build_pdf", "copy", "mm", "colors"]
