"""Huge raw messages: drop oversized parts before the email parser sees them, without copying the message.

Parsing (and base64-decoding) a 50 MB attachment costs seconds and hundreds of MB, so the structure is
located with bytes operations only (parsers.mimescan, nested multiparts included) and the message is
rebuilt from the slices that are kept; each dropped part keeps its headers and is named in a warning.
"""

from __future__ import annotations

from parsers import limits
from parsers.mimescan import human_size, scan

SCAN_ABOVE = 4 * 1024 * 1024  # smaller messages cannot hold a part over the limit worth the scan


def shrink_oversized(raw: bytes, warnings: list[str]) -> bytes:
    """`raw` with the body of every part larger than the attachment limit removed, warning by name."""
    if len(raw) <= SCAN_ABOVE:
        return raw
    parts = scan(raw)
    big = [p for p in parts if p.size > limits.MAX_ATTACHMENT_BYTES]
    if not big:
        return raw
    if len(parts) == 1 and parts[0].start == 0:  # one huge body, no structure: headers only
        warnings.append(f"message is {human_size(len(raw))}, over the limit csprbot reads: only its headers "
                        "were read")
        return raw[: parts[0].body_start] or b"\n"
    nl = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    out: list[bytes] = []
    pos = 0
    for part in big:
        warnings.append(
            f"attachment '{part.name}' is {human_size(part.size)}, over the "
            f"{limits.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB csprbot reads: not opened; "
            "ask the sender to send the form on its own"
        )
        # The marker header tells the walk this part was dropped (its warning is already given).
        out.append(raw[pos:part.start])
        out.append(b"X-Csprbot-Dropped: oversize" + nl + raw[part.start:part.body_start])
        pos = part.end
    out.append(raw[pos:])
    return b"".join(out)
