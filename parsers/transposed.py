"""A list laid out one column per person ("| Name | Abena | Owain |" over "| Relationship | Mother | Father |"):
turned so that each person is a row under a header row of the column names.

Without it the first column's names are read as labels and each answers with the cell to its right: the first
person's values are taken and the others are read into the wrong places (a worker's e-mail as an agency's name).
Turned only when every filled cell of the first column is a column name of one kind of list (rows.header_row)
and the table is at least three columns wide; a label | value | notes form has labels that are no list's columns.
"""

from __future__ import annotations

from parsers.documents.model import Block, DocView, Table
from parsers.labels import ANY_LABEL, COLUMNS
from parsers.normalise import squash
from parsers.rows import SPLIT_COLUMNS, header_row


def _a_label(kind: str, cell: str) -> bool:
    """A cell that is a column name of that list or a whole form label ("Job title", "Telephone:")."""
    text = squash(cell)
    if not 0 < len(text) <= 40:
        return False
    if any(rx.search(text) for rx in COLUMNS[kind].values()) or any(rx.match(text) for rx in SPLIT_COLUMNS.values()):
        return True
    m = ANY_LABEL.match(text)
    return m is not None and not text[m.end():].strip(" :?*")


def _turned(table: Table) -> Table | None:
    """The table as one row per column after the first, or None when it is not a one-column-per-person list."""
    rows = table.rows
    if table.columns_uncertain or len(rows) < 3 or any(len(row) != len(rows[0]) for row in rows):
        return None
    if len(rows[0]) < 3 or header_row(rows[0]) is not None:
        return None  # too narrow to hold two people, or a header row on top already
    body = rows[1:] if not rows[0][0].strip() else rows  # "| Person 1 | Person 2 |": the columns' own numbers
    names = [row[0].strip() for row in body]
    if len(names) < 3 or any(not name or "\n" in name for name in names):
        return None
    found = header_row(names)
    if found is None or len(found[1]) != len(names):
        return None  # a first-column cell that is no column of that list: a form of labels, not a list
    people = [[row[c] for row in body] for c in range(1, len(rows[0]))]
    if any(sum(_a_label(found[0], cell) for cell in person) >= 2 for person in people):
        return None  # "Name | Jo | Role | DSL" over "Agency | ... | Phone | ...": a grid of labels and answers
    people = [p for p in people if any(cell.strip() for cell in p)]
    if not people:
        return None
    return Table([names, *people])


def turn_columns(view: DocView) -> DocView:
    """The view with every one-column-per-person table turned to one row per person (unchanged if none)."""
    blocks: list[Block] = []
    changed = False
    for block in view.blocks:
        if isinstance(block, Table) and (turned := _turned(block)) is not None:
            block = turned
            changed = True
        blocks.append(block)
    if not changed:
        return view
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
