"""A date typed into a fillable form's comb of one-digit boxes ("D D M M Y Y Y Y"): laid out, each digit is a cell
of its own ("0 | 3 | 1 | 2 | 2 | 0 | 2 | 6"). The eight digits are read as one date cell ("03/12/2026"), put under
the caption that asks for it when the row above names the comb's layout.

Only a run of exactly eight cells of one digit each (six for "D D M M Y Y"): fewer or more is no comb date.

A box drawn across two of the page's columns leaves an empty cell beside its caption and beside its answer
("Home address | | Carer" over "Flat 7, ... | | Halina Threlfall"): in such a pair of caption and answer rows the
column empty in both is dropped, so each caption stands over its own answer.
"""

from __future__ import annotations

import re

from parsers.documents.model import Table

_DIGIT = re.compile(r"^\d$")
_COMB_CAPTION = re.compile(r"\(\s*D\s*D\s*[/.\-]?\s*M\s*M\s*[/.\-]?\s*Y\s*Y(?:\s*Y\s*Y)?\s*\)", re.I)


def _run(row: list[str]) -> tuple[int, int] | None:
    """(start, length) of the one run of one-digit cells that is a comb date (8 or 6 digits)."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(row):
        if _DIGIT.match(row[k].strip()):
            start = k
            while k < len(row) and _DIGIT.match(row[k].strip()):
                k += 1
            runs.append((start, k - start))
        else:
            k += 1
    combs = [r for r in runs if r[1] in (6, 8)]
    return combs[0] if len(combs) == 1 and len(runs) == 1 else None


def _joined(row: list[str], above: list[str] | None) -> list[str]:
    found = _run(row)
    if found is None:
        return row
    start, length = found
    d = "".join(c.strip() for c in row[start : start + length])
    date = f"{d[:2]}/{d[2:4]}/{d[4:]}"
    captions = [j for j, c in enumerate(above or []) if _COMB_CAPTION.search(c)]
    at = captions[0] if len(captions) == 1 and captions[0] >= start else start
    # the cells between the run's start and its caption's column are the comb's own room (an empty caption)
    return [*row[:start], *([""] * (at - start)), date, *row[start + length :]]


def _is_caption_row(row: list[str]) -> bool:
    from parsers.labels_right import is_label

    cells = [c for c in row if c.strip()]
    return len(cells) >= 2 and all(is_label(c) for c in cells)


def _closed_up(rows: list[list[str]]) -> list[list[str]]:
    """Caption rows and the answer rows under them without the columns empty in both."""
    out = [list(r) for r in rows]
    for k in range(len(out) - 1):
        top, below = out[k], out[k + 1]
        if not _is_caption_row(top) or _is_caption_row(below) or not any(c.strip() for c in below):
            continue
        while top and not top[-1].strip() and len(top) > len(below):
            top.pop()  # a caption row's empty end, over an answer row that has no cell there
        empty = [j for j in range(min(len(top), len(below))) if not top[j].strip() and not below[j].strip()]
        if empty:
            out[k] = [c for j, c in enumerate(top) if j not in empty]
            out[k + 1] = [c for j, c in enumerate(below) if j not in empty]
    return out


def join_combs(table: Table) -> Table:
    """The table with each row's comb of one-digit cells as one date cell (unchanged if there is none); the
    comb's layout note is dropped from the caption over it ("Date of incident (D D M M Y Y Y Y)")."""
    rows = [_joined(row, table.rows[k - 1] if k else None) for k, row in enumerate(table.rows)]
    rows = [[_COMB_CAPTION.sub("", c).strip() if k + 1 < len(rows) and rows[k + 1] != table.rows[k + 1] else c
             for c in row] for k, row in enumerate(rows)]
    rows = _closed_up(rows) if table.origin != "form" else rows
    if rows == table.rows:
        return table
    return Table(rows, columns_uncertain=table.columns_uncertain, continues=table.continues, origin=table.origin)
