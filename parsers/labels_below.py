"""Answers printed above their labels in a text body ("Sally Whitcombe" / "Your name"): a form whose labels sat
right of their answers, saved or pasted as text one cell a line. Read top down, each label would take the next
row's answer (the faith under "Ethnicity"); such a stretch is rebuilt as label | answer rows.

Precision first: only a stretch that both starts after and ends before a heading (or a table, the text's start
or end), whose lines alternate answer, label, answer, label, with two or more different labels and no answer that
is itself a label. A stretch that could also be read label-above-answer is left alone: one after a line that may be
a label ("Child" / "Hafsa Kowalczyk" / "Date of birth" / ... is label-above with "Child" the first label) or
before a blank line (the last label's answer left empty). Once a text has a stretch that can only be read
answer-above-label, its other stretches between headings are read so too (the form is one layout throughout).
"""

from __future__ import annotations

import re

from parsers.documents.model import Block, Table

_MIN_PAIRS = 2
# a question that opens with a label's words is a label too ("Abuse or neglect: known or suspected?")
_QUESTION = re.compile(r"^[^\d@]{3,90}\?$")
# "Section 2: the child", "Part B", "3. Family": a numbered heading parts a form's sections
_NUMBERED = re.compile(r"^(?:(?:section|part)\s+(?:\d{1,2}|[a-h])\b|\d{1,2}[.)]\s+[A-Z])", re.I)


def _edge(block: Block | None) -> bool:
    """Whether a block can bound a stretch: nothing, a table, a blank line or a heading."""
    if block is None or isinstance(block, Table) or not block.strip():
        return True
    from parsers.line_kinds import section_of

    return _NUMBERED.match(block.strip()) is not None or section_of(block) is not None


def turn(blocks: list[Block]) -> list[Block]:
    """Blocks with each answer-above-label stretch rebuilt as a Table of label | answer rows."""
    from parsers.labels import ANY_LABEL
    from parsers.line_kinds import is_field_label

    def label(block: Block) -> bool:
        return isinstance(block, str) and (is_field_label(block) or (
            _QUESTION.match(block.strip()) is not None and ANY_LABEL.match(block.strip()) is not None))

    def answer(block: Block) -> bool:
        return isinstance(block, str) and bool(block.strip()) and not _edge(block) and not label(block)

    stretches: list[tuple[int, int, bool]] = []  # (start, end, can only be read answer-above-label)
    i = 0
    while i < len(blocks):
        before = blocks[i - 1] if i else None
        if not (_edge(before) and answer(blocks[i])):
            i += 1
            continue
        k = i
        while k + 1 < len(blocks) and answer(blocks[k]) and label(blocks[k + 1]):
            k += 2
        after = blocks[k] if k < len(blocks) else None
        labels = {str(blocks[j + 1]).strip().casefold() for j in range(i, k, 2)}
        if (k - i) // 2 >= _MIN_PAIRS and _edge(after) and len(labels) >= 2:
            sure = not (before is not None and label(before)) and not (isinstance(after, str) and not after.strip())
            stretches.append((i, k, sure))
            i = k
        else:
            i += 1
    if not any(sure for _, _, sure in stretches):
        return blocks
    out: list[Block] = []
    done = 0
    for start, end, _sure in stretches:
        out.extend(blocks[done:start])
        out.append(Table([[str(blocks[j + 1]).strip(), str(blocks[j]).strip()] for j in range(start, end, 2)]))
        done = end
    out.extend(blocks[done:])
    return out


_MIN_ACROSS = 3


def across(blocks: list[Block]) -> list[Block]:
    """A row of labels written one a line and then their answers one a line (a form laid out across the page,
    "Name" / "Job title" / "Organisation" then "Jo Reed" / "DSL" / "Worle School"): rebuilt as a two-row table,
    the labels over their answers, as the Word form had it. Only when the answers that follow, up to the next
    label, heading or table, are exactly as many as the labels (an empty answer an empty line) and none is a
    label; read top down, each label but the last would have had no answer and the last the first label's."""
    from parsers.line_kinds import is_field_label

    def label(block: Block) -> bool:
        return isinstance(block, str) and is_field_label(block)

    out: list[Block] = []
    i = 0
    while i < len(blocks):
        k = i
        while k < len(blocks) and label(blocks[k]):
            k += 1
        width = k - i
        if width < _MIN_ACROSS:
            out.extend(blocks[i:max(k, i + 1)])
            i = max(k, i + 1)
            continue
        j = k
        while j < len(blocks) and isinstance(blocks[j], str) and not label(blocks[j]) and (
                not str(blocks[j]).strip() or not _edge(blocks[j])):
            j += 1
        answers = [str(b).strip() for b in blocks[k:j]]
        while len(answers) > width and not answers[-1]:
            answers.pop()  # blank lines after the last answer
        if len(answers) != width or not any(answers):
            # a heading that reads as a label ("1. Referrer") may head the run: try again after it
            step = 1 if _edge(blocks[i]) else width
            out.extend(blocks[i:i + step])
            i += step
            continue
        out.append(Table([[str(b).strip() for b in blocks[i:k]], answers]))
        i = k + width
    return out
