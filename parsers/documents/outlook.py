"""Outlook containers: .msg (extract-msg) and winmail.dat / TNEF (tnefparse) into bodies and attachments."""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.documents.safety import Unreadable


@dataclass
class Unpacked:
    """What an Outlook container holds, for the message walk to read like any MIME part."""

    subject: str | None = None
    text: str | None = None
    html: str | None = None
    rtf: bytes | None = None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    nested: list[bytes] = field(default_factory=list)  # embedded .msg items, read recursively


def _as_str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def unpack_msg(data: bytes, name: str) -> Unpacked:
    """Body and attachments of an Outlook .msg item."""
    import extract_msg
    from extract_msg.enums import AttachmentType

    try:
        msg = extract_msg.openMsg(data, strict=False, delayAttachments=False)
    except Exception as exc:
        raise Unreadable(f"attachment '{name}' could not be read as an Outlook item ({type(exc).__name__})") from exc
    try:
        out = Unpacked(subject=_as_str(getattr(msg, "subject", None)))
        out.text = _as_str(getattr(msg, "body", None))
        if not out.text:
            try:
                out.html = _as_str(getattr(msg, "htmlBody", None))
            except Exception:
                out.html = None
        for att in getattr(msg, "attachments", []):
            att_name = att.longFilename or att.shortFilename or "attachment"
            if getattr(att, "type", None) == AttachmentType.MSG:
                try:
                    out.nested.append(bytes(att.data.exportBytes()))
                except Exception:
                    continue
            elif isinstance(att.data, bytes):
                out.attachments.append((str(att_name), att.data))
        return out
    finally:
        msg.close()


def unpack_tnef(data: bytes, name: str) -> Unpacked:
    """Body and attachments of a winmail.dat (TNEF) part."""
    import tnefparse

    try:
        tnef = tnefparse.TNEF(data, do_checksum=False)
    except Exception as exc:
        raise Unreadable(f"attachment '{name}' (winmail.dat) could not be decoded ({type(exc).__name__})") from exc
    out = Unpacked(text=_as_str(getattr(tnef, "body", None)), html=_as_str(getattr(tnef, "htmlbody", None)))
    try:
        rtf = tnef.rtfbody
        out.rtf = rtf if isinstance(rtf, bytes) else None
    except Exception:
        out.rtf = None
    for att in tnef.attachments:
        try:
            att_name = att.long_filename() or att.name
        except Exception:
            att_name = getattr(att, "name", "attachment")
        att_name = att_name.decode("utf-8", "replace") if isinstance(att_name, bytes) else str(att_name)
        out.attachments.append((att_name.rstrip("\x00"), bytes(att.data)))
    return out
