"""One person's name asked in two boxes side by side ("Referrer forename | Referrer surname") over their answers
("Marisol | Rhydderch"): read as the one field the form means ("Referrer name | Marisol Rhydderch").

Without it the pair is no known label, the row above its answers is not all labels, and nothing in that row is
read (a fillable PDF with split name fields lost the referrer's name). Precision first: the two captions must name
the same person ("Referrer ..." both), sit next to each other over a row as wide, both answers filled and no label;
the row under the answers may not be a second row of answers in those columns (that is a list, rows.py reads it).
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, DocView, Table

_FIRST = re.compile(r"^(?P<who>[A-Za-z][\w'’ ]*?)\s+(?:fore ?names?|first names?|given names?)(?:\s*\(s\))?\s*:?$",
                    re.I)
_LAST = re.compile(r"^(?P<who>[A-Za-z][\w'’ ]*?)\s+(?:surname|last name|family name)\s*:?$", re.I)


def _joined(table: Table) -> Table | None:
    from parsers.labels_right import is_label

    rows = [list(r) for r in table.rows]
    changed = False
    for r in range(len(rows) - 1):
        caps, answers = rows[r], rows[r + 1]
        if len(caps) != len(answers):
            continue
        for c in range(len(caps) - 1):
            first, last = _FIRST.match(caps[c].strip()), _LAST.match(caps[c + 1].strip())
            if first is None or last is None or first.group("who").lower() != last.group("who").lower():
                continue
            a, b = answers[c].strip(), answers[c + 1].strip()
            if not a or not b or is_label(a) or is_label(b) or "\n" in a + b:
                continue
            after = rows[r + 2] if r + 2 < len(rows) else []
            if len(after) == len(caps) and any(after[k].strip() and not is_label(after[k]) for k in (c, c + 1)):
                continue  # a second row of answers under the same boxes: a list, not one person
            caps[c:c + 2] = [f"{first.group('who')} name"]
            answers[c:c + 2] = [f"{a} {b}"]
            changed = True
            break
    if not changed:
        return None
    return Table(rows, columns_uncertain=table.columns_uncertain, continues=table.continues, origin=table.origin)


def join_split_names(view: DocView) -> DocView:
    """The view with each split forename | surname pair as one name (unchanged if there is none)."""
    blocks: list[Block] = []
    changed = False
    for block in view.blocks:
        if isinstance(block, Table) and (joined := _joined(block)) is not None:
            block, changed = joined, True
        blocks.append(block)
    return DocView(name=view.name, blocks=blocks, warnings=view.warnings) if changed else view
