"""HTML bodies and .htm attachments to a DocView with BeautifulSoup: tables kept as tables, the rest as lines."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers.documents.html_hidden import drop_hidden
from parsers.documents.html_order import mark_reordered
from parsers.documents.html_pairs import paired_questions
from parsers.documents.model import Block, DocView, Table
from parsers.documents.text import text_blocks
from parsers.normalise import clean

if TYPE_CHECKING:  # bs4 costs a tenth of a second to import: only when an HTML body or file is read
    from bs4 import BeautifulSoup, Tag
    from bs4.element import PageElement

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
# HTML source wraps long lines (LibreOffice and Word exports at about 80 columns): a line break or indent in a
# text node is a space on screen, so a value must not keep it. <pre> and white-space:pre keep theirs.
_SOURCE_SPACE = re.compile(r"[ \t\r\n\f]+")
_PRE_STYLE = re.compile(r"white-space\s*:\s*pre", re.I)


def _keeps_space(tag: Tag) -> bool:
    return tag.name in ("pre", "textarea", "plaintext") or _PRE_STYLE.search(str(tag.get("style") or "")) is not None


def _spaced_strings(soup: BeautifulSoup) -> set[int]:
    """The ids of the strings inside an element that keeps its spacing, in one walk down the tree: asking each
    string's parents cost the depth per string (2,000 nested <div>s under a page with a <pre>: quadratic)."""
    from bs4 import Tag

    kept: set[int] = set()
    stack: list[tuple[PageElement, bool]] = [(soup, False)]
    while stack:
        node, inside = stack.pop()
        if isinstance(node, Tag):
            inside = inside or (node is not soup and _keeps_space(node))
            stack.extend((child, inside) for child in node.contents)
        elif inside:
            kept.add(id(node))
    return kept


def _own(root: Tag, names: tuple[str, ...], fence: tuple[str, ...]) -> list[Tag]:
    """The tags named `names` under `root`, in document order, not looking inside a tag named in `fence` (nor
    inside one found): a nested table's rows and cells are its own. One walk of the root's own part of the tree,
    where asking each descendant for its nearest table or cell walked every nested level again at each level
    (300 tables nested in one another: quadratic)."""
    from bs4 import Tag

    found: list[Tag] = []
    stack: list[PageElement] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag):
            continue
        if node.name in names:
            found.append(node)
            if node.name in fence:
                continue
        elif node.name in fence:
            continue
        stack.extend(reversed(node.contents))
    return found


def _squash_source_space(soup: BeautifulSoup) -> None:
    """Collapse whitespace runs in text nodes as a browser shows them (no node becomes empty: a lone newline
    between two inline elements is still a space)."""
    from bs4 import Tag
    from bs4.element import NavigableString

    # which nodes keep their spacing is asked only of a page that has somewhere to keep it
    kept = soup.find(["pre", "textarea", "plaintext"]) is not None or any(
        isinstance(t, Tag) and _PRE_STYLE.search(str(t.get("style") or "")) for t in soup.find_all(style=True))
    spaced = _spaced_strings(soup) if kept else set()
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or not _SOURCE_SPACE.search(node) or id(node) in spaced:
            continue
        squashed = _SOURCE_SPACE.sub(" ", str(node))
        if squashed != node:
            node.replace_with(NavigableString(squashed))


def _checkbox_glyphs(soup: BeautifulSoup) -> None:
    """<input type=checkbox checked> becomes a glyph so ticks survive get_text()."""
    from bs4 import Tag

    for box in soup.find_all("input"):
        if isinstance(box, Tag) and str(box.get("type", "")).lower() in {"checkbox", "radio"}:
            box.replace_with("☒" if box.has_attr("checked") else "☐")


# a background that marks a chosen option ("#FFFF00", "yellow"); white or none marks nothing
_MARKED = re.compile(r"background(?:-color)?\s*:\s*(?!\s*(?:#f{3}\b|#f{6}\b|white\b|transparent\b|none\b|inherit\b))"
                     r"(?:#[0-9a-f]{3,8}\b|[a-z]+\b|rgba?\()", re.I)


def _text_lengths(soup: BeautifulSoup) -> dict[int, int]:
    """The length of each element's get_text(strip=True), by id, in one walk up from the leaves: asking each
    element for its text walked its whole subtree (4,000 nested <span>s: 3.8 s, quadratic). Counts the strings
    get_text counts by default (NavigableString, CData: not comments)."""
    from bs4 import Tag
    from bs4.element import NavigableString

    kinds = Tag.MAIN_CONTENT_STRING_TYPES
    lengths: dict[int, int] = {}
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        tag, done = stack.pop()
        if not done:
            stack.append((tag, True))
            stack.extend((child, False) for child in tag.contents if isinstance(child, Tag))
            continue
        lengths[id(tag)] = sum(lengths[id(c)] if isinstance(c, Tag) else len(c.strip()) for c in tag.contents
                               if isinstance(c, Tag) or (isinstance(c, NavigableString) and type(c) in kinds))
    return lengths


def _highlighted_choices(soup: BeautifulSoup) -> None:
    """Options printed side by side with the chosen one only highlighted (a portal export: "<span
    style='background-color:#FFFF00'>No</span>" among plain "Yes"): the chosen one ticked, the others empty
    boxes, so the choice survives get_text(). Only among two or more short sibling options with exactly one
    highlighted."""
    from bs4 import Tag

    lengths = _text_lengths(soup)

    def length(tag: Tag) -> int:  # len(tag.get_text(strip=True)), counted once for the whole page
        if tag.interesting_string_types in (None, Tag.MAIN_CONTENT_STRING_TYPES):
            return lengths[id(tag)]
        return len(tag.get_text(strip=True))

    for parent in soup.find_all(True):
        opts = [c for c in parent.children if isinstance(c, Tag) and c.name in ("span", "mark", "b", "strong")
                and 0 < length(c) <= 30]
        if len(opts) < 2:
            continue
        marked = [c for c in opts if c.name == "mark" or _MARKED.search(str(c.get("style", "")))]
        if len(marked) != 1:
            continue
        for c in opts:
            c.insert(0, "☒ " if c is marked[0] else "☐ ")


_BR = "\ue000"  # a <br> while the cell's text is gathered: get_text(strip=True) would drop a "\n" string


_TAB = "\ue001"  # a nested table's column break, likewise


def _nest(cell: Tag) -> None:
    """A table inside the cell becomes tab-separated lines in a paragraph of its own, as the Word reader gives a
    nested table (parsers.nested_tables then takes it out as a table under its box's title)."""
    from bs4 import BeautifulSoup

    for inner in _own(cell, ("table",), ("table", "td", "th")):
        lines = [_TAB.join(c.replace("\n", " ") for c in row) for row in _table(inner).rows]
        para = BeautifulSoup("", "html.parser").new_tag("p")
        para.string = _BR.join(lines)
        inner.replace_with(para)


def _cell_text(cell: Tag) -> str:
    if cell.find("table") is not None:
        _nest(cell)
    for br in cell.find_all("br"):
        br.replace_with(_BR)
    # the outermost paragraphs only: a <p> inside a <div> (Gmail, an inline-block column) is read once, not twice
    blocks = [p for p in cell.find_all(["p", "div", "li"], recursive=True)
              if p.find_parent(["p", "div", "li", "td", "th"]) is cell]
    parts = [p.get_text(" ", strip=True) for p in blocks]
    text = "\n".join(p for p in parts if p) if parts else cell.get_text(" ", strip=True)
    # a line break in a cell parts its lines (a list typed one item a line), as a paragraph break does
    text = re.sub(r"\s*\ue000\s*", "\n", text).strip("\n ").replace(_TAB, "\t")
    return clean(text).strip()


def _part_text(tag: Tag) -> str:
    """A label's or answer's text as shown, without changing the tree (the element may yet be left as text)."""
    return clean(tag.get_text(" ", strip=True)).strip()


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name) or 1)), 20))
    except ValueError:
        return 1


def _table(table: Tag) -> Table:
    """Rows of cell texts laid on a grid: a cell spanning columns is followed by empty cells, one spanning rows
    is repeated in the rows below, so that every value stays under its own column header."""
    from bs4 import Tag

    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill) from a rowspan above
    for tr in _own(table, ("tr",), ("table",)):
        row: list[str] = []
        for td in tr.find_all(["td", "th"], recursive=False):  # a nested table's cells are its own
            if not isinstance(td, Tag):
                continue
            while len(row) in pending:
                text, left = pending.pop(len(row))
                row.append(text)
                if left > 1:
                    pending[len(row) - 1] = (text, left - 1)
            text = _cell_text(td)
            down = _span(td, "rowspan")
            for k in range(_span(td, "colspan")):
                if down > 1:
                    pending[len(row)] = (text if k == 0 else "", down - 1)
                row.append(text if k == 0 else "")
        while len(row) in pending:
            text, left = pending.pop(len(row))
            row.append(text)
            if left > 1:
                pending[len(row) - 1] = (text, left - 1)
        rows.append(row)
    return Table([r for r in rows if r])


def _definitions(dl: Tag) -> Table | None:
    """A definition list (<dl>: <dt> term, <dd> its answer), as an online-forms service sends each person or agency
    ("Full name" / "Abena Kavanagh"), read as a label | value table: flattened to text, the terms ran into their
    answers ("Full nameAbena Kavanagh"). A term with several answers keeps them a line each; a list with no term
    and answer paired (or one nested in a table cell) is left as text."""
    from bs4 import Tag

    rows: list[list[str]] = []
    for child in dl.find_all(["dt", "dd"]):
        if not isinstance(child, Tag) or child.find_parent("dl") is not dl:
            continue
        text = _cell_text(child)
        if child.name == "dt":
            rows.append([text, ""])
        elif rows and not rows[-1][1]:
            rows[-1][1] = text
        elif rows:
            rows[-1][1] = f"{rows[-1][1]}\n{text}" if text else rows[-1][1]
    rows = [r for r in rows if r[0] or r[1]]
    return Table(rows) if rows and any(r[0] and r[1] for r in rows) else None


def _text_with_breaks(root: Tag) -> str:
    """The text of `root` with a line break around each block element, in one pass over the tree.

    Inserting "\n" strings before and after each block tag (as this did) costs a walk to the tag's last
    descendant each time: 50,000 nested <div>s took minutes. An explicit stack also survives nesting
    deeper than Python's recursion limit.
    """
    from bs4 import CData, Tag
    from bs4.element import NavigableString

    out: list[str] = []
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append("\n")
        elif isinstance(node, Tag):
            if node.name == "br":
                out.append("\n")
                continue
            if node.name in _BLOCK_TAGS and node is not root:
                out.append("\n")
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):  # as get_text(): not comments or doctypes
            out.append(str(node))
    return "".join(out)


# `<bdo dir=rtl>` and `unicode-bidi: bidi-override; direction: rtl` draw their letters right to left: the text
# is kept inside RIGHT-TO-LEFT OVERRIDE ... POP DIRECTIONAL FORMATTING, so the case finder sees it is reordered
# (fields.cases_named refuses a command holding one) rather than reading "200-6202-RPSC-SN" as no reference.
_OVERRIDE = re.compile(r"unicode-bidi\s*:\s*(?:bidi-override|isolate-override)", re.I)
_RTL = re.compile(r"direction\s*:\s*rtl", re.I)


def _shown_as_browsers_do(soup: BeautifulSoup) -> None:
    """What html.parser keeps apart from what a browser draws: a `<![CDATA[ .. ]]>` outside SVG/MathML is a
    bogus comment to a browser (never drawn); a table's <caption> is drawn above it (the table reader takes rows
    only, so it becomes a paragraph before the table); right-to-left overrides are marked (above)."""
    from bs4 import CData, Tag

    for node in soup.find_all(string=lambda s: isinstance(s, CData)):
        node.extract()
    for caption in soup.find_all("caption"):
        table = caption.find_parent("table") if isinstance(caption, Tag) else None
        if isinstance(caption, Tag) and table is not None:
            caption.name = "p"
            table.insert_before(caption.extract())
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag):
            continue
        style = str(tag.get("style") or "")
        rtl = str(tag.get("dir") or "").lower() == "rtl" or _RTL.search(style) is not None
        if rtl and (tag.name == "bdo" or _OVERRIDE.search(style)):
            tag.insert(0, "\u202e")
            tag.append("\u202c")


# CSS generated content: `content: "text"` or `content: attr(name)` (bounded: 20 rules, 50 values in all)
_CONTENT = re.compile(r"content\s*:\s*(?:\"([^\"]{0,300})\"|'([^']{0,300})'|attr\(\s*([\w-]{1,40})\s*\))", re.I)
_NOT_DRAWN_INPUTS = frozenset({"hidden", "checkbox", "radio", "password", "file", "image"})


def _aside(soup: BeautifulSoup) -> list[str]:
    """What a reader draws that is not in the text flow html.parser gives (shown elements only, after
    drop_hidden): `<img alt>` (Outlook blocks images and shows their alt text), `<input value>`, and the
    strings or attributes a sheet's `::before` / `::after` put on screen."""
    from bs4 import Tag

    out: list[str] = []
    for tag in soup.find_all(["img", "input"]):
        if not isinstance(tag, Tag):
            continue
        if tag.name == "img":
            out.append(str(tag.get("alt") or ""))
        elif str(tag.get("type") or "text").lower() not in _NOT_DRAWN_INPUTS:
            out.append(str(tag.get("value") or ""))
    for style in soup.find_all("style"):
        if _OVERRIDE.search(style.get_text()) and _RTL.search(style.get_text()):
            out.append("\u202e\u202c")  # a sheet rule reversing some text: which text is not worked out
        for double, single, attr in _CONTENT.findall(style.get_text())[:20]:
            if attr:
                out += [str(t.get(attr)) for t in soup.find_all(True) if isinstance(t, Tag) and t.has_attr(attr)][:20]
            else:
                out.append(double or single)
    return [clean(t).strip()[:300] for t in out if t.strip()][:50]


def read_html(data: bytes | str, name: str) -> DocView:
    """Tables become Table blocks (outermost only); everything else becomes text lines."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(data, "html.parser")
    _shown_as_browsers_do(soup)
    # what the reader does not show is not read (html_hidden: inline styles, attributes and the <style> sheets,
    # so before those go)
    # layout drawing a reference or a command in another order than stored is marked (html_order)
    mark_reordered(soup, drop_hidden(soup))
    aside = _aside(soup)
    for junk in soup(["script", "style", "head", "title", "template"]):
        junk.decompose()
    _checkbox_glyphs(soup)
    _highlighted_choices(soup)
    _squash_source_space(soup)
    # Tables are lifted out first and replaced by a marker line, so their order among paragraphs is kept.
    pending: dict[str, Table] = {}
    tables = [t for t in soup.find_all("table") if isinstance(t, Tag) and t.find_parent("table") is None]
    for index, table in enumerate(tables):
        marker = f"@@TABLE{index}@@"
        grid = _table(table)
        if len(grid.rows) >= 4 and all(len(row) == 1 for row in grid.rows):
            # one column of rows (a forms receipt's question row over its answer row): lines of text, read as
            # labels over their values, not one table cell a row
            table.replace_with(soup.new_string("\n" + "\n".join(row[0] for row in grid.rows) + "\n"))
            continue
        pending[marker] = grid
        table.replace_with(soup.new_string(f"\n{marker}\n"))
    # definition lists outside any table likewise: a term beside its answer, as a table row
    lists = [d for d in soup.find_all("dl") if isinstance(d, Tag) and d.find_parent(["dl", "table"]) is None]
    for index, dl in enumerate(lists):
        found = _definitions(dl)
        if found is not None:
            marker = f"@@DLIST{index}@@"
            pending[marker] = found
            dl.replace_with(soup.new_string(f"\n{marker}\n"))
    # a portal's question wrappers (<div><label>Q</label><span>A</span></div>) likewise (html_pairs)
    for index, (first, rows) in enumerate(paired_questions(soup, _part_text)):
        marker = f"@@PAIRS{index}@@"
        pending[marker] = Table(rows)
        first.replace_with(soup.new_string(f"\n{marker}\n"))
    blocks: list[Block] = []
    for piece in text_blocks(_text_with_breaks(soup)):
        if isinstance(piece, str) and piece.strip() in pending:
            blocks.append(pending.pop(piece.strip()))
        else:
            blocks.append(piece)
    return DocView(name=name, blocks=blocks, aside=aside)
