"""A DocView as a flat stream of cells in reading order, each knowing its table, row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from parsers import limits
from parsers.documents.model import DocView, Table
from parsers.labels import INLINE_LABEL

_CELL_GAP = re.compile(r"\t+|\s{3,}|\s\|\s")


@dataclass
class Tok:
    """One cell or one piece of a line; `line` groups pieces of the same paragraph line."""

    text: str
    table: int  # -1 for paragraph text
    row: int
    col: int
    line: int


def _pieces(line: str) -> list[str]:
    """Split a paragraph line at wide gaps and at a second "Label:" inside it."""
    out: list[str] = []
    for chunk in _CELL_GAP.split(line):
        chunk = chunk.strip()
        if not chunk:
            continue
        # a second label needs a colon after the first character: most chunks have none, and skip the search
        starts = [m.start() for m in INLINE_LABEL.finditer(chunk) if m.start() > 0] if ":" in chunk[1:] else []
        # a second label follows a first "Label: value" or a sentence; label words at the end of an unknown label ("Role
        # within agency: Designated Safeguarding Lead") are that label's own words, not a field of their own
        starts = [s for s in starts if ":" in chunk[:s] or chunk[:s].rstrip().endswith((".", "!", "?", ";"))]
        bounds = [0, *starts, len(chunk)]
        out.extend(chunk[a:b].strip() for a, b in pairwise(bounds) if chunk[a:b].strip())
    return out


def tokenise(view: DocView) -> tuple[list[Tok], list[Table]]:
    """Cells in reading order plus the tables by index (for header-aware readers)."""
    toks: list[Tok] = []
    tables: list[Table] = []
    line_no = 0
    budget = limits.MAX_TEXT_CHARS
    for block in view.blocks:
        if budget <= 0:
            break
        if isinstance(block, Table):
            index = len(tables)
            tables.append(block)
            for r, row in enumerate(block.rows):
                line_no += 1
                for c, cell in enumerate(row):
                    toks.append(Tok(cell.strip(), index, r, c, line_no))
                    budget -= len(cell)
            continue
        line_no += 1
        for c, piece in enumerate(_pieces(block)):
            toks.append(Tok(piece, -1, line_no, c, line_no))
            budget -= len(piece)
    return toks, tables
