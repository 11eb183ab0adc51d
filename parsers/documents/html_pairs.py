"""A portal page's question/answer pairs read by their DOM shape: each `<div><label>Q</label><span>A</span></div>`
(or a `class="...label"` element before its answer elements) is a label | value table row, as a definition list is.

Flattened to text, an inline label ran into its answer ("Full nameDeclan Pitman") and no label reader could part
them; a browser draws them apart (the page's sheet gives the label its own width or line). Only a wrapper whose
own text is nothing but a label element followed by answer elements is read so, so a sentence with a bold word
or a <label> inside running text stays text. Consecutive wrappers make one table; a heading between them ("Person
2") parts the tables, as the definition lists of a forms service are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from parsers.normalise import radios_as_boxes

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# wrappers a page draws each question in (a row of a form), and the elements that hold a label or an answer
_WRAPPERS = frozenset({"div", "p", "li", "section", "fieldset"})
_PARTS = frozenset({"label", "span", "div", "p", "output", "strong", "b", "em", "i", "a", "mark", "time", "dt",
                    "dd", "legend"})
# a class or id naming the element a label: "q-label", "field_label", "questionText", "form-prompt", "lbl"
_LABEL_CLASS = re.compile(r"(?:^|[\s_-])(?:label|lbl|question|prompt|caption|legend|field-?name|key)(?:$|[\s_-]|text)",
                          re.I)
_BOXES_ONLY = re.compile(r"^[\s☒☐|/,;:-]*$")  # an <input> radio or checkbox, already a glyph, between options
_MAX_LABEL = 120
_HEAVY = frozenset({"li", "section", "fieldset", "table", "dl", "ul", "ol"})  # a question, not a paragraph


def _is_label(tag: Tag) -> bool:
    if tag.name in ("label", "dt", "legend"):
        return True
    names = " ".join(str(v) for v in (tag.get("class") or []))  # bs4 gives class as a list
    return bool(_LABEL_CLASS.search(names) or _LABEL_CLASS.search(str(tag.get("id") or "")))


def _inner_marks(soup: BeautifulSoup) -> tuple[set[int], set[int]]:
    """Two sets of element ids, each in one walk (a page of 50,000 nested elements must not cost a walk per
    element): those holding a label, list item, section, table or definition list below them (never a pair's
    part), and those inside a table or definition list (read by their own readers)."""
    from bs4 import Tag

    holding: set[int] = set()
    inside: set[int] = set()
    stack: list[tuple[Tag, bool, bool]] = [(soup, False, False)]
    while stack:
        tag, fenced, done = stack.pop()
        if done:
            if any(id(c) in holding or c.name in _HEAVY or _is_label(c) for c in tag.contents if isinstance(c, Tag)):
                holding.add(id(tag))
            continue
        if fenced:
            inside.add(id(tag))
        stack.append((tag, fenced, True))
        fence = fenced or tag.name in ("table", "dl")
        stack.extend((c, fence, False) for c in tag.contents if isinstance(c, Tag))
    return holding, inside


def _pair(wrapper: Tag, text_of: Callable[[Tag], str], holding: set[int]) -> tuple[str, str] | None:
    """(label, answer) when `wrapper` holds only a label element followed by answer elements (text only in them),
    else None. An answer may be empty (a question left blank) and may be several elements (radio options)."""
    from bs4 import Tag
    from bs4.element import NavigableString

    if wrapper.name not in _WRAPPERS:
        return None
    parts: list[Tag] = []
    pieces: list[Tag | str] = []  # what follows the label, in order: answer elements and the boxes of radios
    for child in wrapper.contents:
        if isinstance(child, Tag):
            parts.append(child)
            pieces.append(child)
        elif type(child) is NavigableString and child.strip():
            if not _BOXES_ONLY.match(child):
                return None  # text of the wrapper's own: a sentence, not a pair
            pieces.append(str(child).strip())
    if len(parts) < 2 or pieces[0] is not parts[0] or not _is_label(parts[0]):
        return None
    if any(p.name not in _PARTS for p in parts):
        return None
    if any(_is_label(p) and p.name != "label" for p in parts[1:]):
        return None  # two labels in one wrapper: a layout of its own, not one question
    if any(id(p) in holding for p in parts):
        return None  # a question nested in another's answer, or a list or table: not one pair
    label = text_of(parts[0])
    if not label or len(label) > _MAX_LABEL or "@@" in label:
        return None
    # radio options each in an element of its own ("◉ Yes", "○ No") are one group once joined, and an input's
    # box (already a glyph) stays before its option's <label>
    texts = (p if isinstance(p, str) else text_of(p) for p in pieces[1:])
    answer = radios_as_boxes(" ".join(t for t in texts if t))
    if "@@TABLE" in answer or "@@DLIST" in answer:
        return None
    return label, answer


def _runs_under(parent: Tag, text_of: Callable[[Tag], str], seen: set[int],
                holding: set[int]) -> list[list[tuple[Tag, list[str]]]]:
    """The runs of consecutive question wrappers among `parent`'s children, each wrapper with its row."""
    from bs4 import Tag
    from bs4.element import NavigableString

    runs: list[list[tuple[Tag, list[str]]]] = [[]]
    for child in list(parent.contents):
        if isinstance(child, Tag) and id(child) not in seen:
            found = _pair(child, text_of, holding)
            if found is not None:
                seen.add(id(child))
                runs[-1].append((child, list(found)))
                continue
        elif type(child) is NavigableString and not child.strip():
            continue
        if runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def paired_questions(soup: BeautifulSoup, text_of: Callable[[Tag], str]) -> list[tuple[Tag, list[list[str]]]]:
    """Runs of consecutive question wrappers (only blank text between them) outside tables, each run with its
    label | answer rows; the first wrapper of a run stands for it (the caller puts the table there), the others
    are taken out of the page."""
    from bs4 import Tag

    found: list[tuple[Tag, list[list[str]]]] = []
    seen: set[int] = set()
    holding, inside = _inner_marks(soup)
    for parent in [soup, *soup.find_all(True)]:
        if not isinstance(parent, Tag) or parent.name in ("table", "dl") or id(parent) in inside:
            continue
        for run in _runs_under(parent, text_of, seen, holding):
            found.append((run[0][0], [row for _, row in run]))
            for tag, _ in run[1:]:
                tag.extract()
    return found
