"""Word constructs python-docx does not write (content controls, legacy form fields, DrawingML text boxes,
strike-through, vertical merges) and the other office formats of set 8: hand-written ODT and RTF, XLSX."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml import parse_xml

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
_id = [7000]


def _nid() -> int:
    _id[0] += 1
    return _id[0]


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def sdt_text(p: Any, value: str | None, alias: str, placeholder: str = "Click or tap here to enter text.") -> None:
    """A plain-text content control; unfilled ones show Word's grey placeholder (w:showingPlcHdr)."""
    plc = "<w:showingPlcHdr/>" if value is None else ""
    rpr = '<w:rPr><w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>' if value is None else ""
    xml = (f'<w:sdt {NS}><w:sdtPr><w:alias w:val="{escape(alias)}"/><w:tag w:val="{escape(alias.replace(" ", ""))}"/>'
           f'<w:id w:val="{_nid()}"/>{plc}<w:text/></w:sdtPr><w:sdtContent><w:r>{rpr}{_t(value or placeholder)}</w:r>'
           f'</w:sdtContent></w:sdt>')
    p._p.append(parse_xml(xml))


def sdt_date(p: Any, value: dt.date, shown: str, alias: str, fmt: str = "dd MMMM yyyy") -> None:
    xml = (f'<w:sdt {NS}><w:sdtPr><w:alias w:val="{alias}"/><w:id w:val="{_nid()}"/>'
           f'<w:date w:fullDate="{value.isoformat()}T00:00:00Z"><w:dateFormat w:val="{fmt}"/><w:lid w:val="en-GB"/>'
           f'<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date></w:sdtPr>'
           f'<w:sdtContent><w:r>{_t(shown)}</w:r></w:sdtContent></w:sdt>')
    p._p.append(parse_xml(xml))


def sdt_check(p: Any, checked: bool, label: str = "") -> None:
    """A check-box content control (Word 2010+): the box glyph is ☒/☐ in MS Gothic."""
    g = "☒" if checked else "☐"
    xml = (f'<w:sdt {NS}><w:sdtPr><w:id w:val="{_nid()}"/><w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
           '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" '
           'w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" '
           f'w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr>{_t(g)}</w:r></w:sdtContent></w:sdt>')
    p._p.append(parse_xml(xml))
    if label:
        p.add_run(" " + label + "   ")


def sdt_dropdown(p: Any, value: str, options: list[str], alias: str) -> None:
    items = "".join(f'<w:listItem w:displayText="{escape(o)}" w:value="{escape(o)}"/>' for o in options)
    xml = (f'<w:sdt {NS}><w:sdtPr><w:alias w:val="{alias}"/><w:id w:val="{_nid()}"/><w:dropDownList>'
           f'<w:listItem w:displayText="Choose an item." w:value=""/>{items}</w:dropDownList></w:sdtPr>'
           f'<w:sdtContent><w:r>{_t(value)}</w:r></w:sdtContent></w:sdt>')
    p._p.append(parse_xml(xml))


def formtext(p: Any, value: str | None, name: str) -> None:
    """A legacy (Word 97-2003) text form field; an empty one shows five en spaces."""
    shown = value if value is not None else "\u2002" * 5
    for x in (f'<w:r {NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
              '<w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>',
              f'<w:r {NS}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
              f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>',
              f'<w:r {NS}><w:rPr><w:noProof/></w:rPr>{_t(shown)}</w:r>',
              f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(x))


def formcheck(p: Any, checked: bool, name: str) -> None:
    """A legacy check-box form field: no glyph in the text at all, the state is in w:ffData."""
    chk = "<w:checked/>" if checked else ""
    for x in (f'<w:r {NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
              f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{chk}</w:checkBox>'
              '</w:ffData></w:fldChar></w:r>',
              f'<w:r {NS}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
              f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(x))


def textbox(p: Any, paragraphs: list[tuple[str, bool]], height_cm: float = 4.0, name: str = "Text Box") -> None:
    """A DrawingML text box as Word 2010+ writes it: wps:txbx in mc:Choice and the same text again in a VML
    fallback (so the text is in the XML twice)."""
    body = "".join(f'<w:p><w:r>{"<w:rPr><w:b/></w:rPr>" if b else ""}{_t(t)}</w:r></w:p>' for t, b in paragraphs)
    cx, cy = 5760000, int(height_cm * 360000)
    nid = _nid()
    xml = (f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0" '
           f'distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{nid}" name="{name} {nid}"/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
           '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
           '<a:ln w="9525"><a:solidFill><a:srgbClr val="2F5496"/></a:solidFill></a:ln></wps:spPr>'
           f'<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" '
           'lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp>'
           '</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>'
           f'<v:shape id="tb{nid}" type="#_x0000_t202" style="width:453.5pt;height:{height_cm * 28.35:.1f}pt" '
           f'strokecolor="#2f5496"><v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict>'
           '</mc:Fallback></mc:AlternateContent></w:r>')
    p._p.append(parse_xml(xml))


def strike_choice(p: Any, options: list[str], keep: str, sep: str = " / ") -> None:
    """'Delete as appropriate' done by striking through the options that do not apply."""
    for i, o in enumerate(options):
        if i:
            p.add_run(sep)
        r = p.add_run(o)
        r.font.strike = o != keep


# ---------------------------------------------------------------- ODT (hand-written, as Writer saves it)

_ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3"')


class Odt:
    """A small ODT writer: headings, paragraphs with bold spans, tables (with column spans), page header."""

    def __init__(self, header: str = "") -> None:
        self.body: list[str] = []
        self.header = header

    @staticmethod
    def _inline(text: str) -> str:
        # **bold** spans, newlines as text:line-break, runs of spaces as text:s
        out = []
        for i, chunk in enumerate(text.split("**")):
            c = escape(chunk).replace("\n", "<text:line-break/>").replace("\t", "<text:tab/>")
            out.append(f'<text:span text:style-name="B">{c}</text:span>' if i % 2 else c)
        return "".join(out)

    def h(self, text: str, level: int = 2) -> None:
        self.body.append(f'<text:h text:style-name="H{level}" text:outline-level="{level}">{escape(text)}</text:h>')

    def p(self, text: str) -> None:
        self.body.append(f'<text:p text:style-name="P">{self._inline(text)}</text:p>')

    def table(self, rows: list[list[Any]], shade_first_col: bool = True, header: bool = False) -> None:
        n = max(sum(c[1] if isinstance(c, tuple) else 1 for c in r) for r in rows)
        x = [f'<table:table table:name="Table{len(self.body)}" table:style-name="T">'
             f'<table:table-column table:number-columns-repeated="{n}"/>']
        for i, r in enumerate(rows):
            x.append("<table:table-row>")
            for j, c in enumerate(r):
                text, span = (c if isinstance(c, tuple) else (c, 1))
                shaded = (shade_first_col and j == 0) or (header and i == 0)
                st = "CL" if shaded else "C"
                sp = f' table:number-columns-spanned="{span}"' if span > 1 else ""
                x.append(f'<table:table-cell table:style-name="{st}" office:value-type="string"{sp}>')
                for line in str(text).split("\n\n"):
                    body = self._inline(line)
                    if shaded:
                        body = '<text:span text:style-name="B">' + body + "</text:span>"
                    x.append(f'<text:p text:style-name="P">{body}</text:p>')
                x.append("</table:table-cell>")
                x.extend("<table:covered-table-cell/>" for _ in range(span - 1))
            x.append("</table:table-row>")
        x.append("</table:table>")
        self.body.append("".join(x))

    def bytes(self) -> bytes:
        content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS}><office:automatic-styles>'
                   '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
                   '<style:style style:name="T" style:family="table"><style:table-properties style:width="17cm" table:align="left"/></style:style>'
                   '<style:style style:name="C" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>'
                   '<style:style style:name="CL" style:family="table-cell"><style:table-cell-properties fo:background-color="#deebf7" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>'
                   '</office:automatic-styles><office:body><office:text>' + "".join(self.body) +
                   '</office:text></office:body></office:document-content>')
        hdr = (f'<style:header><text:p text:style-name="P">{escape(self.header)}</text:p></style:header>'
               if self.header else "")
        styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODT_NS}><office:styles>'
                  '<style:style style:name="P" style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt"/></style:style>'
                  '<style:style style:name="H1" style:family="paragraph"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
                  '<style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>'
                  '</office:styles><office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
                  'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" '
                  'fo:margin-right="2cm"/></style:page-layout></office:automatic-styles><office:master-styles>'
                  f'<style:master-page style:name="Standard" style:page-layout-name="pm1">{hdr}</style:master-page>'
                  '</office:master-styles></office:document-styles>')
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            z.writestr("META-INF/manifest.xml", _ODT_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        return b.getvalue()


# ---------------------------------------------------------------- RTF (hand-written, as case systems export it)

def rtf_esc(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\line ")
        elif ch == "\t":
            out.append("\\tab ")
        elif o < 128:
            out.append(ch)
        else:
            out.append(f"\\u{o if o < 32768 else o - 65536}?")
    return "".join(out)


class Rtf:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def p(self, text: str, bold: bool = False, size: int = 20) -> None:
        b = "\\b " if bold else ""
        self.parts.append(f"\\pard\\plain\\f0\\fs{size}\\sa80 {b}{rtf_esc(text)}\\b0\\par\n")

    def row(self, cells: list[str], widths: list[int], bold_first: bool = True, shade: bool = False) -> None:
        x = ["\\trowd\\trgaph108\\trleft0"]
        pos = 0
        for j, w in enumerate(widths):
            pos += w
            sh = "\\clcbpat2" if (shade or (bold_first and j == 0)) else ""
            x.append(f"{sh}\\clbrdrt\\brdrs\\brdrw10\\clbrdrl\\brdrs\\brdrw10\\clbrdrb\\brdrs\\brdrw10"
                     f"\\clbrdrr\\brdrs\\brdrw10\\cellx{pos}")
        x.append("\n")
        for j, c in enumerate(cells):
            b = "\\b " if (shade or (bold_first and j == 0)) else ""
            x.append(f"\\pard\\plain\\intbl\\f0\\fs18 {b}{rtf_esc(c)}\\b0\\cell\n")
        x.append("\\row\n")
        self.parts.append("".join(x))

    def bytes(self) -> bytes:
        head = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}"
                "{\\colortbl;\\red0\\green0\\blue0;\\red217\\green226\\blue243;}\n"
                "\\paperw11906\\paperh16838\\margl1134\\margr1134\\margt1134\\margb1134\n")
        return (head + "".join(self.parts) + "}").encode("ascii")
