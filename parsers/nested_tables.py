"""Tables nested in a table's cells (flattened by the readers to tab-separated lines) taken out as tables of their own.

A Word form laid out as a grid of boxes ("THE CHILD | THE REFERRER" over two cells, each holding a label | value
table; one box holding the agencies table and, after a blank line, the processes table) reaches the view as cells
whose lines are "Name\tHarper Whitlock". Read as one cell, the labels are lost. Such a table is rewritten in reading
order: each box's title (the cell above it in a row of titles, or its own first lines), then each nested table as a
table. Tables without nested ones are left as they are.
"""

from __future__ import annotations

from parsers.documents.model import Block, DocView, Table


def _nested(cell: str) -> bool:
    """A cell holding a table: two or more of its lines are tab-separated cells."""
    return sum(1 for line in cell.split("\n") if "\t" in line.strip("\t ")) >= 2


def _titles(row: list[str]) -> bool:
    """A row of box titles: every cell filled, one short line, no tab."""
    return all(c.strip() and "\n" not in c.strip() and "\t" not in c and len(c) <= 80 for c in row)


def _cell_blocks(cell: str) -> list[Block]:
    """A cell's lines: plain lines as paragraphs, runs of tab-separated lines as tables (a blank line ends one)."""
    out: list[Block] = []
    rows: list[list[str]] = []
    for line in cell.split("\n"):
        if "\t" in line.strip("\t "):
            rows.append([c.strip() for c in line.split("\t")])
            continue
        if rows:
            out.append(Table(rows))
            rows = []
        if line.strip():
            out.append(line.strip())
    if rows:
        out.append(Table(rows))
    return out


def _unnest(table: Table) -> list[Block]:
    out: list[Block] = []
    plain: list[list[str]] = []
    rows = table.rows
    r = 0
    while r < len(rows):
        row = rows[r]
        below = rows[r + 1] if r + 1 < len(rows) else None
        if _titles(row) and below is not None and len(below) == len(row) and any(_nested(c) for c in below):
            # a row of titles over a row of boxes: each title goes with the box under it
            if plain:
                out.append(Table(plain))
                plain = []
            for title, cell in zip(row, below, strict=True):
                out.append(title.strip())
                out.extend(_cell_blocks(cell))
            r += 2
            continue
        if any(_nested(c) for c in row):
            if plain:
                out.append(Table(plain))
                plain = []
            for cell in row:
                out.extend(_cell_blocks(cell))
            r += 1
            continue
        plain.append(row)
        r += 1
    if plain:
        out.append(Table(plain, table.columns_uncertain, table.continues and not out))
    return out


def unnest(view: DocView) -> DocView:
    """The view with every table that holds nested tables rewritten in reading order (unchanged if none does)."""
    if not any(isinstance(b, Table) and any(_nested(c) for row in b.rows for c in row) for b in view.blocks):
        return view
    blocks: list[Block] = []
    for block in view.blocks:
        if isinstance(block, Table) and any(_nested(c) for row in block.rows for c in row):
            blocks.extend(_unnest(block))
        else:
            blocks.append(block)
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
