"""Table rows of answers each over a row of their captions ("Seren Hussain-Barker | 24 June 2025" over "Child's
full name | Date of birth"): turned to one label | value row per caption.

Some forms print the caption small under each answer box. Read top down, each caption row would take the next
row's answers (the referrer's agency under "Your name", the phone under "Your role"): the wrong person in every
field. Precision first: a table is turned only when its rows pair up exactly (an even count, at least two pairs),
every second row is captions and nothing else (each filled cell a label alone), every other row holds at least one
answer that is no label, and the first row is such an answer row (a table that opens with its captions is the
usual label-above layout and is left alone).
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table

_MIN_PAIRS = 2


def _caption(cell: str) -> str:
    """A caption's words: "(Signed off by)" printed in brackets under its line is "Signed off by"."""
    text = cell.strip()
    return text[1:-1].strip() if text.startswith("(") and text.endswith(")") and text.count("(") == 1 else text


def _bracketed(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(c.startswith("(") and c.endswith(")") for c in cells)


def _captions(row: list[str]) -> bool:
    from parsers.labels_right import is_label

    cells = [c for c in row if c.strip()]
    return bool(cells) and all(is_label(_caption(c)) for c in cells)


def _answers(row: list[str]) -> bool:
    from parsers.labels_right import is_label

    return any(c.strip() and not is_label(c) for c in row)


def _below(table: Table) -> bool:
    rows = table.rows
    # captions printed in brackets under their answers ("Priya Underhill" over "(Signed off by)") say what they
    # are: one pair is enough
    least = 1 if all(_bracketed(rows[i]) for i in range(1, len(rows), 2)) else _MIN_PAIRS
    if len(rows) < 2 * least or len(rows) % 2:
        return False
    # a reader drops a row's empty trailing cells: a pair may be narrower than the grid (an answer left blank
    # at the end shorter than its captions), never an answer with no caption under it
    return all(len(rows[i]) <= len(rows[i + 1]) and _answers(rows[i]) and _captions(rows[i + 1])
               for i in range(0, len(rows), 2))


def _turned(table: Table) -> Table:
    out: list[list[str]] = []
    for i in range(0, len(table.rows), 2):
        answers, captions = table.rows[i], table.rows[i + 1]
        answers = answers + [""] * (len(captions) - len(answers))
        out.extend([_caption(caption), answer] for caption, answer in zip(captions, answers, strict=True)
                   if caption.strip())
    return Table(out, columns_uncertain=table.columns_uncertain, continues=table.continues)


def _list_header(row: list[str]) -> bool:
    """Whether a caption row names a list's columns (family, agencies, processes), as a header row would."""
    from parsers.rows import header_row

    return header_row(row) is not None


# a caption the label lexicon does not know, in a document that puts every caption under its answer: a few words
# with no digit, address or sentence end ("Main carer / person with parental responsibility", "Abuse or neglect is…")
_CAPTION_LIKE = re.compile(r"^[A-Za-z][^\d@\n]{2,80}(?<![.!])$")


def _caption_like(cell: str) -> bool:
    from parsers.labels_right import is_label

    text = _caption(cell)
    return is_label(text) or (bool(_CAPTION_LIKE.match(text)) and len(text.split()) <= 10)


def _loose_pair(table: Table) -> bool:
    """Two rows, answers over captions, where a caption may be one the lexicon does not know (only asked in a
    document already shown to be captions-below)."""
    if len(table.rows) != 2:
        return False
    top, bottom = table.rows
    return (len(top) <= len(bottom) and _answers(top) and not _captions(top)
            and all(_caption_like(c) for c in bottom if c.strip()) and any(c.strip() for c in bottom))


def _entry_pair(table: Table) -> bool:
    """One entry of a list over its column names ("Jasmin Kowalczyk | Mother | 23rd Mar 1994" over "Name |
    Relationship to child | D.O.B."): the answers are no header themselves."""
    return (len(table.rows) == 2 and len(table.rows[0]) <= len(table.rows[1]) and _answers(table.rows[0])
            and _list_header(table.rows[1]) and not _list_header(table.rows[0]))


def _flipped(table: Table) -> Table:
    """Answers over their captions as a header over its row."""
    answers, captions = table.rows
    answers = answers + [""] * (len(captions) - len(answers))
    return Table([captions, answers], columns_uncertain=table.columns_uncertain, origin="captions-below")


def _joined_lists(blocks: list[Block]) -> list[Block]:
    """Entries of one list (flipped tables with the same header, blank lines between) as one table."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.origin == "captions-below":
            k = len(out)
            while k > 0 and isinstance(out[k - 1], str) and not str(out[k - 1]).strip():
                k -= 1
            prev = out[k - 1] if k > 0 else None
            if isinstance(prev, Table) and prev.origin == "captions-below" and prev.rows[0] == block.rows[0]:
                del out[k:]
                prev.rows.append(block.rows[1])
                continue
        out.append(block)
    return out


def _one_pair(table: Table, upside_down: bool = False) -> bool:
    """Two rows: answers over a row of two or more captions (upside_down: captions over answers)."""
    if len(table.rows) != 2:
        return False
    top, bottom = table.rows if not upside_down else table.rows[::-1]
    return (len(top) <= len(bottom) and sum(1 for c in bottom if c.strip()) >= 2 and _answers(top)
            and _captions(bottom))


def _captions_below(view: DocView) -> bool:
    """A document printed with every caption under its answer: two or more one-pair tables of answers over their
    captions, and none the other way up (a label-above form is never read upside down)."""
    tables = [b for b in view.blocks if isinstance(b, Table)]
    return sum(1 for t in tables if _one_pair(t)) >= 2 and not any(_one_pair(t, upside_down=True) for t in tables)


def _paragraph_pairs(blocks: list[Block]) -> list[Block]:
    """In a captions-below document, a caption alone on its line answers with the lines just above it (back to
    the blank line before them), not the ones under it: those belong to the next caption. A caption with no answer
    line right above it is left as it is."""
    from parsers.labels_right import is_label

    def line(k: int) -> str | None:
        """The text of out[k] when it is a line (None for a table)."""
        block = out[k]
        return block.strip() if isinstance(block, str) else None

    out: list[Block] = []
    for block in blocks:
        text = block.strip() if isinstance(block, str) else ""
        if text and len(text) < 60 and is_label(_caption(text)):
            end = len(out)
            while end > 0 and line(end - 1) == "":
                end -= 1  # the blank lines a PDF's spacing leaves between an answer and its caption
            k = end
            while k > 0 and (prev := line(k - 1)) and not is_label(prev):
                k -= 1
            answer = [str(b).strip() for b in out[k:end]]
            if answer and (k == 0 or not line(k - 1)):
                del out[k:]
                out.append(Table([[_caption(text), " ".join(answer)]], origin="text"))
                continue
        out.append(block)
    return out


def _captioned_entry(table: Table) -> Table | None:
    """One row whose every cell is a caption over its value ("NAME⏎Chidinma Vaughan-Jones | RELATIONSHIP⏎Mother
    | ..."), the captions a list's column names: the list's header over the entry's row (else None)."""
    if len(table.rows) != 1:
        return None
    cells = [c.strip() for c in table.rows[0] if c.strip()]
    pairs = [c.split("\n", 1) for c in cells]
    if len(cells) < 3 or any(len(p) != 2 or not p[1].strip() or len(p[0]) > 40 for p in pairs):
        return None
    captions, values = [p[0].strip() for p in pairs], [p[1].strip() for p in pairs]
    if not _list_header(captions) or _list_header(values):
        return None
    return Table([captions, values], columns_uncertain=table.columns_uncertain, origin="captions-below")


def caption_cells(view: DocView) -> DocView:
    """The view with each list entry written caption-in-cell ("NAME⏎...") as a row under the list's header, the
    entries of one list as one table (unchanged if there is none)."""
    if not any(isinstance(b, Table) and len(b.rows) == 1 and "\n" in "".join(b.rows[0]) for b in view.blocks):
        return view
    blocks: list[Block] = []
    changed = False
    for block in view.blocks:
        entry = _captioned_entry(block) if isinstance(block, Table) else None
        changed = changed or entry is not None
        blocks.append(entry if entry is not None else block)
    if not changed:
        return view
    return DocView(name=view.name, blocks=_joined_lists(blocks), warnings=view.warnings)


def turn_captions(view: DocView) -> DocView:
    """The view with every answers-over-captions table as label | value rows (unchanged if there is none)."""
    if not any(isinstance(b, Table) and len(b.rows) >= 2 and not len(b.rows) % 2 for b in view.blocks):
        return view
    if _captions_below(view):
        # the whole document puts captions under answers: its one-pair tables and caption lines are turned too;
        # a list's entry (a family member's answers over "Name | Relationship | D.O.B.") stays a row under its
        # header, one table for the list
        blocks = [_flipped(b) if isinstance(b, Table) and _entry_pair(b)
                  else _turned(b) if isinstance(b, Table) and (_below(b) or _one_pair(b) or _loose_pair(b)) else b
                  for b in view.blocks]
        return DocView(name=view.name, blocks=_paragraph_pairs(_joined_lists(blocks)), warnings=view.warnings)
    blocks = [_turned(b) if isinstance(b, Table) and _below(b) else b for b in view.blocks]
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
