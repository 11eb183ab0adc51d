"""HTML whose layout draws its text in another order than the source: marked so a command in it is refused.

A flex row drawn `row-reverse`, items moved by `order`, a grid laid right to left, letters placed one by one with
`position: absolute`, a box mirrored by `scaleX(-1)`: the reader sees "NS-CSPR-2026-002" where the source holds
"200-6202-RPSC-SN" (stranger round 10). The drawn order is not worked out (wrapping, widths and overlaps are the
reader's): where such layout holds a case reference in any order it could be drawn in (as stored, by its `order`
and offsets, backwards), or a command line, the text is marked with U+2068 U+2069 and fields.cases_named refuses
the command as ambiguous ("text laid out in another order"). Layout holding neither (a signature's icon row, a
flex two-column footer) is read as written. A right-to-left override reached however (a sheet, `var()`,
`!important`) is marked as `<bdo>` is, with U+202E ... U+202C.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

    from parsers.documents.html_hidden import Layout

LAID_OUT = "\u2068\u2069"  # an empty first-strong isolate: no effect on screen, the finder's mark
_CONTAINERS = 60  # containers (and positioned boxes) looked at; a mail with more is marked whole
_TEXT = 2_000  # characters of one container read in each order


def _command_line(text: str) -> bool:
    from parsers.reply import command_line

    return any(command_line(line) for line in text.split("\n"))


def _cases(text: str) -> frozenset[str]:
    from parsers.fields import loose_case_refs

    return frozenset(loose_case_refs(text)) if re.search(r"\d|\bcase\b", text, re.I) else frozenset()


def _orders(container: Tag, layouts: dict[int, Layout], reverse: bool) -> tuple[list[str], list[str]]:
    """The container's text as stored, and as it may be drawn: by its items' keys (reversed when the container
    draws last to first; right floats right to left), and backwards; each joined with and without spaces."""
    from bs4 import Tag

    items: list[tuple[float, bool, str]] = []
    for child in container.children:
        text = child.get_text(" ") if isinstance(child, Tag) else str(child)
        if text.strip():
            found = layouts.get(id(child))
            key = found.key if found is not None and found.key is not None else 0.0
            items.append((key, found is not None and found.floated, text.strip()))
    stored = [t for _, _, t in items]
    drawn = [t for _, _, t in sorted(items, key=lambda item: item[0])]
    if reverse:
        drawn.reverse()
    floats = [t for _, f, t in items if f]
    others = [(["".join(order)[:_TEXT], " ".join(order)[:_TEXT]]) for order in
              (drawn, stored[::-1], [t for _, f, t in items if not f] + floats[::-1])]
    return ["".join(stored)[:_TEXT], " ".join(stored)[:_TEXT]], [t for pair in others for t in pair]


def _mark(tag: Tag) -> None:
    """The mark goes at the end of the box's text: in a table, inside its last cell (the table reader reads cells)."""
    from bs4 import Tag

    if tag.name in ("table", "thead", "tbody", "tfoot", "tr"):
        cells = [c for c in tag.find_all(["td", "th"]) if isinstance(c, Tag)]
        if cells:
            cells[-1].append(LAID_OUT)
            return
    tag.append(LAID_OUT)


# A reference, whole or begun: "NS-CSPR-2026-00", "case 1". Loose on purpose: only where it runs across the edge
# of a box that moves or reorders its text (Layout.shaped) does it count.
_REF = re.compile(r"N\W{0,3}S\W{0,3}C\W{0,3}S\W{0,3}P\W{0,3}R(?:\W{0,3}\d{1,4}(?:\W{0,3}\d+)?)?"
                  r"|\bcase\W{0,3}(?:(?:no|nr|number)\b\W{0,3})?\d+", re.I)
_BLOCKS = frozenset({"p", "div", "td", "th", "tr", "table", "li", "ul", "ol", "br", "hr", "blockquote", "pre",
                     "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "dd", "dt"})


def _split_refs(root: Tag, shaped: set[int]) -> list[Tag]:
    """The shaped boxes whose edge runs through a reference: "NS-CSPR-2026-00<box>1 2</box>" is drawn as
    "NS-CSPR-2026-002 1" by a reversed box and read as 001 (stranger round 12). One walk of the text (blocks
    apart), each reference's span against each shaped box's."""
    from bs4 import Tag
    from bs4.element import NavigableString

    parts: list[str] = []
    size = 0
    spans: list[tuple[Tag, int, int]] = []
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):  # the end of a shaped box
            spans.append((node[0], node[1], size))
        elif isinstance(node, Tag):
            if node.name in _BLOCKS:
                parts.append("\n")
                size += 1
            if id(node) in shaped:
                stack.append((node, size))
            stack.extend(reversed(list(node.children)))
        elif type(node) is NavigableString:
            parts.append(str(node))
            size += len(parts[-1])
    text = "".join(parts)
    refs = [(m.start(), m.end()) for m in _REF.finditer(text)]
    starts = [start for start, _ in refs]
    split = []
    for tag, begin, end in spans:
        i = max(bisect_left(starts, begin) - 1, 0)
        while i < len(refs) and refs[i][0] < end:
            start, stop = refs[i]
            if stop > begin and (start < begin or stop > end):
                split.append(tag)  # the reference has characters in the box and outside it
                break
            i += 1
    return split


def mark_reordered(root: Tag, found: list[tuple[Tag, Layout]]) -> None:
    """Mark the text of layout that may draw a case reference or a command in another order (see above)."""
    from bs4.element import NavigableString

    layouts = {id(tag): layout for tag, layout in found}
    shaped = {id(tag) for tag, layout in found if layout.shaped}
    split = _split_refs(root, shaped) if shaped else []
    containers: dict[int, tuple[Tag, bool, bool]] = {}  # tag, draws all its content reordered, draws last first
    for tag, layout in found:
        if layout.override:
            tag.insert(0, "\u202e")
            tag.append("\u202c")
        if layout.reverse or layout.mirrored:
            containers[id(tag)] = (tag, True, layout.reverse)
        parent = tag.parent
        if (layout.key is not None or layout.lifted or layout.floated or layout.tiled) and parent is not None \
                and id(parent) not in containers:
            containers[id(parent)] = (parent, False, False)
    for tag in split:
        _mark(tag)  # a reference split across the edge of a box that moves or reorders its part
    lifted = [tag for tag, layout in found if layout.lifted]
    if len(containers) > _CONTAINERS or len(lifted) > _CONTAINERS:
        # marked after the first text (at the end it could fall under a quoted-history header)
        first = next((s for s in root.find_all(string=True) if type(s) is NavigableString and s.strip()), None)
        if first is None:
            root.append(LAID_OUT)
        else:
            first.insert_after(LAID_OUT)
        return
    for tag, whole, reverse in containers.values():
        stored, drawn = _orders(tag, layouts, reverse)
        own = layouts.get(id(tag))
        if own is not None and own.mirrored:
            drawn.append(tag.get_text()[:_TEXT][::-1])
        if whole:  # nested boxes and table rows reversed too: its strings last to first
            drawn.append("".join(list(tag.stripped_strings)[::-1])[:_TEXT])
        named = [_cases(t) for t in stored]
        moved = [_cases(t) for t in drawn]
        if whole and (any(named + moved) or _command_line(tag.get_text("\n")[:_TEXT])):
            _mark(tag)  # a reversed or mirrored box holding a reference or a command
        elif any(m - frozenset().union(*named) for m in moved):
            _mark(tag)  # items moved so that they spell a case the source does not
    for tag in lifted:
        # text lifted out of the flow can be drawn over or beside any other: one holding a reference is marked
        if _cases(tag.get_text(" ")[:_TEXT]):
            _mark(tag)
