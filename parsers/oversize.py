"""Huge raw messages: blank the bodies of oversized top-level parts before the email parser sees them."""

from __future__ import annotations

import re

from parsers import limits

_BOUNDARY = re.compile(rb'boundary\s*=\s*"?([^";\r\n]+)"?', re.I)
_FILENAME = re.compile(rb'(?:file)?name\s*=\s*"?([^";\r\n]+)"?', re.I)


def shrink_oversized(raw: bytes, warnings: list[str]) -> bytes:
    """Replace any MIME part body larger than the attachment limit with nothing, warning by name.

    Parsing (and base64-decoding) a 50 MB attachment costs seconds and hundreds of MB, so the structure is
    found by its boundary with bytes operations only; the headers of each part are kept.
    """
    head_end = raw.find(b"\r\n\r\n") if b"\r\n\r\n" in raw[:65536] else raw.find(b"\n\n")
    match = _BOUNDARY.search(raw[: max(head_end, 0)] if head_end > 0 else raw[:65536])
    if match is None:
        warnings.append(
            f"message is {len(raw) // (1024 * 1024)} MB, over the limit csprbot reads: only its headers were read"
        )
        return raw[: max(head_end, 0)] + b"\r\n\r\n" if head_end > 0 else b""
    delimiter = b"--" + match.group(1).strip()
    pieces = raw.split(delimiter)
    kept: list[bytes] = []
    for piece in pieces:
        if len(piece) * 3 // 4 > limits.MAX_ATTACHMENT_BYTES:
            sep = piece.find(b"\r\n\r\n")
            sep = sep if sep >= 0 else piece.find(b"\n\n")
            headers = piece[:sep] if 0 <= sep < 65536 else b"\r\nContent-Type: text/plain"
            name_match = _FILENAME.search(headers)
            name = name_match.group(1).decode("utf-8", "replace") if name_match else "unnamed part"
            warnings.append(
                f"attachment '{name}' is {len(piece) * 3 // 4 // (1024 * 1024)} MB, over the "
                f"{limits.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB csprbot reads: not opened; "
                "ask the sender to send the form on its own"
            )
            # The marker header tells the walk this part was dropped (its warning is already given).
            piece = b"\r\nX-Csprbot-Dropped: oversize" + headers + b"\r\n\r\n\r\n"
        kept.append(piece)
    return delimiter.join(kept)
