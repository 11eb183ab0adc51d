"""A tick grid written one cell a line (a Word criteria table saved or pasted as text): "Criterion" / "Yes" / "No"
then each question followed by its Yes cell and its No cell, a tick ("☒", "x", "✓") or an empty line. Rebuilt as
the table it was, so that the mark's column answers the question as in Word.

Precision first: a question is taken with its cells only when exactly as many lines as there are option columns
follow it, each a mark or empty, at least one a mark, and the line after them is not a mark (a cell on two lines
would put every mark after it in the wrong column). A question laid out otherwise ("☐ Known" / "☒ Suspected") is
left as lines, and the grid goes on at the next question that fits; it ends at a line that fits no row.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, Table

_OPTION = re.compile(r"^(?:yes|no|n/?a|not known|unknown|don'?t know)$", re.I)
_MARK = re.compile(r"^(?:[☒☐]|[xX✓✔✗✘]|\[[xX ]?\])$")
_QUESTION = re.compile(r"^\D.{8,}$")  # a question or statement: words, not a mark or a date
_MAX_GAP = 4  # lines of a question laid out otherwise, before the grid goes on


def _line(block: Block) -> str | None:
    return block.strip() if isinstance(block, str) else None


def _header(blocks: list[Block], i: int) -> int:
    """The number of option columns of a grid header starting at i ("Criterion" / "Yes" / "No"), or 0."""
    k = i + 1
    while k < len(blocks) and (text := _line(blocks[k])) and _OPTION.match(text):
        k += 1
    first = _line(blocks[i])
    if not first or _OPTION.match(first) or len(first) > 40 or k - i - 1 < 2:
        return 0
    options = {str(b).strip().casefold() for b in blocks[i + 1:k]}
    return k - i - 1 if {"yes", "no"} <= options else 0


def _row(blocks: list[Block], i: int, width: int) -> list[str] | None:
    """The question at i with its cells, if they are laid out as the grid's row (see the module's purpose)."""
    question = _line(blocks[i])
    cells = [_line(b) for b in blocks[i + 1:i + 1 + width]]
    if not question or not _QUESTION.match(question) or _MARK.match(question) or len(cells) < width:
        return None
    if any(c is None or (c and not _MARK.match(c)) for c in cells) or not any(cells):
        return None
    after = _line(blocks[i + 1 + width]) if i + 1 + width < len(blocks) else None
    if after and _MARK.match(after):
        return None
    return [question, *(str(c) for c in cells)]


def regrid(blocks: list[Block]) -> list[Block]:
    """Blocks with each one-cell-a-line tick grid rebuilt as tables (header row first)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        width = _header(blocks, i) if _line(blocks[i]) else 0
        if not width:
            out.append(blocks[i])
            i += 1
            continue
        head = [str(b).strip() for b in blocks[i:i + 1 + width]]
        rows: list[list[str]] = []
        k = i + 1 + width
        while k < len(blocks):
            row = _row(blocks, k, width)
            if row is not None:
                rows.append(row)
                k += 1 + width
                continue
            # a question laid out otherwise: kept as lines if a row that fits follows soon after
            nxt = next((j for j in range(k + 1, min(k + 1 + _MAX_GAP, len(blocks)))
                        if _row(blocks, j, width) is not None), None)
            if not rows or nxt is None:
                break
            out.append(Table([head, *rows]))
            out.extend(blocks[k:nxt])
            rows = []
            k = nxt
        if rows:
            out.append(Table([head, *rows]))
            i = k
        elif out and isinstance(out[-1], Table) and k > i + 1 + width:
            i = k  # the grid's first part is out already; the rest stays as lines from here
        else:
            out.append(blocks[i])
            i += 1
    return out


_KNOWN_SUSPECTED = ("known", "suspected")


def unmarked_options(blocks: list[Block]) -> list[Block]:
    """"Known" and "Suspected" printed one a line with no mark by either (the boxes were form fields, lost when the
    form became text) are the question's options, not its answer: shown as empty boxes, so that neither is read as
    the answer from its printed word alone (a wrong value is worse than an empty one)."""
    out = list(blocks)
    for k in range(len(out) - 1):
        a, b = _line(out[k]), _line(out[k + 1])
        if a and b and (a.casefold(), b.casefold()) in (_KNOWN_SUSPECTED, _KNOWN_SUSPECTED[::-1]):
            out[k], out[k + 1] = f"☐ {a}", f"☐ {b}"
    return out
