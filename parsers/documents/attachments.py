"""Pick the reader for one attachment by content (magic bytes) and name; every failure becomes a warning."""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.documents.doc import read_doc
from parsers.documents.docx import read_docx
from parsers.documents.html import read_html
from parsers.documents.model import DocView
from parsers.documents.outlook import Unpacked, unpack_msg, unpack_tnef
from parsers.documents.pdf import read_pdf
from parsers.documents.rtf import read_rtf
from parsers.documents.safety import OLE_MAGIC, Unreadable, check_ole
from parsers.documents.text import read_text

_IGNORED = (".p7s", ".vcf", ".ics", ".sig", ".asc", ".gpg")
_IMAGES = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".webp")


@dataclass
class AttachmentResult:
    """A readable view, or an unwrapped message/Outlook item to walk further, and warnings."""

    view: DocView | None = None
    message: bytes | None = None
    outlook: Unpacked | None = None
    warnings: list[str] = field(default_factory=list)


def _zip_has(data: bytes, member: str) -> bool:
    import io
    import zipfile

    try:
        return member in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _sniff(name: str, data: bytes, ctype: str) -> str:
    """Format by magic bytes first (people rename files), then by extension, then by MIME type."""
    lower = name.lower()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    tnef_magic = data[:4] == b"\x78\x9f\x3e\x22"
    if (lower.endswith(".dat") and "winmail" in lower) or ctype == "application/ms-tnef" or tnef_magic:
        return "tnef"
    if data.startswith(OLE_MAGIC):
        # Content before name: a form sent as application/octet-stream with no file name is still known.
        outlook = "__substg1.0_".encode("utf-16-le") in data[:1 << 20]
        return "msg" if lower.endswith(".msg") or ctype == "application/vnd.ms-outlook" or outlook else "ole"
    if data.startswith(b"PK\x03\x04"):
        word = lower.endswith((".docx", ".docm", ".dotx", ".doc")) or "wordprocessingml" in ctype
        if word or _zip_has(data, "word/document.xml"):
            return "docx"
        # LibreOffice / Google Docs text and Excel workbooks: read as forms too ("mimetype" is ODF's first member)
        if lower.endswith((".odt", ".ott")) or "opendocument.text" in ctype or (data[30:38] == b"mimetype" and (
                b"application/vnd.oasis.opendocument.text" in data[38:120])):
            return "odt"
        if lower.endswith((".xlsx", ".xlsm")) or "spreadsheetml" in ctype or _zip_has(data, "xl/workbook.xml"):
            return "xlsx"
        return "zip"
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if lower.endswith(".eml") or ctype == "message/rfc822":
        return "eml"
    if lower.endswith((".htm", ".html")) or ctype == "text/html":
        return "html"
    if lower.endswith(".csv") or ctype in ("text/csv", "application/csv", "text/comma-separated-values"):
        return "csv"
    if lower.endswith((".txt", ".text")) or ctype == "text/plain":
        return "text"
    if lower.endswith(_IMAGES) or ctype.startswith("image/"):
        return "image"
    if lower.endswith(_IGNORED) or ctype in ("application/pkcs7-signature", "text/calendar", "text/vcard"):
        return "ignore"
    return "other"


def read_attachment(name: str, data: bytes, ctype: str) -> AttachmentResult:
    """Never raises: unreadable files come back as a warning naming the file and what to ask for."""
    result = AttachmentResult()
    kind = _sniff(name, data, ctype)
    try:
        if kind == "docx":
            result.view = read_docx(data, name)
        elif kind == "pdf":
            result.view = read_pdf(data, name)
        elif kind == "odt":
            from parsers.documents.odt import read_odt  # rare: not loaded for every message

            result.view = read_odt(data, name)
        elif kind == "xlsx":
            from parsers.documents.xlsx import read_xlsx  # openpyxl: imported only when a workbook comes

            result.view = read_xlsx(data, name)
        elif kind == "text":
            result.view = read_text(data, name)
        elif kind == "csv":
            from parsers.documents.csvfile import read_csv  # rare: not loaded for every message

            result.view = read_csv(data, name)
        elif kind == "html":
            result.view = read_html(data, name)
        elif kind == "rtf":
            result.view = read_rtf(data, name)
        elif kind == "eml":
            result.message = data
        elif kind == "msg":
            result.outlook = unpack_msg(data, name)
        elif kind == "tnef":
            result.outlook = unpack_tnef(data, name)
        elif kind == "ole":
            if name.lower().endswith((".xls", ".xlsx")):
                check_ole(data, name, "Excel")
            result.view = read_doc(data, name)
        elif kind == "image":
            result.warnings.append(
                f"attachment '{name}' is an image or scan, which csprbot cannot read: "
                "ask the sender for the typed Word form"
            )
        elif kind == "zip":
            result.warnings.append(
                f"attachment '{name}' is a zip archive or an unknown Office file: not opened; "
                "ask the sender to attach the form itself"
            )
        elif kind == "other":
            result.warnings.append(f"attachment '{name}' ({ctype}) is not a format csprbot reads: not opened")
    except Unreadable as exc:
        result.warnings.append(str(exc))
    except Exception as exc:  # a reader bug or a library choking on hostile input must not stop the message
        result.warnings.append(
            f"attachment '{name}' could not be read ({type(exc).__name__}): ask the sender to resend it"
        )
    if result.view is not None:
        result.view.kind = "doc" if kind == "ole" else kind
        result.warnings.extend(result.view.warnings)
    return result
