"""Hostile and unreadable attachments: zip bomb, XML entity bomb, encrypted Word, truncated PDF, legacy .doc."""

from __future__ import annotations

import io
import zipfile

from msoffcrypto.format.ooxml import OOXMLFile


def zip_bomb_docx() -> bytes:
    """A "docx" whose document.xml inflates from ~200 KB to 200 MB of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        stamp = (2026, 1, 1, 0, 0, 0)  # fixed, so the corpus regenerates byte-identical
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", stamp), '<?xml version="1.0"?><Types xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/content-types"/>', zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("word/document.xml", stamp), b"\x00" * (200 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def entity_bomb_docx(real_docx: bytes) -> bytes:
    """A real form whose document.xml starts with a billion-laughs DOCTYPE."""
    src = zipfile.ZipFile(io.BytesIO(real_docx))
    out = io.BytesIO()
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    dtd = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b"?>" + dtd.encode() + rest.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&lol9;</w:t>"
                                                                   b"</w:r></w:p>", 1)
            z.writestr(info, data)
    return out.getvalue()


def encrypted_docx(real_docx: bytes) -> bytes:
    """The same form saved with "Encrypt with Password" (an OLE container around the zip)."""
    office = OOXMLFile(io.BytesIO(real_docx))
    out = io.BytesIO()
    office.encrypt("Password1", out)
    return out.getvalue()


def truncated_pdf(real_pdf: bytes) -> bytes:
    """A PDF cut off in transit (half the bytes, no xref, no trailer)."""
    return real_pdf[: len(real_pdf) // 2]


def legacy_doc() -> bytes:
    """An OLE compound file that is not encrypted: what a Word 97-2003 .doc looks like to a sniffer."""
    from outlook_files import _Entry, cfb

    return cfb([_Entry("WordDocument", 2, b"\xec\xa5" + b"\x00" * 600), _Entry("1Table", 2, b"\x00" * 100)])


def tiny_jpeg() -> bytes:
    """A scanned form: a (tiny, valid-enough) JPEG."""
    return bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + b"\x08" * 64 + bytes.fromhex("ffd9")
