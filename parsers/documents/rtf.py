"""RTF (attachments, TNEF bodies) to a DocView via striprtf; table rows (cells ended by "|") become tables."""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from parsers.documents.model import Block, DocView, Table
from parsers.documents.text import text_blocks
from parsers.normalise import clean

_MAX_ROW_LINES = 40  # paragraphs one row may hold; a stray "|" in prose does not swallow the rest of the file


def _cells(row: str) -> list[str]:
    """"Label|Value|" (striprtf writes each \\cell as "|"): the cells, the empty one after the last "|" dropped."""
    return [clean(cell).strip() for cell in row[:-1].split("|")]


def _blocks(plain: str) -> list[Block]:
    """Prose through the text reader; a run of rows (lines ending in "|", a cell's further paragraphs joined to
    its row) as one table. A one-cell row is a heading or a paragraph in a box: read as text.

    Without it "Full name|Reggie Fairbrother|" is a line of no known shape (its "|" has no spaces round it) and
    every label and value of an exported case record is lost."""
    blocks: list[Block] = []
    prose: list[str] = []
    rows: list[list[str]] = []
    pending: list[str] = []

    def flush_rows() -> None:
        if rows:
            blocks.append(Table(list(rows)))
            rows.clear()

    def flush_prose() -> None:
        if prose:
            blocks.extend(text_blocks("\n".join(prose)))
            prose.clear()

    for line in plain.split("\n"):
        if pending or "|" in line:
            pending.append(line)
            if line.rstrip().endswith("|"):
                cells = _cells("\n".join(pending).rstrip())
                pending.clear()
                if len(cells) >= 2:
                    flush_prose()
                    rows.append(cells)
                else:
                    flush_rows()
                    prose.append(cells[0])
            elif len(pending) > _MAX_ROW_LINES:
                flush_rows()
                prose.extend(pending)
                pending.clear()
            continue
        flush_rows()
        prose.append(line)
    prose.extend(pending)
    flush_rows()
    flush_prose()
    return blocks


def read_rtf(data: bytes | str, name: str) -> DocView:
    text = data.decode("cp1252", errors="replace") if isinstance(data, bytes) else data
    plain: str = rtf_to_text(text, errors="ignore")  # type: ignore[no-untyped-call]
    return DocView(name=name, blocks=_blocks(plain))
