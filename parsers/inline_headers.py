"""A list's columns named in its heading ("FAMILY (name / relationship / DOB / address / ethnicity)") over rows
with no header row of their own: the named columns become the table's header row.

Without it, the rows are read one at a time by guessing which cell is which, and a row whose guess fails is
dropped: every later person is then read one row up (the next person's name in this person's place). With the
heading's own column order, each cell goes to the column the form names, and the agencies' order ("agency /
name / contact") is not mistaken for the usual "name / agency / contact".
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table
from parsers.rows import header_row

# "Heading (a / b / c)" or "Heading - a / b / c" or "Heading: a | b | c", maybe numbered ("5  Family (...)"):
# three or more names parted by / or |
_NAMED = re.compile(r"^\s*(?:\d{1,2}[.)]?\s+)?(?P<head>[A-Za-z][^()\n:]{1,60}?)\s*"
                    r"(?:\((?P<inner>[^()]+)\)|[:\-–—]\s*(?P<bare>[^()]+?))\s*:?\s*$")
_SPLIT = re.compile(r"\s*/\s*|\s*\|\s*")


def _columns(line: str) -> list[str] | None:
    """The column names a heading line lists, or None."""
    m = _NAMED.match(line)
    if m is None:
        return None
    names = [n.strip() for n in _SPLIT.split(m.group("inner") or m.group("bare") or "")]
    if len(names) < 3 or any(not n or len(n) > 30 for n in names):
        return None
    return names


def _fits(names: list[str], table: Table) -> bool:
    """Every row has as many cells as the heading names columns, and none is a header row already."""
    if table.columns_uncertain or not table.rows:
        return False
    if any(len(row) != len(names) for row in table.rows):
        return False
    return header_row(table.rows[0]) is None


def head_tables(view: DocView) -> DocView:
    """The view with a header row put on every headerless table whose heading (the last non-blank line above it)
    lists its columns, when the names read as a known list header and the rows are as wide as the list."""
    blocks: list[Block] = []
    changed = False
    above: str | None = None
    for block in view.blocks:
        if isinstance(block, Table):
            names = _columns(above) if above is not None else None
            if names is not None and _fits(names, block) and header_row(names) is not None:
                block = Table([names, *block.rows], columns_uncertain=False, continues=False)
                changed = True
            above = None
        elif block.strip():
            above = block
        blocks.append(block)
    if not changed:
        return view
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
