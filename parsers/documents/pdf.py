"""PDF to a DocView: page text via pypdf, plus AcroForm fields (text and check boxes) as a label|value table."""

from __future__ import annotations

import io
import re
from typing import Any

from parsers import limits
from parsers.comb_dates import join_combs
from parsers.documents.model import Block, DocView, Table
from parsers.documents.pdf_columns import split_columns
from parsers.documents.pdf_layout import _symbol_font, add_widgets, has_grid, layout, read_page
from parsers.documents.safety import Unreadable
from parsers.documents.text import text_blocks
from parsers.normalise import CHECKED, UNCHECKED, clean
from parsers.ocr_labels import mend_text, mend_view
from parsers.sentence_form import rewrite as rewrite_sentences
from parsers.slash_rows import slash_tables

_OFF = {"/Off", "Off", "", "/No", "/0"}


def _field_label(field: Any, name: str) -> str:
    """The tooltip (/TU) is what the form author wrote beside the box; the name (/T) is often "Text12"."""
    label = field.get("/TU") or field.get("/T") or name
    return clean(str(label)).strip()


# A field named by a tool rather than a person ("Text12", "Check Box3", "undefined_2"): its label is on the page.
_GENERIC_FIELD = re.compile(r"^(?:text|check ?box|checkbox|field|textfield|text field|undefined|fill|button|"
                            r"radio|group|dropdown|combo ?box)[\s_\-.#]*\d*(?:_\d+)?$", re.I)


_OPTION_TAIL = re.compile(
    r"^(?P<question>.*?\S)\s*[-:–]?\s+(?P<option>yes|no|known|suspected|has been|not known|unknown|previously|n/?a)$",
    re.I,
)


def _question(label: str, field: Any) -> str:
    """A radio group's label without the option a form tool appended to it ("Has the child died? Yes" is the
    tooltip of the group's first button): left on, it reads as the answer whichever button is on."""
    states = [str(s).lstrip("/") for s in (field.get("/_States_") or []) if str(s).lstrip("/") not in ("Off", "")]
    for option in sorted(states, key=len, reverse=True):
        if label.lower().endswith(" " + option.lower()) and len(label) > len(option) + 2:
            return label[: -len(option)].rstrip(" -:–")
    return label


def _field_rows(reader: Any, named_only: bool = False) -> list[list[str]]:
    """Fields as label | value rows (label: tooltip, else name). named_only: only fields a person labelled (a
    tooltip, or a name that is words), as the page layout places the others beside their printed labels."""
    fields = reader.get_fields() or {}
    rows: list[list[str]] = []
    grouped: dict[str, list[str]] = {}
    for count, (name, field) in enumerate(fields.items()):
        if count >= limits.MAX_PDF_FIELDS:
            break
        if named_only and not field.get("/TU") and (_GENERIC_FIELD.match(str(name)) or "_" in str(name)):
            continue
        kind = field.get("/FT")
        value = field.get("/V")
        label = _field_label(field, name)
        if kind == "/Btn":
            flags = int(field.get("/Ff", 0) or 0)
            if flags & (1 << 15):  # radio group: the value is the chosen option's export name
                chosen = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), str(value or "").lstrip("/"))
                rows.append([_question(label, field), chosen if chosen and chosen != "Off" else ""])
            else:
                on = value is not None and str(value) not in _OFF
                opt = _OPTION_TAIL.match(label)
                if opt is not None:
                    # "Is the child deceased? No": one box per answer, named question + answer; the answers
                    # of one question go in one row, so the box is read against its answer, not the question
                    question = opt.group("question")
                    glyph = f"{CHECKED if on else UNCHECKED} {opt.group('option')}"
                    row = grouped.get(question)
                    if row is None:
                        grouped[question] = row = [question, ""]
                        rows.append(row)
                    row[1] = f"{row[1]}   {glyph}".strip()
                    continue
                if label.endswith("?"):
                    # one box beside a question ("Has the child died?"): ticked, it answers Yes; left empty it says
                    # nothing (a box nobody touched looks the same as one meant as No), so the answer stays open
                    rows.append([label, "Yes" if on else ""])
                    continue
                rows.append([f"{CHECKED if on else UNCHECKED} {label}"])
        elif kind in ("/Tx", "/Ch"):
            text = value if isinstance(value, str) else ("" if value is None else str(value))
            rows.append([label, clean(text).strip()])
    return rows


def _positioned(page: Any) -> list[Block] | None:
    """The page read from positioned words, ruling lines and widgets; None when that reading fails."""
    try:
        items = read_page(page)
        widgets = add_widgets(page, items)
    except Exception:
        return None
    if not items.frags or (not widgets and not items.symbols and not items.struck and not has_grid(items)):
        return None
    blocks: list[Block] = []
    pending: list[str] = []
    for _, item in layout(items):
        if isinstance(item, str):
            pending.append(item)
            continue
        if pending:
            blocks.extend(layout_blocks("\n".join(pending)))
            pending = []
        blocks.append(Table([[clean(c) for c in row] for row in item]))
    if pending:
        blocks.extend(layout_blocks("\n".join(pending)))
    return blocks


# An `l` or `re` token: the only operators that draw the rules read_page looks for. A token inside a string
# ("(Role re: ...) Tj") also matches, which only costs the positioned pass it would have cost anyway.
_PATH_OP = re.compile(rb"(?:^|[\x00\t\n\x0c\r ()<>\[\]{}/%])(?:re|l)(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|$)")


def _plainly_text(page: Any) -> bool:
    """Whether a page certainly gives _positioned nothing (it would return None): no widgets, no form XObjects,
    no symbol font and no rule-drawing operator in its content. Such a page (a typed letter, a hand-built text
    PDF) is read as laid-out text without first paying for a positioned pass; any doubt or error says no."""
    try:
        if page.get("/Annots"):
            return False
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        if resources is None or "/XObject" in resources:
            return False
        fonts = resources.get("/Font")
        for font in (fonts.get_object().values() if fonts is not None else []):
            if _symbol_font(font.get_object()) is not None:
                return False
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        if contents is None:
            return False
        streams = [part.get_object() for part in contents] if isinstance(contents, list) else [contents]
        return not any(_PATH_OP.search(stream.get_data()) for stream in streams)
    except Exception:
        return False


def _page_text(page: Any) -> str:
    """The page laid out as on paper (columns kept apart by spaces), a page of two newspaper columns read one
    column after the other; the plain reading order if that fails."""
    try:
        return split_columns(str(page.extract_text(extraction_mode="layout") or ""))
    except Exception:
        return str(page.extract_text() or "")


_PIECE = re.compile(r"\S+(?:[ \t]{1,2}\S+)*")


def _spans(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each piece of a laid-out line, pieces being 3 or more spaces apart."""
    return [(m.start(), m.end(), clean(m.group(0))) for m in _PIECE.finditer(line)]


_OPEN_LABEL = re.compile(r"^[A-Za-z][A-Za-z '()/&-]*$")


def _column(start: int, starts: list[int], allowed: list[bool] | None = None) -> int:
    """The column a piece starting at `start` sits in: the one starting nearest to it (fonts are proportional,
    so a value wrapped under a cell may start a few characters left or right of it)."""
    cols = [k for k in range(len(starts)) if allowed is None or (k < len(allowed) and allowed[k])]
    return min(cols or range(len(starts)), key=lambda k: abs(starts[k] - start))


def _tail_word(spans: list[tuple[int, int, str]]) -> bool:
    """A lone lower-case piece under a row of cells ("þ Any other White" / "background"): the end of a cell that
    wrapped, printed at the cell's own left edge rather than indented."""
    return len(spans) == 1 and len(spans[0][2]) <= 30 and spans[0][2][:1].islower()


def _lay_table(lines: list[list[tuple[int, int, str]]]) -> Table:
    """Rows of a laid-out table. An indented line continues the cells above it (a wrapped cell); a row with
    fewer pieces than the first row is placed by position under the first row's columns."""
    rows: list[list[str]] = []
    starts: list[list[int]] = []
    head = [a for a, _, _ in lines[0]]
    uncertain = False
    for spans in lines:
        if rows and (spans[0][0] > 0 or _tail_word(spans)):  # a wrapped line: each piece joins the cell above it
            for a, _, text in spans:
                k = _column(a, starts[-1])
                if text.endswith(":"):  # the end of a wrapped label ("Date" / "submitted:") joins a label cell
                    k = _column(a, starts[-1], [bool(_OPEN_LABEL.match(c)) for c in rows[-1]])
                rows[-1][k] = f"{rows[-1][k]} {text}".strip()
            continue
        if len(spans) >= len(head) or len(rows) == 0:
            rows.append([t for _, _, t in spans])
            starts.append([a for a, _, _ in spans])
            continue
        cells = [""] * len(head)
        for a, _, text in spans:
            k = _column(a, head)
            uncertain = uncertain or bool(cells[k])
            cells[k] = f"{cells[k]} {text}".strip()
        rows.append(cells)
        starts.append(head)
    return Table(rows, columns_uncertain=uncertain, origin="text")


def _join_wrapped(blocks: list[Block]) -> list[Block]:
    """A paragraph line that runs on ("... who had" / "returned to the home") is one line of text."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, str) and isinstance(prev, str) and prev.strip() and block[:1].islower()
                and not prev.rstrip().endswith((".", ":", "?", "!", ";"))):
            out[-1] = f"{prev.rstrip()} {block.strip()}"
            continue
        out.append(block)
    return out


_TAIL_WORDS = re.compile(r"^(?P<value>.*\S)\s+(?P<label>[A-Z][a-z]+(?: [a-z]+){0,2})$")


def _labels_run_in(blocks: list[Block]) -> list[Block]:
    """Lines of a form laid out in flowing columns, label above answer: the next label printed on the answer's
    line ("Named Nurse for Safeguarding Children Organisation" over "University Hospitals ...") is a line of its
    own, and an answer wrapped after a comma ("38 Cadbury Camp Lane End, Easton-in-Gordano," / "BS20 9XH") one line.
    Only between lines that are a label's answer: the line above is a label, and the one below is no label."""
    from parsers.labels_right import is_label

    def label(k: int) -> bool:
        return 0 <= k < len(blocks) and isinstance(blocks[k], str) and is_label(str(blocks[k]))

    out: list[Block] = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if not isinstance(block, str) or not label(k - 1) or label(k):
            out.append(block)
            k += 1
            continue
        text = block.strip()
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if text.endswith(",") and isinstance(nxt, str) and nxt.strip() and not label(k + 1) and len(nxt) < 60:
            out.append(f"{text} {nxt.strip()}")
            k += 2
            continue
        m = _TAIL_WORDS.match(text)
        if m is not None and is_label(m.group("label")) and isinstance(nxt, str) and nxt.strip() and not label(k + 1):
            out.extend([m.group("value"), m.group("label")])
        else:
            out.append(block)
        k += 1
    return out


def layout_blocks(text: str) -> list[Block]:
    """Laid-out page text to paragraphs and tables: lines of several pieces (and the indented lines that wrap
    their cells) are a table; any other line is a paragraph."""
    blocks: list[Block] = []
    run: list[list[tuple[int, int, str]]] = []
    for raw in rewrite_sentences(mend_text(text)).split("\n"):
        spans = _spans(raw.rstrip())
        if len(spans) >= 2 or (run and spans and (spans[0][0] > 0 or _tail_word(spans))):
            run.append(spans)
            continue
        if run:
            blocks.append(_lay_table(run))
            run = []
        blocks.extend(text_blocks(raw.strip()) if raw.strip() else [""])  # text_blocks cleans
    if run:
        blocks.append(_lay_table(run))
    return slash_tables(_labels_run_in(_rows_parted_by_space(_join_wrapped(
        [_boxes_then_options(b) if isinstance(b, Table) else b for b in blocks]))))


_BOX_CELL = re.compile(r"^[☐☒]$")
_OPTION_CELL = re.compile(r"^(?:[☐☒]\s*)?[A-Za-z][A-Za-z' ]{0,20}$")


def _boxes_then_options(table: Table) -> Table:
    """A row whose boxes were printed before all its options ("Child protection plan: | ☒ | ☐ | ☐ | ☐ Yes | No |
    Has been | Not known"): the boxes are the options' own, in order ("☒ Yes   ☐ No ..."), as the form shows them;
    only when there are exactly as many boxes as options."""
    for r, row in enumerate(table.rows):
        if len(row) < 5:
            continue
        cells = [c.strip() for c in row[1:] if c.strip()]
        boxes = [c for c in cells if _BOX_CELL.match(c)]
        options = [c for c in cells if not _BOX_CELL.match(c)]
        if len(boxes) < 2 or not all(_OPTION_CELL.match(c) for c in options):
            continue
        glyphs = boxes + [o[0] for o in options if o[0] in "☐☒"]
        words = [o.lstrip("☐☒ ") for o in options]
        if len(glyphs) != len(words) or cells[: len(boxes)] != boxes:
            continue
        table.rows[r] = [row[0], "   ".join(f"{g} {w}" for g, w in zip(glyphs, words, strict=True))]
    return table


# a cell's last word that cannot end it: the cell wrapped onto a line of its own ("Relationship to" / "child")
_DANGLING = re.compile(r"(?:\b(?:to|of|and|or|the|with|for|in)|[,&/\-–])$", re.I)


def _rows_parted_by_space(blocks: list[Block]) -> list[Block]:
    """A borderless table printed with space between its rows reads as one table a row: tables of the same number
    of columns parted only by blank lines are one table, so its header row stays over its rows. A short line
    between them that finishes one cell of the row above ("Health Visiting," / "Sirona") is put back in that cell,
    when exactly one cell of the row could go on; otherwise the tables are left apart."""
    out: list[Block] = []
    pending: list[Block] = []  # blank lines (and at most one wrapped tail) since the last table
    for block in blocks:
        last = out[-1] if out and isinstance(out[-1], Table) else None
        if isinstance(block, Table) and last is not None:
            tails = [b for b in pending if isinstance(b, str) and b.strip()]
            width = len(last.rows[-1]) if last.rows else 0
            if width >= 2 and all(len(r) == width for r in block.rows) and not last.columns_uncertain:
                if not tails:
                    last.rows.extend(block.rows)
                    pending = []
                    continue
                open_cells = [c for c, cell in enumerate(last.rows[-1]) if _DANGLING.search(cell.strip())]
                if len(tails) == 1 and len(open_cells) == 1 and len(str(tails[0]).split()) <= 3:
                    c = open_cells[0]
                    last.rows[-1][c] = f"{last.rows[-1][c].rstrip()} {str(tails[0]).strip()}"
                    last.rows.extend(block.rows)
                    pending = []
                    continue
            out.extend(pending)
            pending = []
            out.append(block)
            continue
        if isinstance(block, str) and out and isinstance(out[-1], Table) and (
                not block.strip() or len(pending) < 3):
            pending.append(block)
            continue
        out.extend(pending)
        pending = []
        out.append(block)
    out.extend(pending)
    return out


def _carry_over(blocks: list[Block], page: list[Block]) -> None:
    """Add a page's blocks. A table that ends one page and a table as wide that opens the next are one table (a
    list broken by the page: the rows on the second page have no header row of their own); a first row with its
    first cell empty and most others too is the last row's cells running on ("Weston-" / "super-Mare")."""
    last = next((b for b in reversed(blocks) if not (isinstance(b, str) and not b.strip())), None)
    first = next((k for k, b in enumerate(page) if not (isinstance(b, str) and not b.strip())), None)
    if not (isinstance(last, Table) and first is not None and isinstance(page[first], Table)):
        blocks.extend(page)
        return
    head = page[first]
    assert isinstance(head, Table)
    width = len(last.rows[-1]) if last.rows else 0
    if width < 3 or not head.rows or any(len(r) != width for r in head.rows) or len(last.rows[0]) != width:
        blocks.extend(page)
        return
    rows = [list(r) for r in head.rows]
    if not rows[0][0].strip() and 2 * sum(1 for c in rows[0] if c.strip()) <= width:
        joined = [f"{a}{'' if a.endswith('-') else ' '}{b}".strip() if b.strip() else a
                  for a, b in zip(last.rows[-1], rows.pop(0), strict=True)]
        last.rows[-1] = joined
    last.rows.extend(rows)
    blocks.extend(page[first + 1 :])


def read_pdf(data: bytes, name: str) -> DocView:
    """Raises Unreadable (encrypted, damaged, scanned) with a warning that names the file."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(
                f"attachment '{name}' is a password-protected PDF: ask the sender to resend it without a password "
                "over secure email"
            )
        pages = reader.pages[: limits.MAX_PDF_PAGES]
        laid = [None if _plainly_text(page) else _positioned(page) for page in pages]
        if any(blocks is not None for blocks in laid):
            # pages without rules or widgets read as laid-out text, as before
            laid = [blocks if blocks is not None else layout_blocks(_page_text(page))
                    for page, blocks in zip(pages, laid, strict=True)]
            text = ""
            rows = _field_rows(reader, named_only=True)
        else:
            text = "\n".join(_page_text(page) for page in pages)
            rows = _field_rows(reader)
            laid = []
    except Unreadable:
        raise
    except (PdfReadError, Exception) as exc:
        raise Unreadable(
            f"attachment '{name}' is a damaged or truncated PDF ({type(exc).__name__}): ask the sender to resend it"
        ) from exc
    blocks: list[Block] = []
    if rows:
        blocks.append(Table(rows, origin="form"))
    for page_blocks in laid:
        _carry_over(blocks, list(page_blocks or []))
    if text:
        blocks.extend(layout_blocks(text))
    # a comb of one-digit boxes is one date (comb_dates.py); a scan's OCR slips in its labels mended (ocr_labels.py)
    blocks = [join_combs(b) if isinstance(b, Table) else b for b in blocks]
    view = mend_view(DocView(name=name, blocks=blocks))
    if view.is_empty():
        raise Unreadable(
            f"attachment '{name}' has no text (a scan or image?): ask the sender for the Word form or a typed PDF"
        )
    return view
