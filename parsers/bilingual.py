"""A bilingual form ("Enw / Name", "1. Manylion yr atgyfeiriwr / Referrer details", "Ydy / Yes"): its English half.

Welsh public bodies print every label, heading and option in Welsh and English, one after the other with a slash
between. Read whole, "Dyddiad geni / Date of birth" starts with no label the lexicon knows. A cell is cut to the
part after its slash only when that part is a label, a heading or a yes/no answer and the part before it is none
of those (an English "Agency / organisation" or "Name / Relationship" stays whole), and only in a view with three
or more such cells: a form printed in two languages, not an English form with one slash in it.
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table

_ANSWER = re.compile(r"^(?:yes|no|not known|unknown|known|suspected)$", re.I)
_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.)]\s+)")


def _english(text: str) -> str | None:
    """The English half of one bilingual cell, or None."""
    if " / " not in text or "\n" in text or len(text) > 200:
        return None
    from parsers.labels import ANY_LABEL, HEADINGS

    number = _NUMBER.match(text)
    body = text[number.end() :] if number else text
    left, right = (p.strip() for p in body.rsplit(" / ", 1))
    if not left or not right:
        return None

    def known(part: str) -> bool:
        text = part.rstrip(" ?:*")
        # (the lexicon's union takes the first alternative that matches, not the longest: "Date" of "Date of
        # birth"; the whole is a label when it matches whole, or the match leaves a word or two of the label's)
        m = ANY_LABEL.match(text)
        label = ANY_LABEL.fullmatch(text) is not None or (m is not None and len(text[m.end():].split()) <= 2)
        return label or any(rx.match(part) for _, rx in HEADINGS) or _ANSWER.match(part) is not None

    if not known(right) or known(left) or ANY_LABEL.match(left):
        return None
    return (number.group(0) if number else "") + right


def english_half(view: DocView) -> DocView:
    """The view with each bilingual cell cut to its English half (unchanged unless three or more are)."""
    found = 0
    blocks: list[Block] = []
    for block in view.blocks:
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells = []
                for cell in row:
                    half = _english(cell)
                    found += half is not None
                    cells.append(half if half is not None else cell)
                rows.append(cells)
            blocks.append(Table(rows, block.columns_uncertain, block.continues))
        else:
            half = _english(block)
            found += half is not None
            blocks.append(half if half is not None else block)
    if found < 3:
        return view
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings)
