"""A form tool's export (Microsoft Forms, a Google Forms sheet): one row of questions over one row of answers, a
column per question, turned into label | value rows.

Such a sheet is dozens of columns wide ("ID | Start time | Email | Your name | ... | Family member 2: name | Agency 1
worker | ..."): its tool's own columns and the numbered ones keep it from reading as a header row over answers, so
none of its answers was read. Turned, each question stands beside its answer as in a label | value form, and the
numbered columns are regrouped into the family and agency tables as numbered boxes are (indexed_rows.py). Turned
only when the sheet is that shape: exactly two rows as wide as each other, twelve columns or more, and two numbered
family or agency questions among its columns (a list of people one a row has no such columns).
"""

from __future__ import annotations

import dataclasses

from parsers.documents.model import Block, DocView, Table
from parsers.indexed_rows import numbered_label

_MIN_COLUMNS = 12


def _turned(table: Table) -> Table | None:
    rows = table.rows
    if len(rows) != 2 or len(rows[0]) != len(rows[1]) or len(rows[0]) < _MIN_COLUMNS:
        return None
    if sum(numbered_label(cell) for cell in rows[0]) < 2:
        return None
    pairs = [[q, a] for q, a in zip(rows[0], rows[1], strict=True) if q.strip()]
    return Table(pairs, origin=table.origin)


def turn_wide_rows(view: DocView) -> DocView:
    """The view with every form export's wide row turned to label | value rows (unchanged if none)."""
    blocks: list[Block] = []
    changed = False
    for block in view.blocks:
        if isinstance(block, Table) and (turned := _turned(block)) is not None:
            block, changed = turned, True
        blocks.append(block)
    return dataclasses.replace(view, blocks=blocks) if changed else view
