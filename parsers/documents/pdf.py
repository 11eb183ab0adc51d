"""PDF to a DocView: page text via pypdf, plus AcroForm fields (text and check boxes) as a label|value table."""

from __future__ import annotations

import io
import re
from typing import Any

from parsers import limits
from parsers.documents.model import Block, DocView, Table
from parsers.documents.safety import Unreadable
from parsers.documents.text import text_blocks
from parsers.normalise import CHECKED, UNCHECKED, clean

_OFF = {"/Off", "Off", "", "/No", "/0"}


def _field_label(field: Any, name: str) -> str:
    """The tooltip (/TU) is what the form author wrote beside the box; the name (/T) is often "Text12"."""
    label = field.get("/TU") or field.get("/T") or name
    return clean(str(label)).strip()


def _field_rows(reader: Any) -> list[list[str]]:
    fields = reader.get_fields() or {}
    rows: list[list[str]] = []
    for count, (name, field) in enumerate(fields.items()):
        if count >= limits.MAX_PDF_FIELDS:
            break
        kind = field.get("/FT")
        value = field.get("/V")
        label = _field_label(field, name)
        if kind == "/Btn":
            flags = int(field.get("/Ff", 0) or 0)
            if flags & (1 << 15):  # radio group: the value is the chosen option's export name
                chosen = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), str(value or "").lstrip("/"))
                rows.append([label, chosen if chosen and chosen != "Off" else ""])
            else:
                on = value is not None and str(value) not in _OFF
                rows.append([f"{CHECKED if on else UNCHECKED} {label}"])
        elif kind in ("/Tx", "/Ch"):
            text = value if isinstance(value, str) else ("" if value is None else str(value))
            rows.append([label, clean(text).strip()])
    return rows


def read_pdf(data: bytes, name: str) -> DocView:
    """Raises Unreadable (encrypted, damaged, scanned) with a warning that names the file."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(
                f"attachment '{name}' is a password-protected PDF: ask the sender to resend it without a password "
                "over secure email"
            )
        pages = reader.pages[: limits.MAX_PDF_PAGES]
        text = "\n".join(page.extract_text() or "" for page in pages)
        rows = _field_rows(reader)
    except Unreadable:
        raise
    except (PdfReadError, Exception) as exc:
        raise Unreadable(
            f"attachment '{name}' is a damaged or truncated PDF ({type(exc).__name__}): ask the sender to resend it"
        ) from exc
    blocks: list[Block] = []
    if rows:
        blocks.append(Table(rows))
    blocks.extend(text_blocks(text))
    view = DocView(name=name, blocks=blocks)
    if view.is_empty():
        raise Unreadable(
            f"attachment '{name}' has no text (a scan or image?): ask the sender for the Word form or a typed PDF"
        )
    return view
