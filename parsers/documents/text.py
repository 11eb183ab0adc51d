"""Plain text (email bodies, .txt attachments) to a DocView: runs of tab- or pipe-separated lines become tables."""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table
from parsers.normalise import clean

_CELL_SPLIT = re.compile(r"\t+|\s+\|\s+|^\||\|$")
_QUOTED = re.compile(r"^\s*>")


def _cells(line: str) -> list[str] | None:
    """Cells of a pasted table row, or None for an ordinary line."""
    if "\t" not in line and " | " not in line and not line.strip().startswith("|"):
        return None
    cells = [c.strip() for c in _CELL_SPLIT.split(line.strip())]
    while cells and cells[0] == "":
        cells.pop(0)
    while cells and cells[-1] == "":
        cells.pop()
    return cells if len(cells) >= 2 else None


def text_blocks(text: str) -> list[Block]:
    """Lines and pasted tables, in order."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for raw_line in clean(text).split("\n"):
        line = re.sub(r"^\s*>+ ?", "", raw_line) if _QUOTED.match(raw_line) else raw_line
        cells = _cells(line)
        if cells is not None:
            rows.append(cells)
            continue
        if rows:
            blocks.append(Table(rows))
            rows = []
        blocks.append(line.rstrip())
    if rows:
        blocks.append(Table(rows))
    return blocks


def read_text(data: bytes | str, name: str) -> DocView:
    """Decode (UTF-8, then Windows-1252) and split into blocks."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    else:
        text = data
    return DocView(name=name, blocks=text_blocks(text))
