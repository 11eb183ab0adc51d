"""A list written as text with its columns named in brackets and each entry's values parted by slashes:
"Family members (name / relationship / DOB / address / ethnicity):" over "Delyth Loveridge / Mother / 19/05/2002 /
112 Cadbury Camp Lane End, BS20 2BA / White Other". Read as a table under its header row, the way a pasted
table is read.

Only when the bracket names three columns or more and every line under it (a line ending in " /" runs on to the
next) has exactly as many values; a date's own slashes ("19/05/2002") have no spaces round them and part nothing.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, Table

_HEAD = re.compile(r"^(?P<title>[^()\n/]{3,80}?)\s*\((?P<cols>[^()\n]{5,200})\)\s*:?\s*$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"\s+/\s+", line.strip().rstrip("/").strip())]


def slash_tables(blocks: list[Block]) -> list[Block]:
    """The blocks with each slash-parted list under a bracketed header as a table (else unchanged)."""
    if not any(isinstance(b, str) and " / " in b for b in blocks):
        return blocks
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        m = _HEAD.match(block.strip()) if isinstance(block, str) else None
        cols = _cells(m.group("cols")) if m is not None else []
        if m is None or len(cols) < 3 or not all(0 < len(c) <= 30 for c in cols):
            out.append(block)
            k += 1
            continue
        rows: list[list[str]] = []
        j = k + 1
        while j < len(blocks) and isinstance(blocks[j], str) and str(blocks[j]).strip():
            line = str(blocks[j]).strip()
            while line.endswith("/") and j + 1 < len(blocks) and isinstance(blocks[j + 1], str) \
                    and str(blocks[j + 1]).strip():
                j += 1
                line = f"{line} {str(blocks[j]).strip()}"
            cells = _cells(line)
            if len(cells) != len(cols) or not all(cells):
                break
            rows.append(cells)
            j += 1
        if not rows:
            out.append(block)
            k += 1
            continue
        out.append(m.group("title").strip())
        out.append(Table([cols, *rows]))
        k = j
    return out
