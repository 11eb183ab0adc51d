"""A question table with a guidance column ("Question | Guidance | Your answer"): read without the guidance.

Some templates print a hint for every question ("dd/mm/yyyy", "include postcode", "as recorded by your agency")
in a column between the question and the answer. Read as it stands, the hint is the cell beside the label and is
taken for the answer, and the answer two columns away is lost (a wrong value: worse than none). A table whose
header row names one column as guidance (Guidance, Notes, Help, Hint, Instructions, "How to complete") and a later
column as the answer (Answer, Your answer, Response, Details, Information) is read without its guidance column and
without that header row; it becomes the plain label | value grid it stands for. Every other table is left as is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsers.documents.model import Block, DocView, Table

_GUIDANCE = re.compile(
    r"^(?:guidance(?: notes?)?|notes? for completion|notes?|help(?: text)?|hints?|instructions?|how to (?:complete|"
    r"answer)|what we need|explanation|completion notes?)\s*:?$",
    re.I,
)
_ANSWER = re.compile(
    r"^(?:(?:your |the )?(?:answers?|responses?)|details|information(?: provided)?|(?:your )?entry|value|"
    r"please (?:complete|answer)|to be completed by (?:the )?referrer)\s*:?$",
    re.I,
)


def _columns(header: list[str]) -> tuple[int, int] | None:
    """(guidance column, answer column) of a header row, the guidance before the answer, or None."""
    cells = [" ".join(c.split()) for c in header]
    guidance = [k for k, c in enumerate(cells) if _GUIDANCE.match(c)]
    answer = [k for k, c in enumerate(cells) if _ANSWER.match(c)]
    if len(guidance) != 1 or len(answer) != 1 or not 0 < guidance[0] < answer[0]:
        return None
    return guidance[0], answer[0]


def _without_guidance(table: Table) -> Table | None:
    if len(table.rows) < 3 or len(table.rows[0]) < 3:
        return None
    found = _columns(table.rows[0])
    if found is None:
        return None
    guidance, _ = found
    width = len(table.rows[0])
    # a row with merged cells (a section band across the table) has fewer cells: it is kept whole
    rows = [row[:guidance] + row[guidance + 1:] if len(row) == width else row for row in table.rows[1:]]
    return replace(table, rows=rows)


def drop_guidance(view: DocView) -> DocView:
    """The view with each question table's guidance column (and its header row) left out."""
    blocks: list[Block] = []
    changed = False
    for block in view.blocks:
        plain = _without_guidance(block) if isinstance(block, Table) else None
        changed |= plain is not None
        blocks.append(plain if plain is not None else block)
    return replace(view, blocks=blocks) if changed else view
