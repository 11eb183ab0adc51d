"""Excel workbooks (.xlsx, .xlsm) to a DocView: each sheet's name as a line, then its rows as a table (a blank row
ends one table and a row of one filled cell is a line), so a return typed into a spreadsheet is read as a form.

openpyxl is imported on first use (read-only, cached values): a parse that meets no workbook pays nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from parsers.documents.model import Block, DocView, Table
from parsers.documents.safety import Unreadable, check_zip
from parsers.normalise import clean

_MAX_ROWS = 2000  # per sheet: a chronology of a few hundred lines is read; a data dump is cut, with a warning
# A forms export is one wide row (a column per question: 45 and more for a referral, as a CSV export has, read to
# 300 columns); the cells read are bounded as before (2,000 rows of 30), a wide sheet's rows cut sooner, with a warning
_MAX_COLUMNS = 300
_MAX_CELLS = 60_000
_MAX_SHEETS = 10


def _text(value: Any) -> str:
    """A cell as a person reads it: dates day first, whole numbers without ".0", booleans as Yes / No."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value)).strip()


def _without_spacers(rows: list[list[str]]) -> list[list[str]]:
    """The rows without a column left empty in every one of them: a sheet's narrow spacer column between its labels
    and its answers (A label, B empty, C answer) parts nothing, and read as a cell it leaves every label with an
    empty answer beside it."""
    width = max(len(r) for r in rows)
    used = [c for c in range(width) if any(c < len(r) and r[c].strip() for r in rows)]
    if len(used) == width or len(used) < 2:
        return [list(r) for r in rows]
    return [[r[c] if c < len(r) else "" for c in used] for r in rows]


def _sheet_blocks(title: str, rows: list[list[str]], blocks: list[Block]) -> None:
    blocks.append(title)
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            blocks.append(Table(_without_spacers(run)))
            run.clear()

    for cells in rows:
        while cells and not cells[-1]:
            cells.pop()
        filled = sum(1 for c in cells if c)
        if filled == 0:
            flush()
        elif filled == 1 and len(cells) == 1:
            flush()
            blocks.extend(cells[0].split("\n"))
        else:
            run.append(cells)
    flush()
    blocks.append("")


def read_xlsx(data: bytes, name: str) -> DocView:
    """Open a workbook after the zip safety checks; raises Unreadable with a warning for the sender."""
    check_zip(data, name)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise Unreadable(f"attachment '{name}' could not be opened as an Excel workbook "
                         f"({type(exc).__name__}): ask the sender to resend it") from exc
    blocks: list[Block] = []
    warnings: list[str] = []
    try:
        for sheet in book.worksheets[:_MAX_SHEETS]:
            rows: list[list[str]] = []
            cells = 0
            for k, row in enumerate(sheet.iter_rows(values_only=True, max_col=_MAX_COLUMNS)):
                if k >= _MAX_ROWS or cells >= _MAX_CELLS:
                    warnings.append(f"attachment '{name}': sheet '{sheet.title}' read to row {k} only")
                    break
                rows.append([_text(v) for v in row])
                cells += len(row)
            _sheet_blocks(clean(str(sheet.title)), rows, blocks)
    finally:
        book.close()
    return DocView(name=name, blocks=blocks, warnings=warnings)
