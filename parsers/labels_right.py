"""Tables whose labels sit right of their answers ("Sally Whitcombe | Your name"): turned round to label | value.

Some forms put the guidance column on the right: the answer is typed in the left cell and the label printed,
right-aligned and shaded, in the cell beside it. Read left to right, each label would meet the next row's answer
(the faith under "Ethnicity"). A table is turned round only when its two-cell rows say so: two or more rows whose
right cell is a label and nothing else while the left cell is not, and almost none the other way round. Once a
document has such a table, a lone row of that shape in another table (the narrative box) is turned round too.
"""

from __future__ import annotations

import re
from functools import cache

from parsers.documents.model import Block, DocView, Table
from parsers.labels import ANY_LABEL


@cache
def _label_only() -> re.Pattern[str]:
    # compiled on first use: most documents never ask (import stays fast)
    return re.compile(ANY_LABEL.pattern + r"[\s?:*.]*(?:\([^)]{0,80}\)[\s?:*.]*)*$", re.I)


def is_label(text: str) -> bool:
    """Whether a cell is a label and nothing else (no answer after it)."""
    text = text.strip()
    return 0 < len(text) <= 90 and not re.search(r"\d{2}|@", text) and _label_only().match(text) is not None


def _shapes(table: Table) -> tuple[int, int]:
    """(rows value | label, rows label | value) among the table's two-cell rows."""
    pairs = [(r[0].strip(), r[1].strip()) for r in table.rows if len(r) == 2 and r[0].strip() and r[1].strip()]
    # first by the label words a cell starts with (compiled at import): a table has fewer than two rows whose right
    # cell could be a label and whose left cannot, in almost every form, and the full test is not needed
    if sum(1 for a, b in pairs if ANY_LABEL.match(b) and not ANY_LABEL.match(a)) < 2:
        return 0, 0
    right = left = 0
    right_labels: set[str] = set()
    for row in table.rows:
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            continue
        a, b = is_label(row[0]), is_label(row[1])
        right += b and not a
        left += a and not b
        if b and not a:
            right_labels.add(row[1].strip().rstrip(" :?*.").casefold())
    # one label word repeated down the right ("Kelly Marsh | Carer", "John Marsh | Carer") is a list of people
    # with their roles, not a form: a form's labels differ row by row
    if len(right_labels) < 2:
        right = min(right, 1)
    return right, left


def _turned(table: Table) -> Table:
    # a blank answer ("" | "Faith") is turned too: the label then stands with nothing beside it
    rows = [[row[1], row[0]] if len(row) == 2 and row[1].strip() and not is_label(row[0])
            and (row[0].strip() or is_label(row[1])) else row for row in table.rows]
    return Table(rows, columns_uncertain=table.columns_uncertain, continues=table.continues)


def turn_round(view: DocView) -> DocView:
    """The view with every labels-right table as label | value (unchanged if there is none)."""
    tables = [b for b in view.blocks if isinstance(b, Table) and any(len(r) == 2 for r in b.rows)]
    if not tables:
        return view
    shapes = {id(t): _shapes(t) for t in tables}
    right_handed = {id(t) for t in tables if shapes[id(t)][0] >= 2 and shapes[id(t)][1] * 4 <= shapes[id(t)][0]}
    if not right_handed:
        return view
    # a one-row box ("Declan was found ... | Brief summary of events") in a form already seen to put labels right
    lone = {id(t) for t in tables if shapes[id(t)] == (1, 0) and len(t.rows) == 1}
    blocks: list[Block] = [_turned(b) if isinstance(b, Table) and id(b) in right_handed | lone else b
                           for b in view.blocks]
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
