"""PDF pages as positioned words, ruling lines and form widgets, in one pass of pypdf's text extraction.

Word processors and report tools print forms as tables drawn with ruling lines: a cell's text wraps onto
several lines, and reading the page as plain text breaks each cell into pieces that look like new rows. Here
the rules drawn on the page give the rows and columns; the words inside each cell are that cell's text. Text
outside any ruled table becomes a laid-out text (columns kept apart by spaces), read as before. A fillable
form's values sit in widgets, not in the page text: each widget is placed on the page where it is drawn, beside
the label printed at its left, so that "Text1" fields still meet their labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from parsers.normalise import CHECKED, UNCHECKED, clean, symbol_glyph

_TOL = 2.0  # points: rules and baselines closer than this are the same


@dataclass
class Frag:
    x: float
    y: float
    size: float
    text: str
    box: float = 0.0  # a form widget's right edge (0 for printed text): its value never runs past it
    drawn: bool = False  # a tick box drawn with lines (its mark read from strokes inside it, see _drawn_boxes)
    struck: bool = False  # a line drawn through its middle: a "delete as appropriate" option deleted (_strike)

    @property
    def right(self) -> float:
        width = _width(self.text.rstrip("\n"), self.size)
        return min(self.x + width, self.box) if self.box else self.x + width


def _width(text: str, size: float) -> float:
    """Estimated advance width: Helvetica/Arial average about half an em per character."""
    return len(text) * size * 0.5


@dataclass
class PageItems:
    frags: list[Frag] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)
    width: float = 612.0
    height: float = 792.0
    symbols: int = 0  # boxes read from a symbol font (Wingdings): plain text extraction would lose them
    struck: int = 0  # words struck through (plain text extraction would keep them as if chosen)


_SYMBOL_NAME = re.compile(r"(wingdings(?:[\s-]*2)?|symbol)", re.I)


def _symbol_font(font: Any) -> str | None:
    """"wingdings", "wingdings 2" or "symbol" when a text run is set in that symbol font (a subset prefix such as
    "ABCDEF+Wingdings-Regular" allowed); None for any other font."""
    try:
        name = str(font.get("/BaseFont", "")) if font is not None else ""
    except Exception:
        return None
    m = _SYMBOL_NAME.search(name)
    if m is None:
        return None
    found = m.group(1).lower()
    return "wingdings 2" if found.endswith("2") else "wingdings" if found.startswith("wingdings") else "symbol"


def _apply(cm: list[float], x: float, y: float) -> tuple[float, float]:
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]


def read_page(page: Any) -> PageItems:
    """Positioned text fragments and ruling lines of one page (widgets added by add_widgets)."""
    items = PageItems()
    try:
        box = page.mediabox
        items.width, items.height = float(box.width), float(box.height)
    except Exception:
        pass
    path: list[tuple[float, float]] = []
    segments: list[tuple[float, float, float, float]] = []
    rects: list[tuple[float, float, float, float]] = []

    def on_text(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text or not text.strip():
            return
        symbols = _symbol_font(font)
        if symbols is not None:
            # a Wingdings box printed from Word comes out as "þ" / "¨": the glyph it shows, or nothing
            text = "".join(symbol_glyph(symbols, c) for c in text)
            items.symbols += sum(1 for c in text if c in (CHECKED, UNCHECKED))
            if not text.strip():
                return
        x, y = _apply(cm, tm[4], tm[5])
        scale = abs(tm[3] * cm[3]) or 1.0
        items.frags.append(Frag(x, y, (size or 10.0) * scale, text))

    def on_op(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        try:
            if op == b"m" and len(args) >= 2:
                path[:] = [_apply(cm, float(args[0]), float(args[1]))]
            elif op == b"l" and len(args) >= 2 and path:
                end = _apply(cm, float(args[0]), float(args[1]))
                segments.append((*path[-1], *end))
                path.append(end)
            elif op == b"re" and len(args) >= 4:
                x0, y0 = _apply(cm, float(args[0]), float(args[1]))
                x1, y1 = _apply(cm, float(args[0]) + float(args[2]), float(args[1]) + float(args[3]))
                rects.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        except (TypeError, ValueError):
            pass

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_op)
    segments = _strike(items, segments)
    boxes = _drawn_boxes(items, rects, segments)
    for x0, y0, x1, y1 in segments:
        if abs(y0 - y1) < _TOL and abs(x1 - x0) > 4:
            items.hrules.append((y0, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) < _TOL and abs(y1 - y0) > 4:
            items.vrules.append((x0, min(y0, y1), max(y0, y1)))
    for x0, y0, x1, y1 in rects:
        if x1 - x0 > items.width * 0.95 and y1 - y0 > items.height * 0.9:
            continue  # the page background
        if (x0, y0, x1, y1) in boxes:
            continue  # a tick box is no table's cell
        if y1 - y0 < _TOL:
            items.hrules.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 < _TOL:
            items.vrules.append(((x0 + x1) / 2, y0, y1))
        elif y1 - y0 < 40 or x1 - x0 < 40:
            # a cell drawn as a box (shading, borders as rectangles): its four edges are rules
            items.hrules.extend([(y0, x0, x1), (y1, x0, x1)])
            items.vrules.extend([(x0, y0, y1), (x1, y0, y1)])
    items.hrules = _collinear(items.hrules)
    items.vrules = _collinear(items.vrules)
    return items


def _strike(items: PageItems, segments: list[tuple[float, float, float, float]]
            ) -> list[tuple[float, float, float, float]]:
    """Words struck through: a level line drawn across a run of text at mid-height (a third of the way up the
    letters, where a word processor draws strike-through; an underline lies under the baseline), starting where
    the run starts and about as long as it. Such a run is marked `struck` (the text layer still holds it: "is
    still / is no longer involved" with one option deleted by hand or by the form's writer). Returns the segments
    left: a strike line is no table rule."""
    left: list[tuple[float, float, float, float]] = []
    lines = _lines(items.frags) if segments else []
    for seg in segments:
        x0, y0, x1, y1 = seg
        hit = None
        if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 3:
            a, b = min(x0, x1), max(x0, x1)
            for line in lines:
                for k, f in enumerate(line):
                    word = f.text.strip()
                    if f.struck or not word or f.drawn or abs(a - f.x) > 1.5:
                        continue
                    # widths are estimates (short words vary most: "am" is wider than two average letters); the
                    # line stops before the next run of the same baseline
                    width = _width(word, f.size)
                    nxt = line[k + 1].x if k + 1 < len(line) else float("inf")
                    if (f.y + 0.15 * f.size <= y0 <= f.y + 0.5 * f.size and 0.5 * width <= b - a <= 2.0 * width
                            and b <= nxt + 2):
                        hit = f
                        break
                if hit is not None:
                    break
        if hit is None:
            left.append(seg)
        else:
            hit.struck = True
            items.struck += 1
    return left


# a struck option goes with the "/" that parts it from the others: "is still / ~~is no longer~~ involved"
_STRUCK = "\x00"
_STRUCK_OPTION = re.compile("\x00+[ \t]*/[ \t]*|[ \t]*/[ \t]*\x00+(?:[ \t]+(?=[.,;:!?)]))?")


def _unstrike(text: str) -> str:
    if _STRUCK not in text:
        return text
    return re.sub(r"[ \t]{2,}", " ", _STRUCK_OPTION.sub("", text).replace(_STRUCK, "")) if text.strip(
        _STRUCK + " /") else ""


_BOX_MIN, _BOX_MAX = 5.0, 14.0  # points: the side of a drawn tick box (a table cell is larger)


def _drawn_boxes(items: PageItems, rects: list[tuple[float, float, float, float]],
                 segments: list[tuple[float, float, float, float]]) -> set[tuple[float, float, float, float]]:
    """Tick boxes drawn as small squares, each given a glyph where it stands: ☒ when a slanting stroke lies
    inside it (a cross drawn as two lines, a tick as a polyline: no glyph in the text layer), ☐ otherwise. A
    box already shown by a glyph of the text layer is left alone. Returns the boxes (kept out of the rules)."""
    found: set[tuple[float, float, float, float]] = set()
    glyphs = [f for f in items.frags if CHECKED in f.text or UNCHECKED in f.text]
    printed = list(items.frags)
    for box in rects[:2000]:
        x0, y0, x1, y1 = box
        w, h = x1 - x0, y1 - y0
        if not (_BOX_MIN <= w <= _BOX_MAX and _BOX_MIN <= h <= _BOX_MAX and abs(w - h) <= 1.5):
            continue
        if any(x0 - 3 <= f.x <= x1 and y0 - 3 <= f.y <= y1 for f in glyphs):
            continue
        found.add(box)
        marked = any(abs(a - c) > 1 and abs(b - d) > 1 and min(a, c) >= x0 - 1 and max(a, c) <= x1 + 1
                     and min(b, d) >= y0 - 1 and max(b, d) <= y1 + 1 for a, b, c, d in segments)
        # on the baseline of the option printed beside it, so that box and option are one line
        beside = [f.y for f in printed if x1 <= f.x <= x1 + 30 and y0 - 3 <= f.y <= y1]
        line_y = min(beside, key=lambda y: abs(y - y0)) if beside else y0 + 1
        items.frags.append(Frag(x0, line_y, h, CHECKED if marked else UNCHECKED, drawn=True))
        items.symbols += 1
    return found


def _collinear(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Rules drawn cell by cell (one segment per cell edge) joined into the whole rule they make."""
    out: list[tuple[float, float, float]] = []
    for at, a, b in sorted(rules, key=lambda r: (round(r[0] / _TOL), r[1])):
        if out and abs(out[-1][0] - at) < _TOL and a <= out[-1][2] + 3 * _TOL:
            out[-1] = (out[-1][0], min(out[-1][1], a), max(out[-1][2], b))
        else:
            out.append((at, a, b))
    return out


def _widget_value(annot: Any) -> tuple[str, str | None]:
    """("text", value) or ("box", on/off) of one widget annotation, its field's value looked up its parents."""
    node, kind, value, flags = annot, None, None, 0
    for _ in range(4):
        kind = kind or node.get("/FT")
        if value is None and "/V" in node:
            value = node.get("/V")
        flags = flags or int(node.get("/Ff", 0) or 0)
        parent = node.get("/Parent")
        if parent is None:
            break
        node = parent.get_object()
    if kind == "/Btn":
        state = annot.get("/AS")
        if flags & (1 << 15):  # a radio button: on when its own state is the group's value
            on = state is not None and str(state) not in ("/Off", "Off") and str(state) == str(value)
        else:
            on = (state is not None and str(state) not in ("/Off", "Off")) or (
                state is None and value is not None and str(value) not in ("/Off", "Off", ""))
        return "box", CHECKED if on else UNCHECKED
    if kind in ("/Tx", "/Ch"):
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        return "text", clean(str(value)) if value is not None else None
    return "other", None


def add_widgets(page: Any, items: PageItems) -> int:
    """Each filled widget's value as a fragment where it is drawn; returns how many were placed."""
    placed = 0
    printed = len(items.frags)  # the page's own text, before any widget value is added
    read: list[tuple[float, float, float, float, str, str | None]] = []
    for ref in page.get("/Annots") or []:
        try:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            x0, y0, x1, y1 = (float(v) for v in annot.get("/Rect"))
            kind, value = _widget_value(annot)
        except Exception:
            continue
        read.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), kind, value))
    rects = [(x0, y0, x1, y1) for x0, y0, x1, y1, _, _ in read]
    for x0, y0, x1, y1, kind, value in read:
        if kind == "other" or not value:
            continue
        if kind == "box":
            # the widget is the box: a square drawn under it on the page is not a second one
            items.frags = [f for f in items.frags
                           if not (f.drawn and x0 - 3 <= f.x <= x1 + 3 and y0 - 3 <= f.y <= y1 + 3)]
            printed = min(printed, len(items.frags))
        # a tall text box in a row of short ones standing on the same line is read at their height: its middle
        # would sit among the short boxes' captions above them (its value read as theirs)
        high = min([y1] + [ry1 for rx0, ry0, rx1, ry1 in rects
                           if kind == "text" and abs(ry0 - y0) < 2 and y0 < ry1 < y1 and (rx1 <= x0 or rx0 >= x1)])
        size = min(10.0, max(6.0, high - y0 - 4)) if kind == "text" else 10.0
        # on the baseline of the label printed at its left within its height (a tall box's label may sit at its
        # top or its bottom), else its middle; a multi-line value becomes one line there, so that it can never
        # fall among the next rows' labels
        middle = y0 + (high - y0 - size) / 2 + 1
        # ...but not a label with another box between it and this one: that label is the other box's caption
        # (a tall box beside a row of short ones reaches up to their captions; read there, its value lands among
        # their labels and is read as theirs)
        beside = [f.y for f in items.frags[:printed] if f.x < x0 and y0 - 2 <= f.y <= y1
                  and not any(f.x < rx1 <= x0 + 1 and ry0 < y1 and ry1 > y0 and (rx0, ry0, rx1, ry1) != (x0, y0, x1, y1)
                              for rx0, ry0, rx1, ry1 in rects)]
        line_y = min(beside, key=lambda y: abs(y - middle)) if beside else middle
        text = " ".join(v.strip() for v in value.split("\n") if v.strip())
        items.frags.append(Frag(x0 + 2, line_y, size, text, box=x1 if kind == "text" else 0.0))
        placed += 1
    return placed


# --- ruled tables ----------------------------------------------------------------------------------------------

@dataclass
class _Grid:
    top: float
    bottom: float
    left: float
    right: float
    rows: list[tuple[float, float]]  # (top, bottom) bands


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] < _TOL:
            continue
        out.append(v)
    return out


def _grids(items: PageItems) -> list[_Grid]:
    """Ruled tables: runs of horizontal rules over the same span, joined by vertical rules between them."""
    hs = sorted(items.hrules, key=lambda h: -h[0])
    grids: list[_Grid] = []
    used = [False] * len(hs)
    for i, (y, x0, x1) in enumerate(hs):
        if used[i]:
            continue
        ys = [y]
        left, right = x0, x1
        for j in range(i + 1, len(hs)):
            y2, a, b = hs[j]
            if used[j] or abs(a - left) > 6 * _TOL or abs(b - right) > 6 * _TOL:
                continue
            # joined when a vertical rule runs from the last rule down to this one
            if any(abs(vx - left) < 3 * _TOL or abs(vx - right) < 3 * _TOL
                   for vx, v0, v1 in items.vrules if v0 <= y2 + _TOL and v1 >= ys[-1] - _TOL):
                ys.append(y2)
                used[j] = True
        used[i] = True
        bands = _merge(ys)[::-1]
        if len(bands) >= 2:
            rows = [(bands[k], bands[k + 1]) for k in range(len(bands) - 1) if bands[k] - bands[k + 1] > 4]
            if rows:
                grids.append(_Grid(bands[0], bands[-1], left, right, rows))
    return grids


_BULLET_START = re.compile(r"^[•·▪◦\uf0b7]\s")


def _cell_text(frags: list[Frag], left: float, right: float) -> str:
    """Words of one cell, line by line. A line is wrapped (the next joins it with a space) when the next line's
    first word would not have fitted after it: the writer did not press Enter there, the cell's edge did."""
    lines = _lines(frags)
    out: list[str] = []
    for k, line in enumerate(lines):
        text = _join(line)
        # a bulleted line is a new item however short the line above it (a list in one cell: one person a line)
        if out and not _BULLET_START.match(text) and _wrapped(lines[k - 1], line, left, right):
            # a word broken at its hyphen ("Okonkwo-" / "Reid", "Weston-" / "super-Mare") joins without a space;
            # a dash after a space is a separator
            hyphen = re.search(r"\w-$", out[-1]) is not None and text[:1].isalpha()
            # an address broken inside itself ("ravi.chaudhry@k" / "ent.police.uk") joins without a space
            tail = re.search(r"\S*@(\S*)$", out[-1])
            inside = tail is not None and (
                ("." not in tail.group(1) and re.match(r"[a-z0-9.\-]", text) is not None)
                or re.match(r"[a-z0-9\-]+\.[a-z]", text) is not None)
            # a wrapped line that starts with its comma ("Congresbury" / ", BS49 5DG") joins the word before it
            comma = text[:1] in ",;"
            out[-1] = f"{out[-1]}{'' if hyphen or inside or comma else ' '}{text}".strip()
        else:
            out.append(text)
    return "\n".join(pair_glyphs(s.strip()) for s in out if s.strip())


def _wrapped(prev: list[Frag], line: list[Frag], left: float, right: float) -> bool:
    """Widths are estimates (the fonts' metrics are not read): a line over half the cell that is not a question
    or a label ("Who does the child live with?") is taken as wrapped too."""
    if prev[-1].text.rstrip().endswith(("?", ":")):
        return False
    first = line[0].text.strip().split(" ")[0] if line[0].text.strip() else ""
    size = line[0].size
    fits = prev[-1].right + size * 0.3 + _width(first, size) <= right - 4
    return not fits or prev[-1].right - left > 0.55 * (right - left)


_GLYPH_RUN = re.compile(r"^(?P<boxes>(?:[☐☒]\s*){2,})(?P<opts>[^☐☒]+)$")


def pair_glyphs(text: str) -> str:
    """"☐ ☒ Yes No": a symbol font's boxes drawn as one run before the option words (their positions inside the
    run are not reported). Paired in order when the counts agree; otherwise the boxes are dropped, so that no
    tick is read from a guess."""
    m = _GLYPH_RUN.match(text.strip())
    if m is None:
        return text
    boxes = [b for b in m.group("boxes") if b in "☐☒"]
    opts = m.group("opts").split()
    if len(opts) != len(boxes):
        return m.group("opts").strip()
    return "   ".join(f"{b} {o}" for b, o in zip(boxes, opts, strict=True))


def _lines(frags: list[Frag]) -> list[list[Frag]]:
    """Fragments grouped into baselines, top to bottom, each left to right."""
    lines: list[list[Frag]] = []
    for f in sorted(frags, key=lambda f: (-f.y, f.x)):
        if lines and abs(lines[-1][0].y - f.y) < max(_TOL, min(f.size, lines[-1][0].size) * 0.6):
            lines[-1].append(f)
        else:
            lines.append([f])
    return [sorted(line, key=lambda f: f.x) for line in lines]


def _join(line: list[Frag]) -> str:
    out = ""
    prev: Frag | None = None
    for f in line:
        text = _STRUCK if f.struck else f.text
        if prev is not None and not out.endswith(" ") and not text.startswith(" "):
            gap = f.x - prev.right
            out += " " if gap > -prev.size * 0.3 or prev.text.endswith(" ") else ""
        out += text
        prev = f
    return re.sub(r"[ \t]+", " ", _unstrike(out)).strip()


def _table_rows(grid: _Grid, items: PageItems, frags: list[Frag]) -> list[list[str]]:
    rows: list[list[str]] = []
    for top, bottom in grid.rows:
        xs = _merge([vx for vx, v0, v1 in items.vrules
                     if grid.left - 3 * _TOL <= vx <= grid.right + 3 * _TOL
                     and v0 <= bottom + _TOL and v1 >= top - _TOL])
        if len(xs) < 2:
            xs = [grid.left, grid.right]
        inside = [f for f in frags if bottom - 1 < f.y < top - 1]
        split = _merged_split(grid, items, xs, top, bottom)
        if split is not None:
            rows.extend(_merged_rows(xs, inside, *split))
            continue
        cells: list[str] = []
        for k in range(len(xs) - 1):
            a, b = xs[k], xs[k + 1]
            if b - a < 4:
                continue
            mine = [f for f in inside if a - 1 <= f.x < b - 1]
            cells.append(_cell_text(mine, a, b))
        if any(cells):
            rows.append(cells)
    return rows


def _merged_split(grid: _Grid, items: PageItems, xs: list[float], top: float,
                  bottom: float) -> tuple[float, list[float]] | None:
    """(x, inner rules) when the band is a vertically merged group cell on the left ("Referrer") beside rows of
    its own ("Name | ...", "Role | ...") whose rules start at a column edge and run to the table's right edge,
    as LibreOffice and Word draw them. Only when every inner rule starts at that one column edge."""
    inner = [(y, x0) for y, x0, x1 in items.hrules
             if bottom + _TOL < y < top - _TOL and abs(x1 - grid.right) < 6 * _TOL and x0 > grid.left + 6 * _TOL]
    if not inner:
        return None
    starts = _merge([x0 for _, x0 in inner])
    if len(starts) != 1 or not any(abs(starts[0] - x) < 3 * _TOL for x in xs[1:-1]):
        return None
    return starts[0], sorted({y for y, _ in inner}, reverse=True)


def _merged_rows(xs: list[float], inside: list[Frag], at: float, inner: list[float]) -> list[list[str]]:
    """The band as sub-rows: the merged cells left of `at` in the first sub-row and empty below it (as a Word
    table's vertically merged cell reads), the cells right of it row by row between the inner rules."""
    edges = [float("inf"), *inner, float("-inf")]
    out: list[list[str]] = []
    for n in range(len(edges) - 1):
        high, low = edges[n], edges[n + 1]
        cells: list[str] = []
        for k in range(len(xs) - 1):
            a, b = xs[k], xs[k + 1]
            if b - a < 4:
                continue
            if b <= at + 3 * _TOL:
                mine = [f for f in inside if a - 1 <= f.x < b - 1] if n == 0 else []
            else:
                mine = [f for f in inside if a - 1 <= f.x < b - 1 and low - 1 < f.y < high - 1]
            cells.append(_cell_text(mine, a, b))
        if any(cells[k] for k in range(len(cells)) if xs[k] >= at - 3 * _TOL):
            out.append(cells)
    return out


def has_grid(items: PageItems) -> bool:
    """Whether the page draws a ruled table of two or more rows."""
    return any(len(g.rows) >= 2 for g in _grids(items))


def _field_frames(grid: _Grid, items: PageItems, mine: list[int]) -> bool:
    """Whether a "grid" is only the frames drawn round a stack of fillable fields (one column, nothing printed in
    it, only widget values): the frames of fields a few points apart join into one ruled column, which read as a
    table put every value above all the labels printed at their left. Such values are read as free text, on the
    baselines of their labels (add_widgets), so "Name  Oksana Quick" stays one line."""
    if not mine or any(not items.frags[k].box for k in mine):
        return False
    inner = [vx for vx, v0, v1 in items.vrules
             if grid.left + 3 * _TOL < vx < grid.right - 3 * _TOL and v0 < grid.top and v1 > grid.bottom]
    return not inner


def layout(items: PageItems) -> list[tuple[float, str | list[list[str]]]]:
    """(top y, laid-out text line) for text outside tables and (top y, rows) for each ruled table, in reading
    order: top to bottom, and on a page of two columns the left column before the right one (see _columns)."""
    grids = [g for g in _grids(items) if len(g.rows) >= 1]
    taken: set[int] = set()
    placed: list[tuple[_Grid, tuple[float, str | list[list[str]]]]] = []
    for grid in grids:
        mine = [k for k, f in enumerate(items.frags)
                if k not in taken and grid.bottom - 1 < f.y < grid.top - 1 and grid.left - 2 <= f.x < grid.right]
        if _field_frames(grid, items, mine):
            continue
        rows = _table_rows(grid, items, [items.frags[k] for k in mine])
        if not rows:
            continue
        # a boxed paragraph or heading (one cell) is text, not a table
        placed.append((grid, (grid.top, rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else rows)))
        taken.update(mine)
    free = [f for k, f in enumerate(items.frags) if k not in taken]
    gutter = _gutter([g for g, _ in placed], free)
    if gutter is None:
        out = [item for _, item in placed] + _free_lines(free)
        out.sort(key=lambda item: -item[0])
        return out
    at, reach = gutter
    # each column read on its own (its own margin, its own lines: a left heading and a right one on one baseline
    # are two lines); what spans both columns (a title, a full-width table) parts the page into bands
    across = [f for f in free if f.x < at - 1 and f.right > reach]
    left = [f for f in free if f.x < at - 1 and f.right <= reach]
    right = [f for f in free if f.x >= at - 1]
    spans = sorted([item for g, item in placed if g.left < at - 1 < at + 1 < g.right] + _free_lines(across),
                   key=lambda item: -item[0])
    cols = [sorted([item for g, item in placed if g.right <= at + 1] + _free_lines(left), key=lambda item: -item[0]),
            sorted([item for g, item in placed if g.left >= at - 1] + _free_lines(right), key=lambda item: -item[0])]
    ordered: list[tuple[float, str | list[list[str]]]] = []
    for band in range(len(spans) + 1):
        top = spans[band - 1][0] if band else float("inf")
        bottom = spans[band][0] if band < len(spans) else float("-inf")
        for col in cols:
            ordered.extend(item for item in col if bottom < item[0] <= top)
        if band < len(spans):
            ordered.append(spans[band])
    return ordered


def _gutter(grids: list[_Grid], free: list[Frag]) -> tuple[float, float] | None:
    """(x, reach) of the gap between two columns, when ruled tables stand side by side in them (a leaflet-style
    page, a list flowing from the bottom of the left column to the top of the right): no table and no line of
    text crosses it but what spans the page. None for a page of one column (a label | value form included: its
    values sit in the same table as their labels, or in no table)."""
    pairs = [(a, b) for a in grids for b in grids
             # side by side, at the same height give or take a heading over one of them
             if a.right < b.left - 4 and a.bottom < b.top + 30 and b.bottom < a.top + 30]
    if not pairs:
        return None
    a, b = min(pairs, key=lambda p: (p[1].left - p[0].right, p[0].right))
    at = (a.right + b.left) / 2
    lefts = [g for g in grids if g.right <= at + 1]
    rights = [g for g in grids if g.left >= at - 1]
    outer = max(g.right for g in rights)
    reach = b.left + max(20.0, 0.3 * (outer - b.left))
    # a line of the left column whose estimated width runs a little past the gap is still the left column's
    straddle = [f for f in free if f.x < at - 1 and at + 1 < f.right <= reach and f.x < min(g.left for g in lefts) - 40]
    if not lefts or not rights or straddle:
        return None
    return at, reach


def _free_lines(free: list[Frag]) -> list[tuple[float, str | list[list[str]]]]:
    """Text outside the tables as laid-out lines, a wrapped paragraph's lines joined."""
    out: list[tuple[float, str | list[list[str]]]] = []
    margin = min((f.x for f in free), default=0.0)
    # one width of a character for the whole page, so that a column starts at the same place on every line
    # whatever the size of the text in it (8 pt headings over 10 pt widget values)
    sizes = sorted(f.size for f in free)
    unit = max(sizes[len(sizes) // 2] * 0.5, 1.0) if sizes else 5.0
    lines = _caption_rows(_lines(free))
    widest = max((line[-1].right for line in lines), default=0.0)
    prev: list[Frag] | None = None
    for line in lines:
        text = _laid_out(line, margin, unit)
        if prev is not None and _runs_on(prev, line, widest) and out and isinstance(out[-1][1], str):
            # a paragraph's line that reached the right margin wrapped: its next line carries on the sentence
            out[-1] = (out[-1][0], f"{out[-1][1]} {text.strip()}")
        else:
            out.append((line[0].y + line[0].size, text))
        prev = line
    return out


def _caption_rows(lines: list[list[Frag]]) -> list[list[Frag]]:
    """A fillable form's row of boxes with their captions printed over them, a taller box's caption a little
    higher than the others' (LiveCycle-style forms: "Organisation" over "Name   Role"): the higher caption
    joins the caption row when it stands over a box of the same row of values and beside, not over, the other
    captions. Otherwise it is a line of its own, and the row reads as a table whose header misses a column (its
    value then taken into the next section's caption or read as no one's)."""
    out = [list(line) for line in lines]
    for i in range(len(out) - 2):
        up, mid, values = out[i], out[i + 1], out[i + 2]
        boxes = [w.x for w in values if w.box]
        if not up or not mid or len(boxes) < 2 or up[0].y - mid[0].y > 2 * mid[0].size:
            continue
        if sum(1 for f in mid if not f.box and any(abs(f.x - x) <= 4 for x in boxes)) < 2:
            continue  # the line under it is no row of captions over these boxes
        moved = [f for f in up if not f.box and any(abs(f.x - x) <= 4 for x in boxes)
                 and not any(abs(f.x - g.x) <= 4 or (f.x < g.right and g.x < f.right) for g in mid)]
        for f in moved:
            f.y = mid[0].y
            up.remove(f)
        if moved:
            mid.extend(moved)
            mid.sort(key=lambda f: f.x)
    return [line for line in out if line]


def _runs_on(prev: list[Frag], line: list[Frag], widest: float) -> bool:
    """Whether `line` continues the paragraph line above it: one piece each, the same left edge, the next
    baseline, and the line above filled to (nearly) the widest line of the page."""
    if len(prev) > 3 or len(line) > 3 or abs(prev[0].x - line[0].x) > 2:
        return False
    size = prev[0].size
    gap = prev[0].y - line[0].y
    return 0 < gap <= 1.6 * size and prev[-1].right >= widest - 6 * size and len(_join(prev)) > 40


def _laid_out(line: list[Frag], margin: float, unit: float = 0.0) -> str:
    """One baseline as text with its gaps kept: a wide gap becomes 3 or more spaces (a column break), the piece
    after it placed at its position on the page (in `unit`s from the margin) where the line leaves room."""
    out = ""
    prev: Frag | None = None
    for f in line:
        if prev is not None:
            gap = f.x - prev.right
            char = max(prev.size * 0.5, 1.0)
            # the next widget, or the label after a widget, starts a new column however close it is drawn
            if gap > 2.5 * char or (prev.box and f.x >= prev.box - 1):
                column = int((f.x - margin) / unit) if unit else 0
                out = out.rstrip()
                out += " " * max(3, column - len(out) if unit else int(gap / char))
            elif not out.endswith(" ") and not f.text.startswith(" ") and gap > -char:
                out += " "
        else:
            indent = int((f.x - margin) / (unit or max(f.size * 0.5, 1.0)))
            out = " " * indent if indent >= 3 else ""  # an indented line (a wrapped cell) keeps its indent
        if f.struck:
            out += _STRUCK
        else:
            out += f.text.replace("\n", " ").rstrip() if "\n" in f.text else f.text  # "Process 1\n": one line
        prev = f
    return _unstrike(out).rstrip()
