"""A table flattened to one cell a line (a Word form saved or pasted as plain text): a run of column headers
("Name" / "Relationship" / "Date of birth" / ...) followed by their cells, a row's cells in column order and an
empty cell as an empty line, is rebuilt as a table so the family, agencies and processes rows read as in Word.

Precision first: the run is rebuilt only while every row fits its columns (a date under "Date of birth", yes/no
under "Still involved", the row's key cell filled, no heading or label in a cell). A cell that ran to two lines
shifts every cell after it, so the first row that does not fit ends the table there and the lines from it on are
left as lines; a shifted cell is never read as another person's.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, Table

# a header cell: a few words, no digits, no @ ("Date of birth", "Relationship to child", "Still involved?")
_HEADER_CELL = re.compile(r"^[A-Za-z][A-Za-z'’ /&().,?\-]{1,45}$")
_YES_NO = re.compile(r"^(?:yes|no|y|n|not known|unknown|n/?k|active|open|closed|ended|current(?:ly)?(?: open)?|"
                     r"inactive|[☒☐])\b", re.I)
_MAX_WIDTH = 8
# cells that are a few words: at most this many
_SHORT = {"name": 6, "relationship": 6, "process": 10, "agency": 12}


def _header_run(lines: list[Block], start: int) -> tuple[str, dict[int, str], int, int] | None:
    """The widest run of header cells at `start` that is wholly one table's header: (kind, mapping, width, lines).
    A header cell broken over two lines ("Relationship to" / "child") is one cell: a line that starts in lower
    case goes on from the cell above."""
    from parsers.labels import COLUMNS
    from parsers.line_kinds import section_of
    from parsers.rows import SPLIT_COLUMNS, header_row

    block = lines[start]
    first = block.strip() if isinstance(block, str) else ""
    if section_of(first) is not None:
        return None  # "Household members" over "Name": the table's heading, not its first column
    if not any(p.search(first) for columns in COLUMNS.values() for p in columns.values()) and not any(
            p.match(first) for p in SPLIT_COLUMNS.values()):  # "Surname, forename", "Telephone": split columns
        return None
    cells: list[str] = []
    spans: list[int] = []  # lines used up to the end of each cell
    for n, block in enumerate(lines[start:start + 2 * _MAX_WIDTH], 1):
        if not isinstance(block, str) or not _HEADER_CELL.match(block.strip()):
            break
        text = block.strip()
        if cells and text[:1].islower() and not cells[-1].endswith(("?", ":")):
            cells[-1] = f"{cells[-1]} {text}"
            spans[-1] = n
            continue
        if len(cells) == _MAX_WIDTH:
            break
        cells.append(text)
        spans.append(n)
    best = None
    for width in range(2, len(cells) + 1):
        found = header_row(cells[:width])
        if found is not None and len(found[1]) == width:
            best = (found[0], found[1], width, spans[width - 1])
    return best


def _is_label(line: str) -> bool:
    from parsers.line_kinds import is_field_label

    return is_field_label(line)


def _header_cells(lines: list[Block]) -> list[str]:
    cells: list[str] = []
    for line in lines:
        text = str(line).strip()
        if cells and text[:1].islower() and not cells[-1].endswith(("?", ":")):
            cells[-1] = f"{cells[-1]} {text}"
        else:
            cells.append(text)
    return cells


def _is_heading(line: str) -> bool:
    from parsers.labels import SECTION_HINTS
    from parsers.line_kinds import section_of

    return section_of(line) is not None or any(rx.search(line) for _, rx in SECTION_HINTS)


def _fits(kind: str, row: list[str], mapping: dict[int, str]) -> bool:
    """Whether a row of cells is plausibly one record of its columns (see the module's purpose line)."""
    from parsers.dates import find_date
    from parsers.labels import TABLE_KEYS
    from parsers.line_kinds import is_field_label, section_of

    if not any(row):
        return True  # an empty row of the form
    for cell in row:
        if cell and (section_of(cell) is not None or is_field_label(cell)):
            return False  # a heading or a field's label: the table has ended, or its cells are not in step
    for c, key in mapping.items():
        cell = row[c]
        if not cell:
            continue
        if key in _SHORT and (len(cell.split()) > _SHORT[key] or cell.endswith((":", "?"))
                              or (key != "process" and re.search(r"\d", cell) and key != "agency")):
            return False  # a sentence, a question or a number where a name, relationship or process belongs
        if key in ("contact", "_phone", "_email") and not re.search(r"@" if key == "_email" else r"\d" if
                                                                   key == "_phone" else r"\d|@", cell):
            return False  # how to reach someone: a number or an address (a name here is a shifted row)
        age = re.fullmatch(r"\d{1,3}(?: ?y(?:ea)?rs?)?", cell)  # an age in a DOB/Age column
        if key == "date_of_birth" and find_date(cell)[0] is None and not age:
            return False
        if key == "still_involved" and not _YES_NO.match(cell):
            return False
        if key in ("name", "relationship", "process", "agency") and (
                (find_date(cell)[0] is not None and len(cell.split()) <= 3) or "@" in cell):
            return False
    keys = [c for c, k in mapping.items() if k in TABLE_KEYS[kind] or k == "name"]
    return any(row[c] for c in keys)


def restack(blocks: list[Block]) -> list[Block]:
    """Blocks with each one-cell-a-line table rebuilt as a Table (header row first); other blocks unchanged."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        # the header starts a run: a short label line just above would be one of its cells that no column matched
        # ("Name" / "Job title" / "Organisation" / "Email" is a referrer's labels, not an agencies header)
        above = blocks[i - 1] if i else ""
        starts = not isinstance(above, str) or not _is_label(above) or _is_heading(above)
        found = (_header_run(blocks, i) if starts and isinstance(block, str) and _HEADER_CELL.match(block.strip())
                 else None)
        if found is None:
            out.append(block)
            i += 1
            continue
        kind, mapping, width, span = found
        rows: list[list[str]] = []
        k = i + span
        while k + width <= len(blocks):
            group = blocks[k:k + width]
            if not all(isinstance(cell, str) for cell in group):
                break
            row = [str(cell).strip() for cell in group]
            if not _fits(kind, row, mapping):
                break
            rows.append(row)
            k += width
        while rows and not any(rows[-1]):
            rows.pop()
            k -= width
        if not rows:
            out.append(block)
            i += 1
            continue
        out.append(Table([_header_cells(blocks[i:i + span]), *rows]))
        i = k
    return out
