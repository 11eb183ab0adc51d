"""RTF (attachments, TNEF bodies) to a DocView via striprtf; table cells come out pipe-separated."""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from parsers.documents.model import DocView
from parsers.documents.text import text_blocks


def read_rtf(data: bytes | str, name: str) -> DocView:
    text = data.decode("cp1252", errors="replace") if isinstance(data, bytes) else data
    plain: str = rtf_to_text(text, errors="ignore")  # type: ignore[no-untyped-call]
    return DocView(name=name, blocks=text_blocks(plain))
