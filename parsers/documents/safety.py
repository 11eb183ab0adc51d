"""Checks before a library opens an attachment: zip bombs, XML entity tricks, encryption, legacy formats."""

from __future__ import annotations

import io
import re
import zipfile
from typing import NoReturn

from parsers import limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


class Unreadable(Exception):
    """An attachment we refuse to open; str() is the warning to show, naming the file and what to do."""


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip (docx) whose declared sizes or ratios look like a bomb, before anything inflates it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Unreadable(
            f"attachment '{name}' is damaged or not a Word file ({exc}): ask the sender to resend it"
        ) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.MAX_ZIP_MEMBERS:
            raise Unreadable(f"attachment '{name}' has {len(infos)} parts inside, too many to be a form: not opened")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise Unreadable(f"attachment '{name}' is an encrypted archive: ask for it without a password")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ZIP_RATIO_FLOOR and ratio > limits.MAX_ZIP_RATIO:
                raise Unreadable(
                    f"attachment '{name}' looks like a zip bomb ({info.filename} expands {ratio:.0f}x): not opened"
                )
            if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.MAX_XML_MEMBER_BYTES:
                raise Unreadable(f"attachment '{name}' has an oversized XML part ({info.filename}): not opened")
        if total > limits.MAX_UNZIPPED_BYTES:
            raise Unreadable(f"attachment '{name}' expands to {total // (1024 * 1024)} MB: too large, not opened")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                # A DOCTYPE can only open a document, so the first 4 KB of each XML part is enough to see it.
                with archive.open(info) as member:
                    head = member.read(4096)
                if _DOCTYPE.search(head):
                    raise Unreadable(
                        f"attachment '{name}' contains XML entity declarations (a known attack): not opened"
                    )


def check_ole(data: bytes, name: str, kind: str) -> NoReturn:
    """An OLE container where OOXML was expected: a password-protected Office file or a legacy binary one."""
    try:
        import msoffcrypto

        encrypted = bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        encrypted = False
    if encrypted:
        raise Unreadable(
            f"attachment '{name}' is password-protected: ask the sender to resend it without a password "
            "over secure email"
        )
    raise Unreadable(
        f"attachment '{name}' is a legacy {kind} 97-2003 file: ask the sender to save it as .docx or PDF and resend"
    )
