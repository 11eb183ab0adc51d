"""Two boxes printed side by side ("THE CHILD | THE REFERRER"), saved or pasted as text: both headings come
first, then the left box's lines, then the right box's. Read in that order every answer would be the second
heading's (the child's name as the referrer's). When two section headings stand together with nothing between
them and the next two runs of lines (parted by blank lines) each open with a label ("Name"), each run is put back
under its own heading; otherwise the text is left as it is.
"""

from __future__ import annotations

from parsers.documents.model import Block, Table


def _section(block: Block) -> str | None:
    from parsers.line_kinds import section_of

    return section_of(block) if isinstance(block, str) else None


def _labelled(block: Block) -> bool:
    from parsers.line_kinds import is_field_label

    return isinstance(block, str) and is_field_label(block)


def regroup(blocks: list[Block]) -> list[Block]:
    """Blocks with each pair of side-by-side headings followed by their two boxes in turn."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        first, second = _section(blocks[i]), _section(blocks[i + 1]) if i + 1 < len(blocks) else None
        if first is None or second is None or first == second:
            out.append(blocks[i])
            i += 1
            continue
        k = i + 2
        while k < len(blocks) and _section(blocks[k]) is None and not isinstance(blocks[k], Table):
            k += 1
        groups: list[tuple[int, int]] = []  # (start, end) of each run of non-blank lines
        j = i + 2
        while j < k and len(groups) < 3:
            if str(blocks[j]).strip():
                end = j
                while end < k and str(blocks[end]).strip():
                    end += 1
                groups.append((j, end))
                j = end
            else:
                j += 1
        boxes = groups[:2]
        # each box opens with a label of its own ("Name"), and both are boxes of two or more lines
        if len(boxes) != 2 or not all(end - start >= 2 and _labelled(blocks[start]) for start, end in boxes):
            out.append(blocks[i])
            i += 1
            continue
        (a, b), (c, d) = boxes
        out += [blocks[i], *blocks[a:b], "", blocks[i + 1], *blocks[c:d], ""]
        i = d
    return out
