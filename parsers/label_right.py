"""Tables whose labels stand in the right-hand column ("Leo Marsh | Child's name") turned round to label | value.

Some case systems print a record as value | label (a right-to-left template, or a "field description" column added
after the data). Read as it stands, each value is taken for a label's answer from the row above or not at all. A
table is turned round only when the evidence is one-sided: every row has exactly two filled cells, at least two
right-hand cells are a label and nothing else, and no left-hand cell starts with a label. Anything less is left
as it is (a value not read is better than a value read against the wrong label).
"""

from __future__ import annotations

import re

from parsers.documents.model import DocView, Table
from parsers.labels import ANY_LABEL

_MIN_ROWS = 2


def _only_label(cell: str) -> bool:
    """The whole cell is label words (and a trailing ':' or '?'), with no answer after them."""
    text = cell.strip()
    m = ANY_LABEL.match(text)
    return m is not None and not re.sub(r"^(?:\s*\([^)]{0,80}\))?[\s:?*]*", "", text[m.end() :])


def _right_labelled(table: Table) -> bool:
    pairs = [[c for c in row if c.strip()] for row in table.rows]
    if len(pairs) < _MIN_ROWS or any(len(p) != 2 for p in pairs):
        return False
    if any(ANY_LABEL.match(left.strip()) for left, _ in pairs):
        return False
    return sum(1 for _, right in pairs if _only_label(right)) >= _MIN_ROWS


def turn_round(view: DocView) -> DocView:
    """The view with every right-labelled table rewritten label first (unchanged when there is none)."""
    if not any(isinstance(b, Table) and _right_labelled(b) for b in view.blocks):
        return view
    blocks = [
        Table([[c for c in row if c.strip()][::-1] for row in b.rows], b.columns_uncertain, b.continues)
        if isinstance(b, Table) and _right_labelled(b) else b
        for b in view.blocks
    ]
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
