"""PDFs as agencies send them: a typed form printed to PDF (text), and a fillable AcroForm with boxes."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def pdf_file(objects: list[bytes], header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF file of numbered objects (1 the catalogue) with its cross-reference table: the one serialiser
    behind every hand-built PDF of the tests."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _esc(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(lines: list[str | tuple[str, str]], lines_per_page: int = 60) -> bytes:
    """A hand-built PDF: Helvetica text; a (left, right) tuple puts two columns on one baseline."""
    pages = [lines[i : i + lines_per_page] for i in range(0, max(len(lines), 1), lines_per_page)]
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    for page in pages:
        ops = [b"BT /F1 9 Tf 11 TL 40 800 Td"]
        for line in page:
            if isinstance(line, tuple):
                ops.append(b"(" + _esc(line[0]) + b") Tj 270 0 Td (" + _esc(line[1]) + b") Tj -270 0 Td T*")
            else:
                ops.append(b"(" + _esc(line) + b") Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, content_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_file(objects, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


Field = tuple[str, str, object]  # (kind "text"|"check"|"radio", tooltip label, value)


def acroform_pdf(printed: list[str | tuple[str, str]], fields: list[Field]) -> bytes:
    """The printed labels as page text plus fillable fields carrying the values (tooltips name them)."""
    reader = PdfReader(io.BytesIO(text_pdf(printed)))
    writer = PdfWriter()
    writer.append(reader)
    page = writer.pages[0]
    annots = ArrayObject()
    acro_fields = ArrayObject()
    for n, (kind, label, value) in enumerate(fields):
        rect = ArrayObject([FloatObject(300), FloatObject(780 - 12 * n), FloatObject(560), FloatObject(790 - 12 * n)])
        field = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(f"Field{n + 1}"), NameObject("/TU"): TextStringObject(label),
            NameObject("/Rect"): rect,
        })
        if kind == "text":
            field[NameObject("/FT")] = NameObject("/Tx")
            field[NameObject("/V")] = TextStringObject(str(value or ""))
        elif kind == "check":
            field[NameObject("/FT")] = NameObject("/Btn")
            field[NameObject("/V")] = NameObject("/Yes" if value else "/Off")
            field[NameObject("/AS")] = NameObject("/Yes" if value else "/Off")
        else:  # radio group: value is the export name of the chosen option
            field[NameObject("/FT")] = NameObject("/Btn")
            field[NameObject("/Ff")] = NumberObject(49152)
            field[NameObject("/V")] = NameObject("/" + str(value).replace(" ", "#20")) if value else NameObject("/Off")
        ref = writer._add_object(field)
        annots.append(ref)
        acro_fields.append(ref)
    page[NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): acro_fields, NameObject("/NeedAppearances"): BooleanObject(True),
    })
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
