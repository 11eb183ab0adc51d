"""Tables whose labels stand in the right-hand column ("Leo Marsh | Child's name") turned round to label | value.

Some case systems print a record as value | label (a right-to-left template, or a "field description" column added
after the data). Read as it stands, each value is taken for a label's answer from the row above or not at all. A
table is turned round only when the evidence is one-sided: every row has exactly two filled cells, at least two
right-hand cells are different labels and nothing else, and no left-hand cell starts with a label. Anything less is left
as it is (a value not read is better than a value read against the wrong label).
"""

from __future__ import annotations

from parsers.documents.model import DocView, Table
from parsers.labels import ANY_LABEL, LABELS_ANY_LETTER, LABELS_BY_LETTER

_MIN_ROWS = 2


def _only_label(cell: str) -> bool:
    """The whole cell is one label's words (and a trailing ':' or '?'), with no answer after them."""
    text = cell.strip().rstrip(" :")
    if ANY_LABEL.match(text) is None:
        return False  # one pass rules out most cells; the alternation may stop at a shorter label, so then:
    # each label that could start the cell, whole (ANY_LABEL's first alternative to match may be "Date" of
    # "Date of birth")
    first = text[:1].lower()
    return any(lab.pattern.fullmatch(text) for lab in (*LABELS_BY_LETTER.get(first, ()), *LABELS_ANY_LETTER))


def _right_labelled(table: Table) -> bool:
    pairs = [[c for c in row if c.strip()] for row in table.rows]
    if len(pairs) < _MIN_ROWS or any(len(p) != 2 for p in pairs):
        return False
    if any(ANY_LABEL.match(left.strip()) for left, _ in pairs):
        return False
    # a column of labels names different fields; "Kelly Marsh | Carer", "John Marsh | Carer" is a list of people
    labels = {" ".join(right.lower().split()) for _, right in pairs if _only_label(right)}
    return len(labels) >= _MIN_ROWS


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
