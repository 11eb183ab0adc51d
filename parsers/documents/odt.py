"""OpenDocument text (.odt, LibreOffice / Google Docs downloads) to a DocView: paragraphs and tables in reading
order, as the .docx reader gives them, so a return or a referral written in LibreOffice is read the same way.

content.xml is parsed with the .docx reader's lxml options (no entities resolved) after the zip safety checks."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from parsers.documents.model import Block, DocView, Table
from parsers.documents.ooxml import _parse
from parsers.documents.safety import Unreadable, check_zip
from parsers.normalise import clean

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_P, _H, _SPAN, _A, _S, _TAB, _BREAK = (TEXT + "p", TEXT + "h", TEXT + "span", TEXT + "a", TEXT + "s", TEXT + "tab",
                                       TEXT + "line-break")
_LIST, _ITEM, _HEADER, _SECTION = TEXT + "list", TEXT + "list-item", TEXT + "list-header", TEXT + "section"
_TBL, _ROW, _CELL, _COVERED = TABLE + "table", TABLE + "table-row", TABLE + "table-cell", TABLE + "covered-table-cell"
_ROW_GROUPS = {TABLE + "table-header-rows", TABLE + "table-rows", TABLE + "table-row-group"}
# notes, comments, tracked deletions: not the form's text
_SKIPPED = {TEXT + "note", OFFICE + "annotation", TEXT + "tracked-changes", TEXT + "deletion"}
_MAX_REPEAT = 20  # a cell "repeated" 1,024 times to the sheet's edge is one cell and its blanks, not a bomb


def _inline(el: Any, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if tag in _SKIPPED:
            pass
        elif tag == _S:
            try:
                out.append(" " * min(int(child.get(TEXT + "c", "1")), 20))
            except ValueError:
                out.append(" ")
        elif tag == _TAB:
            out.append("\t")
        elif tag == _BREAK:
            out.append("\n")
        else:
            _inline(child, out)
        if child.tail:
            out.append(child.tail)


def _paragraph(el: Any) -> str:
    out: list[str] = []
    _inline(el, out)
    return "".join(out)


def _cell_lines(container: Any, lines: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag in (_P, _H):
            lines.append(_paragraph(child))
        elif tag == _TBL:
            lines.extend("\t".join(row) for row in _table(child).rows)
        elif tag in (_LIST, _ITEM, _HEADER, _SECTION):
            _cell_lines(child, lines)


def _repeat(el: Any, attr: str) -> int:
    try:
        return max(1, min(int(el.get(TABLE + attr, "1")), _MAX_REPEAT))
    except ValueError:
        return 1


def _rows(container: Any) -> list[Any]:
    out: list[Any] = []
    for child in container:
        if child.tag == _ROW:
            out.extend([child] * _repeat(child, "number-rows-repeated"))
        elif child.tag in _ROW_GROUPS:
            out.extend(_rows(child))
    return out


def _table(tbl: Any) -> Table:
    """Each cell once, then a blank for each further column it spans; a covered (merged-over) cell is blank."""
    rows: list[list[str]] = []
    for tr in _rows(tbl):
        cells: list[str] = []
        for tc in tr:
            if tc.tag == _CELL:
                lines: list[str] = []
                _cell_lines(tc, lines)
                text = clean("\n".join(lines)).strip()
                cells.extend([text] * _repeat(tc, "number-columns-repeated"))
            elif tc.tag == _COVERED:
                cells.extend([""] * _repeat(tc, "number-columns-repeated"))
        while len(cells) > 1 and not cells[-1]:
            cells.pop()  # the repeated empty cells to a table's edge
        if any(cells):
            rows.append(cells)
    return Table(rows)


def _blocks(container: Any, blocks: list[Block]) -> None:
    for child in container:
        tag = child.tag
        if tag in (_P, _H):
            blocks.extend(clean(_paragraph(child)).split("\n"))
        elif tag == _TBL:
            blocks.append(_table(child))
        elif tag in (_LIST, _ITEM, _HEADER, _SECTION):
            _blocks(child, blocks)


def read_odt(data: bytes, name: str) -> DocView:
    """Open an .odt after the zip safety checks; raises Unreadable with a warning for the sender."""
    check_zip(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = _parse(archive.read("content.xml"))
    except Exception as exc:
        raise Unreadable(f"attachment '{name}' could not be opened as an OpenDocument file "
                         f"({type(exc).__name__}): ask the sender to resend it as Word") from exc
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise Unreadable(f"attachment '{name}' is an OpenDocument file with no text: ask for the form as Word")
    blocks: list[Block] = []
    _blocks(body, blocks)
    return DocView(name=name, blocks=blocks)
